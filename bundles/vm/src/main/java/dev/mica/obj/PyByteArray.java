package dev.mica.obj;

import java.util.Arrays;

/** bytearray: a mutable, growable sequence of bytes with the methods of bytes. */
public final class PyByteArray extends PyTypedArray {
    public static final PyType TYPE = PyType.builtin("bytearray", PyType.OBJECT);

    public PyByteArray(byte[] bytes) {
        this(bytes, bytes.length);
    }

    /** A bytearray over the first {@code length} bytes of {@code storage} (taken, not copied). */
    public PyByteArray(byte[] storage, int length) {
        super('B', storage, 0, length);
    }

    /**
     * A bytearray over {@code length} bytes of {@code storage} from {@code offset} (shared, not
     * copied): writes through it change {@code storage} until it grows, which moves it elsewhere.
     */
    public static PyByteArray sharing(byte[] storage, int offset, int length) {
        PyByteArray b = new PyByteArray(storage, 0);
        b.offset = offset;
        b.length = length;
        return b;
    }

    static {
        TYPE.setConstructor((t, a, kw) -> construct(a, kw));
        TYPE.method("append", 2, 2, a -> {
            ((PyByteArray) a[0]).append(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("extend", 2, 2, a -> {
            ((PyByteArray) a[0]).extend(a[1]);
            return PyNone.NONE;
        });
        BytesMethods.install(TYPE);
    }

    private static PyObject construct(PyObject[] a, String[] kw) {
        if (kw != null && kw.length > 0) {
            throw Py.typeError("function doesn't take keyword arguments");
        }
        if (a.length > 3) {
            throw Py.typeError("function expected at most 3 arguments, got " + a.length);
        }
        if (a.length == 0) {
            return new PyByteArray(new byte[0]);
        }
        PyObject init = a[0];
        if (init instanceof PyInt n && !(init instanceof PyBool)) {
            if (n.isBig()) {
                throw Py.overflow("overflow converting long int to machine word");
            }
            long len = n.value;
            if (len < 0 || len > Integer.MAX_VALUE - 8) {
                throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + (len & 0xffffffffL) + " bytes");
            }
            return new PyByteArray(new byte[(int) len]);
        }
        if (init instanceof PyStr && a.length == 1) {
            throw Py.typeError("string argument without an encoding");
        }
        BufferView src = Buffers.view(init);
        if (src != null) {
            return new PyByteArray(src.toByteArray());
        }
        PyByteArray r = new PyByteArray(new byte[0]);
        PyObject it = init.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            r.append(x);
        }
        return r;
    }

    /** A copy of the current contents. */
    public byte[] bytes() {
        return toBytes();
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    /** Item {@code i} (negative from the end), or null when out of range: the common read, without the typecode's dispatch. */
    public PyObject byteAt(long i) {
        long k = i < 0 ? i + length : i;
        return k >= 0 && k < length ? PyInt.of(items[offset + (int) k] & 0xff) : null;
    }

    /** Stores a small int as item {@code i} as a store of any int does (its low byte); false when out of range. */
    public boolean storeByteAt(long i, long value) {
        long k = i < 0 ? i + length : i;
        if (k < 0 || k >= length) {
            return false;
        }
        items[offset + (int) k] = (byte) value;
        return true;
    }

    @Override
    protected boolean writable() {
        return true;
    }

    @Override
    protected PyObject slice(int start, int stop) {
        return new PyByteArray(Arrays.copyOfRange(items, start, stop));
    }

    @Override
    protected PyObject concatResult(byte[] bytes) {
        return new PyByteArray(bytes);
    }

    @Override
    public String repr() {
        return "bytearray(" + PyBytes.repr(items, 0, length) + ")";
    }
}
