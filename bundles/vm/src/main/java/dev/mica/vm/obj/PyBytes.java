package dev.mica.vm.obj;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** bytes: an immutable byte array. */
public final class PyBytes extends PyObject {
    public static final PyType TYPE = PyType.builtin("bytes", PyType.OBJECT);

    private final byte[] bytes;

    public PyBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The backing array; callers must not change it. */
    public byte[] bytes() {
        return bytes;
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (a.length == 0) {
                return new PyBytes(new byte[0]);
            }
            if (a[0] instanceof PyStr s) {
                return new PyBytes(s.value().getBytes(StandardCharsets.UTF_8));
            }
            if (a[0] instanceof PyInt n) {
                return new PyBytes(new byte[n.toInt()]);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (PyObject x : Ops.toArray(a[0])) {
                long v = Ops.indexValue(x, "int");
                if (v < 0 || v > 255) {
                    throw Py.valueError("bytes value out of range");
                }
                out.write((int) v);
            }
            return new PyBytes(out.toByteArray());
        });
        TYPE.methodKw("decode", 1, 3, (a, kw) -> PyStr.of(new String(((PyBytes) a[0]).bytes, StandardCharsets.UTF_8)));
        // the text methods work on bytes as on Latin-1 text: each byte one character
        for (String name : new String[] {"split", "rsplit", "strip", "lstrip", "rstrip", "startswith", "endswith",
            "find", "rfind", "index", "rindex", "count", "replace", "upper", "lower", "partition", "rpartition",
            "isdigit", "isalpha", "isspace", "isupper", "islower", "center", "ljust", "rjust", "splitlines", "join"}) {
            PyObject strMethod = PyStr.TYPE.lookup(name);
            TYPE.methodKw(name, 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
                PyObject[] args = new PyObject[a.length];
                for (int i = 0; i < a.length; i++) {
                    args[i] = asText(a[i], name.equals("join") && i == 1);
                }
                return fromText(strMethod.call(args, kw));
            });
        }
        TYPE.method("hex", 1, 1, a -> {
            StringBuilder sb = new StringBuilder();
            for (byte b : ((PyBytes) a[0]).bytes) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return PyStr.of(sb.toString());
        });
    }

    private static PyObject asText(PyObject o, boolean iterableOfBytes) {
        if (o instanceof PyBytes b) {
            return PyStr.of(new String(b.bytes, StandardCharsets.ISO_8859_1));
        }
        if (iterableOfBytes) {
            PyList l = new PyList();
            for (PyObject x : Ops.toArray(o)) {
                l.append(asText(x, false));
            }
            return l;
        }
        if (o instanceof PyStr) {
            throw Py.typeError("can't convert 'str' object to bytes implicitly");
        }
        if (o instanceof PyTuple t) {
            PyObject[] items = new PyObject[t.items().length];
            for (int i = 0; i < items.length; i++) {
                items[i] = asText(t.items()[i], false);
            }
            return new PyTuple(items);
        }
        return o;
    }

    private static PyObject fromText(PyObject o) {
        if (o instanceof PyStr s) {
            return new PyBytes(s.value().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (o instanceof PyList l) {
            PyList r = new PyList();
            for (int i = 0; i < l.size(); i++) {
                r.append(fromText(l.get(i)));
            }
            return r;
        }
        if (o instanceof PyTuple t) {
            PyObject[] items = new PyObject[t.items().length];
            for (int i = 0; i < items.length; i++) {
                items[i] = fromText(t.items()[i]);
            }
            return new PyTuple(items);
        }
        return o;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(q);
        for (byte b : bytes) {
            int c = b & 0xff;
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

    @Override
    public PyObject getItem(PyObject key) {
        if (key instanceof PySlice s) {
            long[] r = s.indices(bytes.length);
            int n = PySlice.length(r);
            byte[] out = new byte[n];
            long j = r[0];
            for (int i = 0; i < n; i++, j += r[2]) {
                out[i] = bytes[(int) j];
            }
            return new PyBytes(out);
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
        if (item instanceof PyInt n) {
            for (byte b : bytes) {
                if ((b & 0xff) == n.value) {
                    return true;
                }
            }
            return false;
        }
        if (item instanceof PyBytes b) {
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(new String(b.bytes, StandardCharsets.ISO_8859_1));
        }
        return false;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        return other instanceof PyBytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public long pyHash() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if ((op == Ops.ADD || op == Ops.INPLACE_ADD) && other instanceof PyBytes b) {
            byte[] r = Arrays.copyOf(bytes, bytes.length + b.bytes.length);
            System.arraycopy(b.bytes, 0, r, bytes.length, b.bytes.length);
            return new PyBytes(r);
        }
        if ((op == Ops.MULTIPLY || op == Ops.INPLACE_MULTIPLY) && other instanceof PyInt n) {
            long k = Math.max(0, n.isBig() ? 0 : n.value);
            byte[] r = new byte[(int) (bytes.length * k)];
            for (int i = 0; i < k; i++) {
                System.arraycopy(bytes, 0, r, i * bytes.length, bytes.length);
            }
            return new PyBytes(r);
        }
        if (other instanceof PyBytes b && op >= Ops.LESS && op <= Ops.MORE_EQUAL && op != Ops.EQUAL) {
            int c = Arrays.compareUnsigned(bytes, b.bytes);
            return Py.bool(PyList.compareResult(op, c));
        }
        return null;
    }
}
