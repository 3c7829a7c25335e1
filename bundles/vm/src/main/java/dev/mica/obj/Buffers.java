package dev.mica.obj;

import java.nio.charset.StandardCharsets;

/**
 * The buffer protocol: how built-in functions and modules (bytes(), struct, io, int.from_bytes,
 * ...) read the bytes of any object that has them.
 */
public final class Buffers {
    private Buffers() {}

    /** The object's buffer, or null when it has none. A str offers its UTF-8 bytes, read-only. */
    public static BufferView view(PyObject o) {
        if (o instanceof BufferSource s) {
            return s.buffer();
        }
        if (o instanceof PyStr s) {
            byte[] b = s.value().getBytes(StandardCharsets.UTF_8);
            return new BufferView(b, 0, b.length, 'B', false);
        }
        if (o instanceof PyInstance i && i.base() != null) {
            return view(i.base());
        }
        return null;
    }

    /** The object's buffer, or MicroPython's TypeError when it has none. */
    public static BufferView read(PyObject o) {
        BufferView v = view(o);
        if (v == null) {
            throw Py.typeError("object with buffer protocol required");
        }
        return v;
    }

    /** A buffer that may be written to, or TypeError when the object has none or is read-only. */
    public static BufferView write(PyObject o) {
        BufferView v = view(o);
        if (v == null || !v.writable()) {
            throw Py.typeError("object with buffer protocol required");
        }
        return v;
    }

    /** A copy of the object's bytes (TypeError when it has no buffer). */
    public static byte[] bytesOf(PyObject o) {
        if (o instanceof PyBytes b) {
            return b.bytes();
        }
        return read(o).toByteArray();
    }

    /** True for objects that have the buffer protocol. */
    public static boolean has(PyObject o) {
        return o instanceof BufferSource || o instanceof PyStr
                || o instanceof PyInstance i && i.base() != null && has(i.base());
    }
}
