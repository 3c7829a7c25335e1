package dev.mica.vm.modules;

import java.nio.charset.StandardCharsets;

import dev.mica.vm.obj.Ops;
import dev.mica.vm.obj.Py;
import dev.mica.vm.obj.PyBytes;
import dev.mica.vm.obj.PyInt;
import dev.mica.vm.obj.PyObject;
import dev.mica.vm.obj.PySlice;
import dev.mica.vm.obj.PyStr;
import dev.mica.vm.obj.PyType;

/**
 * The buffer protocol as streams use it: the bytes of str, bytes and the mutable buffer types
 * (bytearray, memoryview, array), and filling a mutable buffer through slice assignment.
 */
final class Buffers {
    private Buffers() {}

    private static final String[] BUFFER_TYPES = {"bytearray", "memoryview", "array"};

    /** The bytes an object offers for reading, or TypeError when it has none. */
    static byte[] readable(PyObject o) {
        if (o instanceof PyBytes b) {
            return b.bytes();
        }
        if (o instanceof PyStr s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (isBufferType(o.type())) {
            return ((PyBytes) PyBytes.TYPE.call(new PyObject[] {o}, null)).bytes();
        }
        throw Py.typeError("object with buffer protocol required");
    }

    /** Checks that an object is a writable buffer and returns its size in bytes. */
    static int writableLength(PyObject o) {
        if (!isBufferType(o.type())) {
            throw Py.typeError("object with buffer protocol required");
        }
        return o.len();
    }

    /** Copies {@code n} bytes into the start of a writable buffer. */
    static void fill(PyObject target, byte[] data, int n) {
        byte[] part = n == data.length ? data : java.util.Arrays.copyOf(data, n);
        target.setItem(new PySlice(PyInt.of(0), PyInt.of(n), dev.mica.vm.obj.PyNone.NONE), new PyBytes(part));
    }

    private static boolean isBufferType(PyType t) {
        for (PyType m : t.mro()) {
            for (String name : BUFFER_TYPES) {
                if (m.isBuiltin() && m.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    static int intArg(PyObject o) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Ops.indexValue(o, "int")));
    }
}
