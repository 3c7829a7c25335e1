package dev.mica.vm.obj;

import java.util.ArrayList;
import java.util.LinkedHashSet;

/** set and frozenset. */
public final class PySet extends PyObject {
    public static final PyType TYPE = PyType.builtin("set", PyType.OBJECT);
    public static final PyType FROZEN_TYPE = PyType.builtin("frozenset", PyType.OBJECT);

    private final LinkedHashSet<PyObject> set = new LinkedHashSet<>();
    private final boolean frozen;

    public PySet() {
        this(false);
    }

    public PySet(boolean frozen) {
        this.frozen = frozen;
    }

    public void add(PyObject x) {
        Ops.hash(x);
        set.add(x);
    }

    public LinkedHashSet<PyObject> items() {
        return set;
    }

    private static PySet from(PyObject src, boolean frozen) {
        PySet s = new PySet(frozen);
        PyObject it = src.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            s.add(x);
        }
        return s;
    }

    private static PySet other(PyObject o) {
        return o instanceof PySet s ? s : from(o, false);
    }

    private PySet copy(boolean asFrozen) {
        PySet r = new PySet(asFrozen);
        r.set.addAll(set);
        return r;
    }

    private static PySet self(PyObject[] a) {
        return (PySet) a[0];
    }

    static {
        TYPE.setConstructor((t, a, kw) -> a.length == 0 ? new PySet() : from(a[0], false));
        FROZEN_TYPE.setConstructor((t, a, kw) -> a.length == 0 ? new PySet(true) : from(a[0], true));
        for (PyType t : new PyType[] {TYPE, FROZEN_TYPE}) {
            t.method("copy", 1, 1, a -> self(a).copy(self(a).frozen));
            t.method("union", 1, PyBuiltinFunction.VARIADIC, a -> fold(a, Ops.OR));
            t.method("intersection", 1, PyBuiltinFunction.VARIADIC, a -> fold(a, Ops.AND));
            t.method("difference", 1, PyBuiltinFunction.VARIADIC, a -> fold(a, Ops.SUBTRACT));
            t.method("symmetric_difference", 2, 2, a -> self(a).binaryOp(Ops.XOR, other(a[1])));
            t.method("issubset", 2, 2, a -> Py.bool(other(a[1]).set.containsAll(self(a).set)));
            t.method("issuperset", 2, 2, a -> Py.bool(self(a).set.containsAll(other(a[1]).set)));
            t.method("isdisjoint", 2, 2, a -> {
                for (PyObject x : other(a[1]).set) {
                    if (self(a).set.contains(x)) {
                        return PyBool.FALSE;
                    }
                }
                return PyBool.TRUE;
            });
        }
        TYPE.method("add", 2, 2, a -> {
            self(a).add(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("discard", 2, 2, a -> {
            self(a).set.remove(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("remove", 2, 2, a -> {
            if (!self(a).set.remove(a[1])) {
                throw Py.keyError(a[1]);
            }
            return PyNone.NONE;
        });
        TYPE.method("pop", 1, 1, a -> {
            PySet s = self(a);
            if (s.set.isEmpty()) {
                throw Py.error(PyBaseException.KEY_ERROR, "pop from an empty set");
            }
            PyObject x = s.set.iterator().next();
            s.set.remove(x);
            return x;
        });
        TYPE.method("clear", 1, 1, a -> {
            self(a).set.clear();
            return PyNone.NONE;
        });
        TYPE.method("update", 1, PyBuiltinFunction.VARIADIC, a -> {
            for (int i = 1; i < a.length; i++) {
                self(a).set.addAll(other(a[i]).set);
            }
            return PyNone.NONE;
        });
        TYPE.method("intersection_update", 1, PyBuiltinFunction.VARIADIC, a -> {
            for (int i = 1; i < a.length; i++) {
                self(a).set.retainAll(other(a[i]).set);
            }
            return PyNone.NONE;
        });
        TYPE.method("difference_update", 1, PyBuiltinFunction.VARIADIC, a -> {
            for (int i = 1; i < a.length; i++) {
                self(a).set.removeAll(other(a[i]).set);
            }
            return PyNone.NONE;
        });
        TYPE.method("symmetric_difference_update", 2, 2, a -> {
            for (PyObject x : other(a[1]).set) {
                if (!self(a).set.remove(x)) {
                    self(a).set.add(x);
                }
            }
            return PyNone.NONE;
        });
    }

    private static PyObject fold(PyObject[] a, int op) {
        PySet r = self(a).copy(self(a).frozen);
        for (int i = 1; i < a.length; i++) {
            r = (PySet) r.binaryOp(op, other(a[i]));
        }
        return r;
    }

    @Override
    public PyType type() {
        return frozen ? FROZEN_TYPE : TYPE;
    }

    @Override
    public String repr() {
        if (set.isEmpty()) {
            return frozen ? "frozenset()" : "set()";
        }
        PyObject[] arr = set.toArray(new PyObject[0]);
        String body = PyList.join(arr, arr.length, "{", "}");
        return frozen ? "frozenset(" + body + ")" : body;
    }

    @Override
    public boolean isTrue() {
        return !set.isEmpty();
    }

    @Override
    public int len() {
        return set.size();
    }

    @Override
    public boolean contains(PyObject item) {
        return set.contains(item);
    }

    @Override
    public PyObject iter() {
        return new PyIterators.JavaIterator(new ArrayList<>(set).iterator());
    }

    @Override
    public boolean pyEquals(PyObject other) {
        return other instanceof PySet s && s.set.equals(set);
    }

    @Override
    public long pyHash() {
        if (!frozen) {
            throw Py.typeError("unsupported type for __hash__: 'set'");
        }
        return set.hashCode();
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if (!(other instanceof PySet o)) {
            return null;
        }
        boolean inplace = op >= Ops.INPLACE_OR && op <= Ops.INPLACE_POWER;
        PySet r = inplace && !frozen ? this : copy(frozen);
        switch (op) {
            case Ops.OR:
            case Ops.INPLACE_OR:
                r.set.addAll(o.set);
                return r;
            case Ops.AND:
            case Ops.INPLACE_AND:
                r.set.retainAll(o.set);
                return r;
            case Ops.SUBTRACT:
            case Ops.INPLACE_SUBTRACT:
                r.set.removeAll(o.set);
                return r;
            case Ops.XOR:
            case Ops.INPLACE_XOR:
                for (PyObject x : o.set) {
                    if (!r.set.remove(x)) {
                        r.set.add(x);
                    }
                }
                return r;
            case Ops.LESS:
                return Py.bool(set.size() < o.set.size() && o.set.containsAll(set));
            case Ops.LESS_EQUAL:
                return Py.bool(o.set.containsAll(set));
            case Ops.MORE:
                return Py.bool(set.size() > o.set.size() && set.containsAll(o.set));
            case Ops.MORE_EQUAL:
                return Py.bool(set.containsAll(o.set));
            default:
                return null;
        }
    }
}
