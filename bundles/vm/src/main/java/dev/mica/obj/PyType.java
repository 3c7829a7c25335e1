package dev.mica.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Python type: built-in types and user classes alike. */
public final class PyType extends PyObject {
    /** Makes an instance of a built-in type from call arguments. */
    @FunctionalInterface
    public interface Constructor {
        PyObject construct(PyType type, PyObject[] args, String[] kwNames);
    }

    public static final PyType OBJECT = new PyType("object", new PyType[0], true);
    public static final PyType TYPE = new PyType("type", new PyType[] {OBJECT}, true);

    private final String name;
    private final PyType[] bases;
    private PyType[] mro;
    private final Map<String, PyObject> dict = new LinkedHashMap<>();
    private final boolean builtin;
    private Constructor constructor;
    /** The built-in type whose instance layout instances of this type use. */
    private PyType layout;
    /** Makes the built-in part of instances of user subclasses that define their own __init__. */
    private java.util.function.Supplier<PyObject> subclassBase;
    /** The type of this type: {@code type}, or a metaclass derived from it; null means {@code type}. */
    private PyType metatype;
    /** Some class names this one as a base. */
    private boolean subclassed;
    /**
     * This class or a base holds a property, a descriptor or __setattr__/__delattr__. MicroPython
     * refuses to add the first such attribute to a class that already has subclasses.
     */
    private boolean hasSpecialAccessors;

    private PyType(String name, PyType[] bases, boolean builtin) {
        this.name = name.intern();
        this.bases = bases;
        this.builtin = builtin;
        this.mro = computeMro(this, bases);
        this.layout = builtin ? this : null;
    }

    /** A class made by a program: MicroPython's type object and its namespace; built-in types live in ROM. */
    @Override
    public long heapBytes() {
        return builtin ? 0 : 128 + dev.mica.heap.HeapAccount.blocks(16L * dict.size());
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        if (!builtin) {
            for (PyObject v : dict.values()) {
                visitor.visit(v);
            }
            for (PyType b : bases) {
                visitor.visit(b);
            }
        }
    }

    public static PyType builtin(String name, PyType base) {
        return new PyType(name, new PyType[] {base}, true);
    }

    /**
     * A built-in type that inherits nothing from object in its namespace, for proxies such as
     * super whose attributes all come from elsewhere.
     */
    public static PyType builtinProxy(String name) {
        return new PyType(name, new PyType[0], true);
    }

    /** A class made by a {@code class} statement. */
    public static PyType userClass(String name, PyType[] bases, Map<String, PyObject> namespace) {
        PyType[] b = bases.length == 0 ? new PyType[] {OBJECT} : bases;
        for (PyType base : b) {
            if (!base.isAcceptableBase()) {
                throw Py.typeError("type '" + base.name + "' isn't an acceptable base type");
            }
        }
        PyType t = new PyType(name, b, false);
        PyType layout = OBJECT;
        for (PyType base : b) {
            PyType l = base.layout;
            if (l != OBJECT) {
                if (layout != OBJECT && !l.isSubclassOf(layout) && !layout.isSubclassOf(l)) {
                    throw Py.typeError("multiple bases have instance lay-out conflict");
                }
                if (layout == OBJECT || l.isSubclassOf(layout)) {
                    layout = l;
                }
            }
        }
        t.layout = layout;
        t.dict.putAll(namespace);
        for (PyType base : b) {
            base.subclassed = true;
            t.hasSpecialAccessors |= base.hasSpecialAccessors;
        }
        for (Map.Entry<String, PyObject> e : namespace.entrySet()) {
            t.hasSpecialAccessors |= isSpecialAccessor(e.getKey(), e.getValue());
        }
        PyObject newFn = t.dict.get("__new__");
        if (newFn != null && newFn.isMethodFunction()) {
            // __new__ is implicitly a static method
            t.dict.put("__new__", new PyDescriptors.StaticMethod(newFn));
        }
        return t;
    }

