package dev.mica.obj;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** bytes: an immutable byte array. */
public final class PyBytes extends PyObject implements BufferSource {
    public static final PyType TYPE = PyType.builtin("bytes", PyType.OBJECT);
    public static final PyBytes EMPTY = new PyBytes(new byte[0]);

    private final byte[] bytes;

    public PyBytes(byte[] bytes) {
        dev.mica.heap.HeapAccount.chargeCurrent(bytesFor(bytes.length));
        this.bytes = bytes;
    }

    /** MicroPython's bytes: an object of type, hash, length and data pointer, and the data. */
    private static long bytesFor(int n) {
        return n == 0 ? 0 : 32 + dev.mica.heap.HeapAccount.blocks(n + 1L);
    }

    @Override
    public long heapBytes() {
        return bytesFor(bytes.length);
    }

    /** The backing array; callers must not change it. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public BufferView buffer() {
        return new BufferView(bytes, 0, bytes.length, 'B', false);
    }

    static {
        TYPE.setConstructor((t, a, kw) -> construct(a, kw));
        BytesMethods.install(TYPE);
    }

    private static PyObject construct(PyObject[] a, String[] kw) {
        if (kw != null && kw.length > 0) {
            throw PyTypedArray.notImplemented("keyword argument(s) not implemented - use normal args instead");
        }
        if (a.length == 0) {
            return EMPTY;
        }
        PyObject init = a[0];
        if (init instanceof PyBytes) {
            return init;
        }
        if (init instanceof PyStr s) {
            if (a.length < 2 || a.length > 3) {
                throw Py.typeError("string argument without an encoding");
            }
            return new PyBytes(s.value().getBytes(StandardCharsets.UTF_8));
        }
        if (a.length > 1) {
            throw Py.typeError("wrong number of arguments");
        }
        if (init instanceof PyInt n && !(init instanceof PyBool) && !n.isBig()) {
            if (n.value < 0) {
                throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
            }
            if (n.value > Integer.MAX_VALUE - 8) {
                throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + n.value + " bytes");
            }
            return new PyBytes(new byte[(int) n.value]);
        }
        BufferView src = Buffers.view(init);
        if (src != null) {
            return new PyBytes(src.toByteArray());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PyObject it = init.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            long v = Typecodes.intBits(x);
            PyObject base = x instanceof PyInstance i ? i.base() : x;
            if (v < 0 || v > 255 || ((PyInt) base).isBig()) {
                throw Py.valueError("bytes value out of range");
            }
            out.write((int) v);
        }
        return new PyBytes(out.toByteArray());
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return repr(bytes, 0, bytes.length);
    }

    /** b'...' with MicroPython's choice of quotes and escapes. */
    static String repr(byte[] bytes, int from, int to) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = from; i < to; i++) {
            hasSingle |= bytes[i] == '\'';
            hasDouble |= bytes[i] == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(q);
        for (int i = from; i < to; i++) {
            int c = bytes[i] & 0xff;
            if (c == q || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(q).toString();
    }

    @Override
    public boolean isTrue() {
        return bytes.length != 0;
    }

    @Override
    public int len() {
        return bytes.length;
    }

    /** Item {@code i} (negative from the end), or null when out of range. */
    public PyObject byteAt(long i) {
        long k = i < 0 ? i + bytes.length : i;
        return k >= 0 && k < bytes.length ? PyInt.of(bytes[(int) k] & 0xff) : null;
    }

    @Override
    public PyObject getItem(PyObject key) {
        if (key instanceof PySlice s) {
            int[] r = PyTypedArray.simpleSlice(s, bytes.length);
            return new PyBytes(Arrays.copyOfRange(bytes, r[0], r[1]));
        }
        return PyInt.of(bytes[PyList.index(key, bytes.length, "bytes")] & 0xff);
    }

    @Override
    public PyObject iter() {
        int[] i = {0};
        return new PyIterators.Native(PyIterators.ITERATOR, () -> i[0] < bytes.length ? PyInt.of(bytes[i[0]++] & 0xff) : null);
    }

    @Override
    public boolean contains(PyObject item) {
        BufferView needle = Buffers.view(item);
        if (needle != null) {
            return BytesMethods.find(bytes, 0, bytes.length, needle.toByteArray(), 1) >= 0;
        }
        for (byte b : bytes) {
            if (Ops.eq(PyInt.of(b & 0xff), item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal to bytes, and to bytearray, memoryview and user subclasses holding the same bytes
     * (the types whose equality looks at other types in MicroPython); never to str or array.
     */
    @Override
    public boolean pyEquals(PyObject other) {
        if (other instanceof PyBytes b) {
            return Arrays.equals(bytes, b.bytes);
        }
        if (!(other instanceof PyByteArray || other instanceof PyMemoryView || other instanceof PyInstance)) {
            return false;
        }
        BufferView v = Buffers.view(other);
        return v != null && Arrays.equals(bytes, 0, bytes.length, v.array(), v.offset(), v.offset() + v.length());
    }

    /** MicroPython's string hash (djb2 over the bytes, 16 bits, never zero). */
    @Override
    public long pyHash() {
        long h = 5381;
        for (byte b : bytes) {
            h = ((h << 5) + h) ^ (b & 0xff);
        }
        h &= 0xffff;
        return h == 0 ? 1 : h;
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        switch (op) {
            case Ops.MODULO:
            case Ops.INPLACE_MODULO:
                return new PyBytes(BytesMethods.fromFormatText(StrFormat.percent(BytesMethods.asFormatText(bytes), other, true)));
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY: {
                if (!(other instanceof PyInt n)) {
                    return null;
                }
                long k = n.isBig() ? (n.toBig().signum() > 0 ? Long.MAX_VALUE : 0) : n.value;
                if (k <= 0 || bytes.length == 0) {
                    return EMPTY;
                }
                if (k * bytes.length > Integer.MAX_VALUE - 8) {
                    throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + k * bytes.length + " bytes");
                }
                byte[] r = new byte[(int) (bytes.length * k)];
                for (int i = 0; i < k; i++) {
                    System.arraycopy(bytes, 0, r, i * bytes.length, bytes.length);
                }
                return new PyBytes(r);
            }
            default:
                break;
        }
        BufferView rhs = Buffers.view(other);
        if (rhs == null) {
            return null;
        }
        switch (op) {
            case Ops.ADD:
            case Ops.INPLACE_ADD: {
                if (bytes.length == 0 && other instanceof PyBytes) {
                    return other;
                }
                if (rhs.length() == 0) {
                    return this;
                }
                byte[] r = Arrays.copyOf(bytes, bytes.length + rhs.length());
                System.arraycopy(rhs.array(), rhs.offset(), r, bytes.length, rhs.length());
                return new PyBytes(r);
            }
            case Ops.LESS:
            case Ops.MORE:
            case Ops.LESS_EQUAL:
            case Ops.MORE_EQUAL: {
                int c = Arrays.compareUnsigned(bytes, 0, bytes.length, rhs.array(), rhs.offset(), rhs.offset() + rhs.length());
                return Py.bool(PyList.compareResult(op, c));
            }
            default:
                return null;
        }
    }
}
