package dev.mica.obj;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** dict: keeps insertion order. Also the namespace of modules. */
public class PyDict extends PyObject {
    public static final PyType TYPE = PyType.builtin("dict", PyType.OBJECT);

    final ObjectTable map = new ObjectTable();

    /** MicroPython's dict object: type and the map's counts and table pointer. */
    static final long HEADER_BYTES = 32;

    public PyDict() {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES);
    }

    @Override
    public long heapBytes() {
        return HEADER_BYTES + map.heapBytes();
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        map.traceReferences(visitor);
    }

    public Map<PyObject, PyObject> map() {
        return map;
    }

    public PyObject get(PyObject key) {
        return map.get(key);
    }

    public void put(PyObject key, PyObject value) {
        map.put(key, value);
    }

    public PyObject getStr(String name) {
        return map.get(PyStr.name(name));
    }

    public void putStr(String name, PyObject value) {
        map.put(PyStr.name(name), value);
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            PyDict d = new PyDict();
            int n = Py.positional(a, kw);
            if (n > 1) {
                throw Py.typeError("function expected at most 1 arguments, got " + n);
            }
            if (n == 1) {
                d.update(a[0]);
            }
            for (int i = 0; kw != null && i < kw.length; i++) {
                d.putStr(kw[i], a[n + i]);
            }
            return d;
        });
        TYPE.method("keys", 1, 1, a -> new PyIterators.DictView((PyDict) a[0], 0));
        TYPE.method("values", 1, 1, a -> new PyIterators.DictView((PyDict) a[0], 1));
        TYPE.method("items", 1, 1, a -> new PyIterators.DictView((PyDict) a[0], 2));
        TYPE.method("get", 2, 3, a -> {
            PyObject v = ((PyDict) a[0]).map.get(a[1]);
            return v != null ? v : a.length > 2 ? a[2] : PyNone.NONE;
        });
        TYPE.method("setdefault", 2, 3, a -> {
            PyDict d = (PyDict) a[0];
            PyObject v = d.map.get(a[1]);
            if (v == null) {
                v = a.length > 2 ? a[2] : PyNone.NONE;
                d.map.put(a[1], v);
            }
            return v;
        });
        TYPE.method("pop", 2, 3, a -> {
            PyDict d = (PyDict) a[0];
            PyObject v = d.map.remove(a[1]);
            if (v == null) {
                if (a.length > 2) {
                    return a[2];
                }
                throw Py.keyError(a[1]);
            }
            return v;
        });
        TYPE.method("popitem", 1, 1, a -> {
            PyDict d = (PyDict) a[0];
            if (d.map.isEmpty()) {
                throw Py.error(PyBaseException.KEY_ERROR, "popitem(): dictionary is empty");
            }
            Map.Entry<PyObject, PyObject> last = null;
            for (Map.Entry<PyObject, PyObject> e : d.map.entrySet()) {
                last = e;
            }
            d.map.remove(last.getKey());
            return new PyTuple(last.getKey(), last.getValue());
        });
        TYPE.methodKw("update", 1, 2, (a, kw) -> {
            PyDict d = (PyDict) a[0];
            int n = Py.positional(a, kw);
            if (n > 1) {
                d.update(a[1]);
            }
            for (int i = 0; kw != null && i < kw.length; i++) {
                d.putStr(kw[i], a[n + i]);
            }
            return PyNone.NONE;
        });
        TYPE.method("clear", 1, 1, a -> {
            ((PyDict) a[0]).map.clear();
            return PyNone.NONE;
        });
        TYPE.method("copy", 1, 1, a -> {
            PyDict d = new PyDict();
            d.map.putAll(((PyDict) a[0]).map);
            return d;
        });
        // a classmethod as in MicroPython, which ignores the class and always builds a plain dict
        PyBuiltinFunction fromkeys = new PyBuiltinFunction("fromkeys", 2, 3, false, (a, kw) -> {
            PyDict d = new PyDict();
            PyObject v = a.length > 2 ? a[2] : PyNone.NONE;
            for (PyObject k : Ops.toArray(a[1])) {
                d.map.put(k, v);
            }
            return d;
        });
        TYPE.define("fromkeys", new PyDescriptors.ClassMethod(fromkeys));
    }

    public void update(PyObject source) {
        if (source instanceof PyDict d) {
            map.putAll(d.map);
            return;
        }
        PyObject keysMethod = source instanceof PyInstance ? source.getAttr("keys") : null;
        if (keysMethod != null) {
            for (PyObject k : Ops.toArray(keysMethod.call(Py.NO_ARGS, null))) {
                map.put(k, source.getItem(k));
            }
            return;
        }
        PyObject it = source.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            PyObject[] pair = Ops.toArray(x);
            if (pair.length != 2) {
                throw Py.valueError("dict update sequence has wrong length");
            }
            map.put(pair[0], pair[1]);
        }
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        int[] depth = ReprDepth.enter();
        try {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<PyObject, PyObject> e : map.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(Ops.repr(e.getKey())).append(": ").append(Ops.repr(e.getValue()));
            }
            return sb.append('}').toString();
        } finally {
            ReprDepth.leave(depth);
        }
    }

    @Override
    public boolean isTrue() {
        return !map.isEmpty();
    }

    @Override
    public int len() {
        return map.size();
    }

    @Override
    public PyObject getItem(PyObject key) {
        PyObject v = map.get(key);
        if (v == null) {
            throw Py.keyError(key);
        }
        return v;
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        map.put(key, value);
    }

    @Override
    public void delItem(PyObject key) {
        if (map.remove(key) == null) {
            throw Py.keyError(key);
        }
    }

    @Override
    public boolean contains(PyObject item) {
        return map.containsKey(item);
    }

    @Override
    public PyObject iter() {
        return new PyIterators.JavaIterator(keySnapshot().iterator());
    }

    List<PyObject> keySnapshot() {
        return new ArrayList<>(map.keySet());
    }

    @Override
    public boolean pyEquals(PyObject other) {
        return other instanceof PyDict d && d.keepsOrder() == keepsOrder() && d.map.equals(map);
    }

    /** True for OrderedDict, which never equals a plain dict (MicroPython compares their types first). */
    protected boolean keepsOrder() {
        return false;
    }

    @Override
    public long pyHash() {
        throw Py.typeError("unsupported type for __hash__: 'dict'");
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if ((op == Ops.OR || op == Ops.INPLACE_OR) && other instanceof PyDict d) {
            PyDict r = op == Ops.OR ? new PyDict() : this;
            if (op == Ops.OR) {
                r.map.putAll(map);
            }
            r.map.putAll(d.map);
            return r;
        }
        return null;
    }

    /** Iterates entries (used by ** unpacking). */
    public Iterator<Map.Entry<PyObject, PyObject>> entries() {
        return map.entrySet().iterator();
    }

    // last, after every method is defined: the order MicroPython lists them in
    static {
        TYPE.orderLocals("clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values", "__getitem__", "__setitem__", "__delitem__");
    }
}
