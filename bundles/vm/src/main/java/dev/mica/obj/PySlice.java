package dev.mica.obj;

/** slice objects made by {@code a[i:j:k]}. */
public final class PySlice extends PyObject {
    public static final PyType TYPE = PyType.builtin("slice", PyType.OBJECT);

    public final PyObject start;
    public final PyObject stop;
    public final PyObject step;

    /** MicroPython's slice: type, start, stop, step. */
    private static final long BYTES = 32;

    @Override
    public long heapBytes() {
        return BYTES;
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        visitor.visit(start);
        visitor.visit(stop);
        visitor.visit(step);
    }

    public PySlice(PyObject start, PyObject stop, PyObject step) {
        dev.mica.heap.HeapAccount.chargeCurrent(BYTES);
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public long pyHash() {
        throw Py.typeError("unsupported type for __hash__: 'slice'");
    }

    @Override
    public String repr() {
        return "slice(" + Ops.repr(start) + ", " + Ops.repr(stop) + ", " + Ops.repr(step) + ")";
    }

    @Override
    public PyObject getAttr(String name) {
        switch (name) {
            case "start":
                return start;
            case "stop":
                return stop;
            case "step":
                return step;
            default:
                return super.getAttr(name);
        }
    }

    static {
        TYPE.method("indices", 2, 2, a -> {
            long[] r = ((PySlice) a[0]).indices((int) Ops.indexValue(a[1], "int"));
            return new PyTuple(PyInt.of(r[0]), PyInt.of(r[1]), PyInt.of(r[2]));
        });
    }

    /** {start, stop, step} clamped to a sequence of length n, as Python's slice.indices. */
    public long[] indices(int n) {
        long st = step == PyNone.NONE ? 1 : Ops.indexValue(step, "int");
        if (st == 0) {
            throw Py.valueError("slice step can't be zero");
        }
        long lo;
        long hi;
        if (st > 0) {
            lo = start == PyNone.NONE ? 0 : clamp(Ops.indexValue(start, "int"), n, 0, n);
            hi = stop == PyNone.NONE ? n : clamp(Ops.indexValue(stop, "int"), n, 0, n);
        } else {
            lo = start == PyNone.NONE ? n - 1 : clamp(Ops.indexValue(start, "int"), n, -1, n - 1);
            hi = stop == PyNone.NONE ? -1 : clamp(Ops.indexValue(stop, "int"), n, -1, n - 1);
        }
        return new long[] {lo, hi, st};
    }

    private static long clamp(long i, int n, long min, long max) {
        if (i < 0) {
            i += n;
        }
        return Math.max(min, Math.min(max, i));
    }

    /** Number of items a clamped slice selects. */
    public static int length(long[] r) {
        if (r[2] > 0) {
            return r[1] > r[0] ? (int) ((r[1] - r[0] + r[2] - 1) / r[2]) : 0;
        }
        return r[0] > r[1] ? (int) ((r[0] - r[1] - r[2] - 1) / -r[2]) : 0;
    }
}
