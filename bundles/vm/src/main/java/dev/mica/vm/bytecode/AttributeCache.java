package dev.mica.vm.bytecode;

import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyDescriptors;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * What one LOAD_ATTR, STORE_ATTR or LOAD_METHOD instruction learnt about the class of the
 * objects it last saw: the class attribute of that name and whether it changes how an
 * instance's own attributes are read or written. An entry is immutable (safe to share between
 * threads) and valid while the class and the namespace version are the same; any change to any
 * class namespace bumps the version.
 */
final class AttributeCache {
    private final PyType type;
    private final int version;
    /** The class attribute of the name (found along the MRO), or null. */
    final PyObject inType;
    /** True when the class attribute is a data descriptor, which takes precedence over the instance dict. */
    final boolean dataDescriptor;
    /** True when a store can go straight into the instance dict (no descriptor, no __setattr__). */
    final boolean plainStore;

    private AttributeCache(PyType type, int version, String name) {
        this.type = type;
        this.version = version;
        PyObject found = type.lookup(name);
        dataDescriptor = found instanceof PyDescriptors.Property
                || found instanceof PyInstance d && (d.type().lookup("__set__") != null || d.type().lookup("__delete__") != null);
        PyObject setattr = type.lookup("__setattr__");
        plainStore = !dataDescriptor && !(found instanceof PyInstance) && (setattr == null || setattr instanceof PyBuiltinFunction);
        inType = found;
    }

    /** The entry of instruction {@code slot} for class {@code t}, made afresh when the one there is stale. */
    static AttributeCache lookup(AttributeCache[] caches, int slot, PyType t, String name) {
        AttributeCache e = caches[slot];
        int v = PyType.namespaceVersion();
        if (e == null || e.type != t || e.version != v) {
            e = new AttributeCache(t, v, name);
            caches[slot] = e;
        }
        return e;
    }
}
