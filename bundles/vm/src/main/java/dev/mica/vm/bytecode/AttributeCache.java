package dev.mica.vm.bytecode;

import dev.mica.obj.DictEntryCache;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyDescriptors;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * What one LOAD_ATTR, STORE_ATTR or LOAD_METHOD instruction learnt about the classes of the
 * objects it saw: the class attribute of that name and whether it changes how an instance's
 * own attributes are read or written. An entry is immutable (safe to share between threads)
 * and valid while the class and the namespace version are the same; any change to any class
 * namespace bumps the version. An instruction that sees objects of a few classes (a method
 * called on the items of a mixed list) keeps one entry per class, newest first, up to
 * {@link #MAX_CLASSES}.
 */
final class AttributeCache {
    /** The classes one instruction remembers at once; beyond this the oldest are forgotten. */
    private static final int MAX_CLASSES = 4;

    private final PyType type;
    private final int version;
    /** The entry for another class seen by the same instruction (at the same version), or null. */
    private final AttributeCache next;
    /** The class attribute of the name (found along the MRO), or null. */
    final PyObject inType;
    /** True when the class attribute is a data descriptor, which takes precedence over the instance dict. */
    final boolean dataDescriptor;
    /** True when a store can go straight into the instance dict (no descriptor, no __setattr__). */
    final boolean plainStore;

    private AttributeCache(PyType type, int version, String name, AttributeCache next) {
        this.type = type;
        this.version = version;
        this.next = next;
        this.moduleEntry = null;
        PyObject found = type.lookup(name);
        dataDescriptor = found instanceof PyDescriptors.Property
                || found instanceof PyInstance d && (d.type().lookup("__set__") != null || d.type().lookup("__delete__") != null);
        PyObject setattr = type.lookup("__setattr__");
        plainStore = !dataDescriptor && !(found instanceof PyInstance) && (setattr == null || setattr instanceof PyBuiltinFunction);
        inType = found;
    }

    /** For an instruction that reads an attribute of a module: where the name was found in the module's dict; else null. */
    private final DictEntryCache moduleEntry;

    private AttributeCache(DictEntryCache moduleEntry) {
        this.type = null;
        this.version = 0;
        this.next = null;
        this.inType = null;
        this.dataDescriptor = false;
        this.plainStore = false;
        this.moduleEntry = moduleEntry;
    }

    /**
     * Attribute {@code name} of module {@code m} as {@link PyModule#getAttr} finds it in the
     * module's dict, remembered by instruction {@code slot}; null when the dict does not hold it
     * (the general way then decides).
     */
    static PyObject moduleAttribute(AttributeCache[] caches, int slot, PyModule m, String name) {
        AttributeCache e = caches[slot];
        PyDict globals = m.globals();
        if (e != null && e.moduleEntry != null) {
            PyObject v = e.moduleEntry.valueIn(globals);
            if (v != null) {
                return v;
            }
        }
        DictEntryCache found = DictEntryCache.find(globals, PyStr.name(name));
        if (found == null) {
            return null;
        }
        caches[slot] = new AttributeCache(found);
        return found.valueIn(globals);
    }

    /** The entry of instruction {@code slot} for class {@code t}, made afresh when none there is current. */
    static AttributeCache lookup(AttributeCache[] caches, int slot, PyType t, String name) {
        AttributeCache e = caches[slot];
        int v = PyType.namespaceVersion();
        if (e != null && e.type == t && e.version == v) {
            return e;
        }
        return lookupSlow(caches, slot, t, name, e, v);
    }

    private static AttributeCache lookupSlow(AttributeCache[] caches, int slot, PyType t, String name, AttributeCache first, int v) {
        if (first == null || first.version != v) {
            AttributeCache e = new AttributeCache(t, v, name, null);
            caches[slot] = e;
            return e;
        }
        int kept = 1;
        for (AttributeCache e = first.next; e != null; e = e.next, kept++) {
            if (e.type == t) {
                return e;
            }
        }
        // a new class at this instruction: in front of the others, or alone once there are too many
        AttributeCache e = new AttributeCache(t, v, name, kept < MAX_CLASSES ? first : null);
        caches[slot] = e;
        return e;
    }
}
