package dev.mica.obj;

/** array.array: a growable array of numbers of one typecode. */
public final class PyArray extends PyTypedArray {
    public static final PyType TYPE = PyType.builtin("array", PyType.OBJECT);

    public PyArray(char typecode, byte[] items, int length) {
        super(typecode, items, 0, length);
    }

    /** An empty array of the typecode (ValueError "bad typecode" for an unknown one). */
    public static PyArray empty(char typecode) {
        return new PyArray(typecode, new byte[0], 0);
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (kw != null && kw.length > 0) {
                throw Py.typeError("function doesn't take keyword arguments");
            }
            if (a.length < 1) {
                throw Py.typeError("function missing 1 required positional arguments");
            }
            if (a.length > 2) {
                throw Py.typeError("function expected at most 2 arguments, got " + a.length);
            }
            char typecode = typecodeArgument(a[0]);
            return a.length == 1 ? empty(typecode) : construct(typecode, a[1]);
        });
        TYPE.method("append", 2, 2, a -> {
            ((PyArray) a[0]).append(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("extend", 2, 2, a -> {
            ((PyArray) a[0]).extend(a[1]);
            return PyNone.NONE;
        });
    }

    private static char typecodeArgument(PyObject o) {
        if (o instanceof PyStr s) {
            return s.value().isEmpty() ? '\0' : s.value().charAt(0);
        }
        if (o instanceof PyBytes b) {
            return b.bytes().length == 0 ? '\0' : (char) (b.bytes()[0] & 0xff);
        }
        throw Py.typeError("can't convert '" + o.type().name() + "' object to str implicitly");
    }

    /**
     * array(typecode, initializer): raw bytes are copied from bytes and bytearray (whole items
     * only); any other initializer is iterated and each value converted.
     */
    public static PyArray construct(char typecode, PyObject initializer) {
        int size = Typecodes.size(typecode);
        if (initializer instanceof PyBytes || initializer instanceof PyByteArray) {
            BufferView src = Buffers.read(initializer);
            int n = src.length() / size;
            byte[] items = java.util.Arrays.copyOfRange(src.array(), src.offset(), src.offset() + n * size);
            return new PyArray(typecode, items, n);
        }
        PyArray array = empty(typecode);
        PyObject it = initializer.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            array.append(x);
        }
        return array;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    protected boolean writable() {
        return true;
    }

    @Override
    protected PyObject slice(int start, int stop) {
        byte[] b = java.util.Arrays.copyOfRange(items, start * itemSize, stop * itemSize);
        return new PyArray(typecode, b, stop - start);
    }

    @Override
    protected boolean equalityComparesWith(PyObject other) {
        return !(other instanceof PyBytes || other instanceof PyStr);
    }

    @Override
    protected PyObject concatResult(byte[] bytes) {
        return new PyArray(typecode, bytes, bytes.length / itemSize);
    }

    @Override
    public String repr() {
        StringBuilder sb = new StringBuilder("array('").append(typecode).append('\'');
        if (length > 0) {
            sb.append(", [");
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(Ops.repr(item(i)));
            }
            sb.append(']');
        }
        return sb.append(')').toString();
    }
}
