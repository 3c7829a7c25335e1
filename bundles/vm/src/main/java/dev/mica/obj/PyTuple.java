package dev.mica.obj;

import java.util.Arrays;

/** tuple: an immutable array. */
public class PyTuple extends PyObject {
    public static final PyType TYPE = PyType.builtin("tuple", PyType.OBJECT);
    public static final PyTuple EMPTY = new PyTuple();

    private final PyObject[] items;

    public PyTuple(PyObject... items) {
        if (items.length > 0) {
            dev.mica.heap.HeapAccount.chargeCurrent(bytesFor(items.length));
        }
        this.items = items;
    }

    private PyTuple(PyObject[] items, boolean held) {
        this.items = items;
    }

    /**
     * A tuple standing for one that MicroPython keeps inside another object (an exception's
     * args), so making it here is not an allocation there.
     */
    static PyTuple held(PyObject[] items) {
        return new PyTuple(items, true);
    }

    /** MicroPython's tuple: type, length, then the items inline. */
    private static long bytesFor(int n) {
        return dev.mica.heap.HeapAccount.blocks(16 + 8L * n);
    }

    @Override
    public long heapBytes() {
        return items.length == 0 ? 0 : bytesFor(items.length);
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        for (PyObject x : items) {
            visitor.visit(x);
        }
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (a.length == 0) {
                return EMPTY;
            }
            if (a[0] instanceof PyTuple) {
                return a[0];
            }
            return new PyTuple(Ops.toArray(a[0]));
        });
        TYPE.method("count", 2, 2, a -> {
            int c = 0;
            for (PyObject x : ((PyTuple) a[0]).items) {
                if (Ops.eq(x, a[1])) {
                    c++;
                }
            }
            return PyInt.of(c);
        });
        TYPE.method("index", 2, 4, a -> PyInt.of(PyList.indexOf(((PyTuple) a[0]).items, ((PyTuple) a[0]).items.length, a)));
    }

    /** The backing array; callers must not change it. */
    public PyObject[] items() {
        return items;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        if (items.length == 1) {
            int[] depth = ReprDepth.enter();
            try {
                return "(" + Ops.repr(items[0]) + ",)";
            } finally {
                ReprDepth.leave(depth);
            }
        }
        return PyList.join(items, items.length, "(", ")");
    }

    @Override
    public boolean isTrue() {
        return items.length != 0;
    }

    @Override
    public int len() {
        return items.length;
    }

    @Override
    public PyObject getItem(PyObject key) {
        if (key instanceof PySlice s) {
            if (s.indices(items.length)[2] != 1) {
                throw PyTypedArray.notImplemented("only slices with step=1 (aka None) are supported");
            }
            return new PyTuple(PyList.sliceOf(items, items.length, s));
        }
        return items[PyList.index(key, items.length, "tuple")];
    }

    @Override
    public PyObject iter() {
        return new PyIterators.ArrayIterator(items, items.length);
    }

    @Override
    public boolean contains(PyObject item) {
        for (PyObject x : items) {
            if (Ops.eq(x, item)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (!(other instanceof PyTuple t) || t.items.length != items.length) {
            return false;
        }
        for (int i = 0; i < items.length; i++) {
            if (!Ops.eq(items[i], t.items[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long pyHash() {
        long h = 0x345678;
        for (PyObject x : items) {
            h = h * 1000003 ^ Ops.hash(x);
        }
        return h;
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        switch (op) {
            case Ops.ADD:
            case Ops.INPLACE_ADD:
                if (other instanceof PyTuple t) {
                    PyObject[] r = Arrays.copyOf(items, items.length + t.items.length);
                    System.arraycopy(t.items, 0, r, items.length, t.items.length);
                    return new PyTuple(r);
                }
                return null;
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY:
                if (other instanceof PyInt n) {
                    return new PyTuple(PyList.repeat(items, items.length, n));
                }
                return null;
            case Ops.LESS:
            case Ops.MORE:
            case Ops.LESS_EQUAL:
            case Ops.MORE_EQUAL:
                if (other instanceof PyTuple t) {
                    return Py.bool(PyList.compareResult(op, PyList.compare(items, items.length, t.items, t.items.length)));
                }
                return null;
            default:
                return null;
        }
    }

    // last, after every method is defined: the order MicroPython lists them in
    static {
        TYPE.orderLocals("count", "index");
    }
}