    private static boolean isSpecialAccessor(String attr, PyObject value) {
        if (attr.equals("__setattr__") || attr.equals("__delattr__") || value instanceof PyDescriptors.Property) {
            return true;
        }
        for (String hook : new String[] {"__get__", "__set__", "__delete__"}) {
            if (value.type().lookup(hook) != null || value instanceof PyType t && t.lookup(hook) != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether a class statement may derive from this type (MicroPython: the type can make instances). */
    private boolean isAcceptableBase() {
        return !builtin || constructor != null || this == OBJECT || this == TYPE
                || isSubclassOf(PyBaseException.BASE_EXCEPTION);
    }

    private static PyType[] computeMro(PyType self, PyType[] bases) {
        // depth-first, left to right, keeping the last occurrence of each class (a C3-compatible
        // order for the class hierarchies programs normally build)
        List<PyType> order = new ArrayList<>();
        collect(self, order);
        List<PyType> result = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            PyType t = order.get(i);
            if (order.subList(i + 1, order.size()).contains(t)) {
                continue;
            }
            result.add(t);
        }
        return result.toArray(new PyType[0]);
    }

    private static void collect(PyType t, List<PyType> out) {
        out.add(t);
        for (PyType b : t.bases) {
            collect(b, out);
        }
    }

    public String name() {
        return name;
    }

    public PyType[] bases() {
        return bases;
    }

    public PyType[] mro() {
        return mro;
    }

    public boolean isBuiltin() {
        return builtin;
    }

    public PyType layout() {
        return layout;
    }

    public Map<String, PyObject> dict() {
        return dict;
    }

    /**
     * For built-in types whose instances a user subclass's {@code __init__} sets up through
     * {@code super().__init__(...)}: the not yet initialised built-in part such instances start from.
     */
    public void setSubclassBase(java.util.function.Supplier<PyObject> blank) {
        subclassBase = blank;
    }

    public void setConstructor(Constructor c) {
        this.constructor = c;
    }

    public void define(String attr, PyObject value) {
        dict.put(attr.intern(), value);
        namespaceVersion++;
    }

    /**
     * Puts the named attributes of a built-in type first, in the given order (MicroPython's
     * locals table order, which help() and dir() show); the rest keep their order after them.
     * Special names listed here are part of the type's published table, so help() shows them.
     */
    public void orderLocals(String... names) {
        Map<String, PyObject> rest = new LinkedHashMap<>(dict);
        dict.clear();
        for (String n : names) {
            PyObject v = rest.remove(n);
            if (v != null) {
                dict.put(n.intern(), v);
            }
        }
        dict.putAll(rest);
        publishedNames = java.util.Set.of(names);
        namespaceVersion++;
    }

    /** Whether help() lists this attribute of a built-in type: ordinary names and published special ones. */
    public boolean listsInHelp(String attr) {
        return !attr.startsWith("__") || publishedNames.contains(attr);
    }

    private java.util.Set<String> publishedNames = java.util.Set.of();

    /** Defines a method implemented in Java; min/max count self. */
    public void method(String attr, int minArgs, int maxArgs, java.util.function.Function<PyObject[], PyObject> code) {
        define(attr, new PyBuiltinFunction(attr, minArgs, maxArgs, false, (a, kw) -> code.apply(checkSelf(attr, a))).asMethod());
    }

    public void methodKw(String attr, int minArgs, int maxArgs, NativeCode code) {
        define(attr, new PyBuiltinFunction(attr, minArgs, maxArgs, true, (a, kw) -> code.call(checkSelf(attr, a), kw)).asMethod());
    }

    /** Makes sure a method of this type got an instance of it as self (unwrapping subclass instances). */
    private PyObject[] checkSelf(String attr, PyObject[] args) {
        if (args.length > 0) {
            PyObject self = args[0];
            if (self instanceof PyInstance i && i.base != null && !(self instanceof PyBaseException) && i.base.type().isSubclassOf(this)) {
                args[0] = i.base;
                return args;
            }
            if (self.type().isSubclassOf(this) && (self.type().layout() == null || self.type().layout().isSubclassOf(layout))) {
                return args;
            }
        }
        throw Py.typeError("argument has wrong type");
    }

    public boolean isSubclassOf(PyType other) {
        if (this == other || other == OBJECT) {
            return true;
        }
        for (PyType t : mro) {
            if (t == other) {
                return true;
            }
        }
        return false;
    }

    /** Bumped whenever any class's namespace changes, which invalidates every lookup cache. */
    private static volatile int namespaceVersion;

    /** The current namespace version: a cache of lookups stays valid while this is unchanged. */
    public static int namespaceVersion() {
        return namespaceVersion;
    }
    private static final PyObject MISSING = new PyCell(null);
    private final java.util.concurrent.ConcurrentHashMap<String, PyObject> lookupCache = new java.util.concurrent.ConcurrentHashMap<>();
    private int cacheVersion = -1;

    /** One remembered lookup of a name (by identity: names from code are interned) at one namespace version. */
    private static final class RecentLookup {
        final String attr;
        final int version;
        /** What {@link #lookup} gives, or null. */
        final PyObject found;

        RecentLookup(String attr, int version, PyObject found) {
            this.attr = attr;
            this.version = version;
            this.found = found;
        }
    }

    /** Enough for the special names a class is asked for to rarely share a slot. */
    private static final int RECENT_SIZE = 64;
    /**
     * The last lookups, by the name's hash: special methods (__add__, __getitem__) are looked up
     * on every use, and a slot here is cheaper than the map below. Entries are immutable, so a
     * racing reader sees a whole one or another.
     */
    private RecentLookup[] recent;

    /** Looks a name up along the MRO, without binding. */
    public PyObject lookup(String attr) {
        int version = namespaceVersion;
        int slot = attr.hashCode() & (RECENT_SIZE - 1);
        RecentLookup[] table = recent;
        if (table == null) {
            // made on first use: most built-in types are never asked
            table = new RecentLookup[RECENT_SIZE];
            recent = table;
        }
        RecentLookup r = table[slot];
        if (r != null && r.attr == attr && r.version == version) {
            return r.found;
        }
        PyObject found = lookupShared(attr, version);
        table[slot] = new RecentLookup(attr, version, found);
        return found;
    }

    private PyObject lookupShared(String attr, int version) {
        if (cacheVersion != version) {
            lookupCache.clear();
            cacheVersion = version;
        }
        PyObject cached = lookupCache.get(attr);
        if (cached != null) {
            return cached == MISSING ? null : cached;
        }
        PyObject found = null;
        for (PyType t : mro) {
            PyObject v = t.dict.get(attr);
            if (v != null) {
                found = v;
                break;
            }
        }
        lookupCache.put(attr, found == null ? MISSING : found);
        return found;
    }

    /** Looks a name up along the MRO starting after {@code after} (for super). */
    public PyObject lookupAfter(PyType after, String attr) {
        boolean seen = false;
        for (PyType t : mro) {
            if (seen) {
                PyObject v = t.dict.get(attr);
                if (v != null) {
                    return v;
                }
            } else if (t == after) {
                seen = true;
            }
        }
        return null;
    }

    /** Attribute of an instance found in its type: functions become bound methods. */
    public PyObject lookupBound(PyObject self, String attr) {
        PyObject v = lookup(attr);
        return v == null ? null : bindToInstance(v, self, this);
    }

    public static PyObject bindToInstance(PyObject v, PyObject self, PyType type) {
        if (v.isMethodFunction()) {
            return new PyBoundMethod(v, self);
        }
        if (v instanceof PyDescriptors.StaticMethod s) {
            return s.function();
        }
        if (v instanceof PyDescriptors.ClassMethod c) {
            return new PyBoundMethod(c.function(), type);
        }
        if (v instanceof PyDescriptors.Property p) {
            return p.get(self);
        }
        if (v instanceof PyInstance d && !(v instanceof PyBaseException)) {
            PyObject get = d.type().lookup("__get__");
            if (get != null) {
                return get.call(new PyObject[] {v, self, type}, null);
            }
        }
        return v;
    }

    @Override
    public PyType type() {
        return metatype != null ? metatype : TYPE;
    }

    @Override
    public String repr() {
        return "<class '" + name + "'>";
    }

    @Override
    public PyObject getAttr(String attr) {
        PyObject v = lookup(attr);
        if (v != null) {
            if (v instanceof PyDescriptors.StaticMethod s) {
                return s.function();
            }
            if (v instanceof PyDescriptors.ClassMethod c) {
                return new PyBoundMethod(c.function(), this);
            }
            return v;
        }
        if (metatype != null && metatype != TYPE) {
            // methods a metaclass defines apply to its classes
            PyObject m = metatype.lookup(attr);
            if (m != null) {
                return bindToInstance(m, this, metatype);
            }
        }
        switch (attr) {
            case "__name__":
                // a class name is a qstr in MicroPython: reading it allocates nothing
                return PyStr.name(name);
            case "__bases__":
                return new PyTuple(bases.length == 1 && bases[0] == OBJECT && this != OBJECT ? new PyObject[] {OBJECT} : bases.clone());
            case "__mro__":
                return new PyTuple(mro.clone());
            case "__dict__": {
                PyDict d = new PyDict();
                for (Map.Entry<String, PyObject> e : dict.entrySet()) {
                    d.put(PyStr.of(e.getKey()), e.getValue());
                }
                return d;
            }
            default:
                return null;
        }
    }

    @Override
    public void setAttr(String attr, PyObject value) {
        if (builtin) {
            throw Py.attributeError("type object '" + name + "' has no attribute '" + attr + "'");
        }
        if (value == null) {
            if (dict.remove(attr) == null) {
                throw Py.attributeError("type object '" + name + "' has no attribute '" + attr + "'");
            }
        } else {
            if (!hasSpecialAccessors && isSpecialAccessor(attr, value)) {
                if (subclassed) {
                    throw Py.attributeError("can't add special method to already-subclassed class");
                }
                hasSpecialAccessors = true;
            }
            dict.put(attr, value);
        }
        namespaceVersion++;
    }

    @Override
    public PyObject call(PyObject[] args, String[] kwNames) {
        if (metatype != null && metatype != TYPE) {
            PyObject metaCall = metatype.lookup("__call__");
            if (metaCall != null && !(metaCall instanceof PyBuiltinFunction)) {
                return metaCall.call(Py.prepend(this, args), kwNames);
            }
        }
        if (this == TYPE) {
            int nPos = args.length - (kwNames == null ? 0 : kwNames.length);
            if (nPos == 1) {
                return args[0].type();
            }
            if (nPos == 3) {
                return newClass(args);
            }
            throw Py.typeError("function takes 1 positional arguments but " + nPos + " were given");
        }
        if (builtin) {
            if (constructor == null) {
                throw Py.typeError("can't create '" + name + "' instances");
            }
            return constructor.construct(this, args, kwNames);
        }
        return instantiate(args, kwNames);
    }

    /** __new__ and __init__ as found along the MRO at namespace version {@code creationVersion}. */
    private PyObject creationNew;
    private PyObject creationInit;
    private int creationVersion = -1;

    /** Looks __new__ and __init__ up again when a class namespace changed since the last time. */
    private void refreshCreation() {
        int version = namespaceVersion;
        if (creationVersion != version) {
            creationNew = lookup("__new__");
            creationInit = lookup("__init__");
            creationVersion = version;
        }
    }

    /** The {@code __new__} the program defined (a staticmethod's function), as last refreshed; null for the built-in one. */
    private PyObject programNew() {
        PyObject newFn = creationNew;
        PyObject impl = newFn instanceof PyDescriptors.StaticMethod s ? s.function() : newFn;
        return impl == null || impl instanceof PyBuiltinFunction ? null : impl;
    }

    private PyObject instantiate(PyObject[] args, String[] kwNames) {
        refreshCreation();
        PyObject obj;
        PyObject newImpl = programNew();
        if (newImpl != null) {
            obj = newImpl.call(Py.prepend(this, args), kwNames);
            if (!obj.type().isSubclassOf(this)) {
                return obj;
            }
        } else {
            obj = allocate(args, kwNames);
        }
        // __new__ may have changed a class namespace meanwhile
        PyObject init = creationVersion == namespaceVersion ? creationInit : lookup("__init__");
        if (init != null && !(init instanceof PyBuiltinFunction)) {
            checkInitResult(init.call(Py.prepend(obj, args), kwNames));
        }
        return obj;
    }

    /** What an {@code __init__} returned: None, else TypeError. */
    public static void checkInitResult(PyObject result) {
        if (result != PyNone.NONE) {
            throw Py.typeError("__init__() should return None, not '" + result.type().name() + "'");
        }
    }

    /**
     * For a call of this class that needs no more than a fresh plain instance and its
     * {@code __init__}: that {@code __init__} (a function of the program, as {@link #call} would
     * find it now). Null when the call needs {@link #call}'s general way: a built-in type or a
     * built-in base, a metaclass or a {@code __new__} of the program's own. {@link PyNone#NONE}
     * when there is no {@code __init__} of the program's own: the instance is all there is to
     * make (the arguments are not looked at, as in {@link #call}).
     */
    public PyObject plainInit() {
        if (builtin || layout != OBJECT || metatype != null && metatype != TYPE) {
            return null;
        }
        refreshCreation();
        if (programNew() != null) {
            return null;
        }
        PyObject init = creationInit;
        return init == null || init instanceof PyBuiltinFunction ? PyNone.NONE : init;
    }

    /** type(name, bases, dict): a new class. */
    private static PyType newClass(PyObject[] args) {
        String name = args[0] instanceof PyStr s ? s.asName() : args[0].str();
        if (!(args[1] instanceof PyTuple) || !(args[2] instanceof PyDict)) {
            throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
        }
        PyObject[] items = ((PyTuple) args[1]).items();
        PyType[] bs = new PyType[items.length];
        for (int i = 0; i < bs.length; i++) {
            if (!(items[i] instanceof PyType bt)) {
                throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
            }
            bs[i] = bt;
        }
        Map<String, PyObject> ns = new LinkedHashMap<>();
        for (Map.Entry<PyObject, PyObject> e : ((PyDict) args[2]).map().entrySet()) {
            ns.put(((PyStr) e.getKey()).value().intern(), e.getValue());
        }
        return userClass(name, bs, ns);
    }

    /** A fresh instance of this (user) class, before {@code __init__}. */
    public PyObject allocate(PyObject[] args, String[] kwNames) {
        if (layout == OBJECT) {
            return new PyInstance(this);
        }
        if (layout == TYPE) {
            // an instance of a metaclass is a class
            if (Py.positional(args, kwNames) != 3) {
                throw Py.typeError("function takes 3 positional arguments but " + Py.positional(args, kwNames) + " were given");
            }
            PyType cls = newClass(args);
            cls.metatype = this;
            return cls;
        }
        if (layout.isSubclassOf(PyBaseException.BASE_EXCEPTION)) {
            int nPos = args.length - (kwNames == null ? 0 : kwNames.length);
            return new PyBaseException(this, java.util.Arrays.copyOf(args, nPos));
        }
        if (layout.constructor == null) {
            throw Py.typeError("type '" + layout.name + "' is not an acceptable base type");
        }
        PyObject init = lookup("__init__");
        boolean userInit = init != null && !(init instanceof PyBuiltinFunction);
        boolean mutable = layout == PyList.TYPE || layout == PyDict.TYPE || layout == PySet.TYPE;
        // a user __init__ initialises a mutable built-in part itself through super().__init__
        PyObject base = userInit && layout.subclassBase != null ? layout.subclassBase.get()
                : userInit && mutable ? layout.constructor.construct(layout, Py.NO_ARGS, null)
                : layout.constructor.construct(layout, args, kwNames);
        return PyInstance.wrapping(this, base);
    }
}
