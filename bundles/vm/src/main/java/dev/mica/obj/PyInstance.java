package dev.mica.obj;

import java.util.Map;

/**
 * An instance of a user class. Operations look for the matching special method in the class;
 * an instance of a subclass of a built-in type other than object wraps a value of that type
 * and falls back to it.
 */
public class PyInstance extends PyObject {
    protected PyType type;
    protected final Map<String, PyObject> dict = new AttributeMap();
    /** The built-in value for subclasses of list, dict, int, ...; else null. */
    protected PyObject base;

    public PyInstance(PyType type) {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES);
        this.type = type;
    }

    /** For exceptions, which are made (and charged) even when the heap is locked or full. */
    PyInstance(PyType type, long quietBytes) {
        dev.mica.heap.HeapAccount.current().chargeQuietly(quietBytes);
        this.type = type;
    }

    /** MicroPython's instance: type, the members map's counts and table pointer, one native base slot. */
    private static final long HEADER_BYTES = 32;

    @Override
    public long heapBytes() {
        int n = dict.size();
        return HEADER_BYTES + (n == 0 ? 0 : dev.mica.heap.HeapAccount.blocks(16L * n));
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        ((AttributeMap) dict).visitValues(visitor);
        visitor.visit(base);
    }

    static PyInstance wrapping(PyType type, PyObject base) {
        PyInstance i = new PyInstance(type);
        i.base = base;
        return i;
    }

    public PyObject base() {
        return base;
    }

    public Map<String, PyObject> dict() {
        return dict;
    }

    /** The instance's own attribute {@code name}, an interned string (a name from code), or null. */
    public PyObject ownAttribute(String name) {
        return ((AttributeMap) dict).getInterned(name);
    }

    /** Sets the instance's own attribute {@code name}, an interned string (a name from code), in its dict. */
    public void putOwnAttribute(String name, PyObject value) {
        ((AttributeMap) dict).putInterned(name, value);
    }

    @Override
    public PyType type() {
        return type;
    }

    /** The class's special method {@code name} when the program defined one (not a built-in type's); else null. */
    private PyObject specialMethod(String name) {
        PyObject m = type.lookup(name);
        return m == null || m instanceof PyBuiltinFunction ? null : m;
    }

    /** Calls a special method of one argument (an operator's other operand, a key) if the class has one; null when it has none. */
    protected final PyObject special(String name, PyObject arg) {
        PyObject m = specialMethod(name);
        return m == null ? null : invoke(m, arg);
    }

    /** Calls a special method if the class has one; null when it has none. */
    protected final PyObject special(String name, PyObject... args) {
        PyObject m = specialMethod(name);
        return m == null ? null : invoke(m, args);
    }

    /** Calls a method found in the class with this instance as self, honouring static/class methods. */
    protected final PyObject invoke(PyObject m, PyObject... args) {
        if (m instanceof PyDescriptors.StaticMethod s) {
            return s.function().call(args, null);
        }
        if (m instanceof PyDescriptors.ClassMethod c) {
            return c.function().call(Py.prepend(type, args), null);
        }
        return m.call(Py.prepend(this, args), null);
    }

    /** {@link #invoke} with one argument: a plain method gets self and the argument in one array. */
    protected final PyObject invoke(PyObject m, PyObject arg) {
        if (m.isMethodFunction()) {
            return m.call(new PyObject[] {this, arg}, null);
        }
        return invoke(m, new PyObject[] {arg});
    }

    protected final boolean hasSpecial(String name) {
        return specialMethod(name) != null;
    }

    @Override
    public String repr() {
        PyObject r = special("__repr__");
        if (r != null) {
            return Ops.checkStr(r, "__repr__");
        }
        if (base != null) {
            return base.repr();
        }
        return "<" + type.name() + " object at " + Long.toHexString(Py.id(this)) + ">";
    }

    @Override
    public String str() {
        PyObject r = special("__str__");
        if (r != null) {
            return Ops.checkStr(r, "__str__");
        }
        if (base != null && !hasSpecial("__repr__")) {
            return base.str();
        }
        return repr();
    }

    @Override
    public boolean isTrue() {
        PyObject r = special("__bool__");
        if (r != null) {
            return r.isTrue();
        }
        r = special("__len__");
        if (r != null) {
            return Ops.indexValue(r, "int") != 0;
        }
        return base == null || base.isTrue();
    }

    @Override
    public PyObject getAttr(String name) {
        PyObject inType = type.lookup(name);
        if (inType instanceof PyDescriptors.Property p) {
            return p.get(this);
        }
        if (inType instanceof PyInstance d && d.type().lookup("__set__") != null) {
            return PyType.bindToInstance(inType, this, type);
        }
        PyObject v = dict.get(name);
        if (v != null) {
            return v;
        }
        if (inType != null) {
            return PyType.bindToInstance(inType, this, type);
        }
        if (name == "__class__") {
            return type;
        }
        if (name == "__dict__") {
            PyDict d = new PyDict();
            for (Map.Entry<String, PyObject> e : dict.entrySet()) {
                d.put(PyStr.name(e.getKey()), e.getValue());
            }
            return d;
        }
        if (base != null) {
            PyObject b = base.getAttr(name);
            if (b != null) {
                return b;
            }
        }
        PyObject ga = type.lookup("__getattr__");
        if (ga != null) {
            return invoke(ga, PyStr.name(name));
        }
        return null;
    }

    @Override
    public void setAttr(String name, PyObject value) {
        PyObject inType = type.lookup(name);
        if (inType instanceof PyDescriptors.Property p) {
            p.set(this, value);
            return;
        }
        if (inType instanceof PyInstance d) {
            PyObject setter = d.type().lookup(value == null ? "__delete__" : "__set__");
            if (setter != null) {
                setter.call(value == null ? new PyObject[] {d, this} : new PyObject[] {d, this, value}, null);
                return;
            }
        }
        PyObject sa = type.lookup(value == null ? "__delattr__" : "__setattr__");
        if (sa != null && !(sa instanceof PyBuiltinFunction)) {
            sa.call(value == null ? new PyObject[] {this, PyStr.name(name)} : new PyObject[] {this, PyStr.name(name), value}, null);
            return;
        }
        if (value == null) {
            if (dict.remove(name) == null) {
                throw Py.attributeError("'" + type.name() + "' object has no attribute '" + name + "'");
            }
        } else {
            dict.put(name, value);
        }
    }

    @Override
    public PyObject call(PyObject[] args, String[] kwNames) {
        PyObject m = type.lookup("__call__");
        if (m == null) {
            return base != null ? base.call(args, kwNames) : super.call(args, kwNames);
        }
        if (m instanceof PyDescriptors.StaticMethod s) {
            return s.function().call(args, kwNames);
        }
        return m.call(Py.prepend(this, args), kwNames);
    }

    @Override
    public PyObject getItem(PyObject key) {
        PyObject r = special("__getitem__", key);
        if (r != null) {
            return r;
        }
        return base != null ? base.getItem(key) : super.getItem(key);
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        if (special("__setitem__", key, value) == null) {
            if (base != null) {
                base.setItem(key, value);
            } else {
                super.setItem(key, value);
            }
        }
    }

    @Override
    public void delItem(PyObject key) {
        if (special("__delitem__", key) == null) {
            if (base != null) {
                base.delItem(key);
            } else {
                super.delItem(key);
            }
        }
    }

    @Override
    public PyObject iter() {
        PyObject r = special("__iter__");
        if (r != null) {
            return r;
        }
        if (hasSpecial("__getitem__")) {
            long[] i = {0};
            return new PyIterators.Native(PyIterators.ITERATOR, () -> {
                try {
                    return getItem(PyInt.of(i[0]++));
                } catch (PyException e) {
                    if (e.matches(PyBaseException.INDEX_ERROR) || e.matches(PyBaseException.STOP_ITERATION)) {
                        return null;
                    }
                    throw e;
                }
            });
        }
        return base != null ? base.iter() : super.iter();
    }

    @Override
    public PyObject next() {
        PyObject m = type.lookup("__next__");
        if (m == null) {
            return base != null ? base.next() : super.next();
        }
        try {
            return invoke(m);
        } catch (PyException e) {
            if (e.matches(PyBaseException.STOP_ITERATION)) {
                PyBaseException.recordStopValue(e.value().value());
                return null;
            }
            throw e;
        }
    }

    @Override
    public int len() {
        PyObject r = special("__len__");
        if (r != null) {
            return (int) Ops.indexValue(r, "int");
        }
        return base != null ? base.len() : super.len();
    }

    @Override
    public boolean contains(PyObject item) {
        PyObject r = special("__contains__", item);
        if (r != null) {
            return r.isTrue();
        }
        return base != null ? base.contains(item) : super.contains(item);
    }

    @Override
    public boolean pyEquals(PyObject other) {
        PyObject r = special("__eq__", other);
        if (r != null && r != PyNone.NOT_IMPLEMENTED) {
            return r.isTrue();
        }
        if (this == other) {
            return true;
        }
        if (base != null) {
            return base.pyEquals(other instanceof PyInstance i && i.base != null ? i.base : other);
        }
        return this == other;
    }

    @Override
    public long pyHash() {
        PyObject r = special("__hash__");
        if (r != null) {
            return PyInt.truncatedValue(r);
        }
        if (base != null) {
            return base.pyHash();
        }
        if (hasSpecial("__eq__")) {
            throw Py.typeError("unsupported type for __hash__: '" + type.name() + "'");
        }
        return Py.id(this);
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        String name = Ops.binaryMethodName(op);
        if (name != null) {
            PyObject m = type.lookup(name);
            if (m == null && op >= Ops.INPLACE_OR && op <= Ops.INPLACE_POWER) {
                m = type.lookup(Ops.binaryMethodName(op + Ops.INPLACE_TO_PLAIN));
            }
            if (m != null && !(m instanceof PyBuiltinFunction)) {
                PyObject r = invoke(m, other);
                return r == PyNone.NOT_IMPLEMENTED ? null : r;
            }
        }
        if (base != null) {
            return base.binaryOp(op, other instanceof PyInstance i && i.base != null ? i.base : other);
        }
        return null;
    }

    @Override
    public PyObject reflectedOp(int op, PyObject other) {
        String name = Ops.reflectedMethodName(op);
        if (name == null) {
            return null;
        }
        PyObject m = type.lookup(name);
        if (m == null || m instanceof PyBuiltinFunction) {
            return null;
        }
        PyObject r = invoke(m, other);
        return r == PyNone.NOT_IMPLEMENTED ? null : r;
    }

    @Override
    public PyObject unaryOp(int op) {
        String name = Ops.unaryMethodName(op);
        PyObject m = name == null ? null : type.lookup(name);
        if (m != null && !(m instanceof PyBuiltinFunction)) {
            return invoke(m);
        }
        return base != null ? base.unaryOp(op) : null;
    }
}
