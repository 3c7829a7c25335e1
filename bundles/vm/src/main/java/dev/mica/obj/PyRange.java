package dev.mica.obj;

/** range objects. */
public final class PyRange extends PyObject {
    public static final PyType TYPE = PyType.builtin("range", PyType.OBJECT);

    public final long start;
    public final long stop;
    public final long step;

    public PyRange(long start, long stop, long step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (kw != null && kw.length > 0) {
                throw Py.typeError("function doesn't take keyword arguments");
            }
            if (a.length < 1 || a.length > 3) {
                throw Py.typeError("function missing 1 required positional arguments");
            }
            return a.length == 1 ? of(a[0]) : a.length == 2 ? of(a[0], a[1]) : of(a[0], a[1], a[2]);
        });
    }

    /** range(stop). */
    public static PyRange of(PyObject stop) {
        return new PyRange(0, Ops.indexValue(stop, "int"), 1);
    }

    /** range(start, stop). */
    public static PyRange of(PyObject start, PyObject stop) {
        return new PyRange(Ops.indexValue(start, "int"), Ops.indexValue(stop, "int"), 1);
    }

    /** range(start, stop, step). */
    public static PyRange of(PyObject start, PyObject stop, PyObject step) {
        long from = Ops.indexValue(start, "int");
        long to = Ops.indexValue(stop, "int");
        long by = Ops.indexValue(step, "int");
        if (by == 0) {
            throw Py.valueError("zero step");
        }
        return new PyRange(from, to, by);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    public int length() {
        long n = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        return (int) Math.max(0, n);
    }

    @Override
    public String repr() {
        return "range(" + start + ", " + stop + (step != 1 ? ", " + step : "") + ")";
    }

    @Override
    public boolean isTrue() {
        return length() > 0;
    }

    @Override
    public int len() {
        return length();
    }

    @Override
    public PyObject getItem(PyObject key) {
        int n = length();
        if (key instanceof PySlice s) {
            long[] r = s.indices(n);
            return new PyRange(start + r[0] * step, start + r[1] * step, step * r[2]);
        }
        return PyInt.of(start + step * PyList.index(key, n, "range"));
    }

    @Override
    public boolean contains(PyObject item) {
        if (item instanceof PyInt i && !i.isBig()) {
            long v = i.value;
            if (step > 0 ? v < start || v >= stop : v > start || v <= stop) {
                return false;
            }
            return (v - start) % step == 0;
        }
        return super.contains(item);
    }

    @Override
    public PyObject getAttr(String name) {
        switch (name) {
            case "start":
                return PyInt.of(start);
            case "stop":
                return PyInt.of(stop);
            case "step":
                return PyInt.of(step);
            default:
                return super.getAttr(name);
        }
    }

    @Override
    public PyObject iter() {
        return new PyIterators.RangeIterator(start, stop, step);
    }
}
