package dev.mica.modules;

import java.io.ByteArrayOutputStream;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Buffers;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * Reading and writing the objects MicroPython accepts as streams: instances of the built-in
 * stream types (files, StringIO, BytesIO, sockets: built-in types with read/write methods) and
 * of Python classes derived from io.IOBase, whose readinto/write methods are called with a
 * bytearray as MicroPython does. Anything else raises OSError("stream operation not supported").
 */
public final class Streams {
    /** MicroPython's stream ioctl requests, as a Python stream's ioctl method receives them. */
    private static final int IOCTL_FLUSH = 1;
    private static final int IOCTL_SEEK = 2;

    private final PyType ioBase;

    public Streams(ModuleEnvironment environment) {
        PyObject base = environment.importModule("io").getAttr("IOBase");
        this.ioBase = base instanceof PyType t ? t : null;
    }

    private boolean isPythonStream(PyObject stream) {
        return ioBase != null && Ops.isInstance(stream, ioBase);
    }

    private static boolean isNativeStream(PyObject stream, String method) {
        PyType t = stream.type();
        return t.isBuiltin() && t.lookup(method) != null;
    }

    public static PyException notSupported() {
        return Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
    }

    /** Writes all of {@code data} to the stream. */
    public void write(PyObject stream, byte[] data) {
        if (isPythonStream(stream)) {
            PyObject n = Ops.getAttr(stream, "write").call(new PyObject[] {new PyByteArray(data)}, null);
            if (n instanceof PyInt) {
                checked(Ops.indexValue(n, "int"));
            }
        } else if (isNativeStream(stream, "write")) {
            Ops.getAttr(stream, "write").call(new PyObject[] {new PyBytes(data)}, null);
        } else {
            throw notSupported();
        }
    }

    /**
     * Writes {@code data} in the pieces that end at {@code pieceEnds}: a Python stream gets one
     * write call per piece, as MicroPython's printer gives it; a built-in stream gets it all at once.
     */
    public void writePieces(PyObject stream, byte[] data, int[] pieceEnds) {
        if (!isPythonStream(stream)) {
            write(stream, data);
            return;
        }
        int from = 0;
        for (int end : pieceEnds) {
            write(stream, java.util.Arrays.copyOfRange(data, from, end));
            from = end;
        }
    }

    /** True for objects MicroPython would take as streams. */
    public boolean isStream(PyObject stream) {
        return isPythonStream(stream) || isNativeStream(stream, "read") || isNativeStream(stream, "write");
    }

    /**
     * Reads up to {@code buf.length} bytes with one readinto call; 0 at the end. A negative
     * result from a Python stream is an errno, raised as OSError as MicroPython does.
     */
    public int readInto(PyObject stream, byte[] buf) {
        PyByteArray target = new PyByteArray(new byte[buf.length]);
        if (!isPythonStream(stream) && !isNativeStream(stream, "readinto")) {
            throw notSupported();
        }
        PyObject got = Ops.getAttr(stream, "readinto").call(new PyObject[] {target}, null);
        int n = got == PyNone.NONE ? 0 : (int) checked(Ops.indexValue(got, "int"));
        n = Math.min(n, buf.length);
        System.arraycopy(target.bytes(), 0, buf, 0, n);
        return n;
    }

    /** Moves to {@code offset} from the start; a Python stream is asked through ioctl(2, 0). */
    public void seekTo(PyObject stream, long offset) {
        if (isPythonStream(stream)) {
            checked(Ops.indexValue(Ops.getAttr(stream, "ioctl").call(new PyObject[] {PyInt.of(IOCTL_SEEK), PyInt.of(0)}, null), "int"));
        } else if (isNativeStream(stream, "seek")) {
            Ops.getAttr(stream, "seek").call(new PyObject[] {PyInt.of(offset), PyInt.of(0)}, null);
        } else {
            throw notSupported();
        }
    }

    /** Pushes buffered data to the device; a Python stream is asked through ioctl(1, 0). */
    public void flush(PyObject stream) {
        if (isPythonStream(stream)) {
            checked(Ops.indexValue(Ops.getAttr(stream, "ioctl").call(new PyObject[] {PyInt.of(IOCTL_FLUSH), PyInt.of(0)}, null), "int"));
        } else if (isNativeStream(stream, "flush")) {
            Ops.getAttr(stream, "flush").call(Py.NO_ARGS, null);
        }
    }

    private static long checked(long result) {
        if (result < 0) {
            throw Py.osError((int) -result);
        }
        return result;
    }

    /** Everything left in the stream, as bytes (a text stream's UTF-8 encoding). */
    public byte[] readAll(PyObject stream) {
        if (isPythonStream(stream)) {
            PyObject readinto = Ops.getAttr(stream, "readinto");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PyByteArray chunk = new PyByteArray(new byte[256]);
            while (true) {
                PyObject got = readinto.call(new PyObject[] {chunk}, null);
                long n = got instanceof PyInt ? Ops.indexValue(got, "int") : 0;
                if (n <= 0) {
                    return out.toByteArray();
                }
                out.write(chunk.bytes(), 0, (int) Math.min(n, 256));
            }
        }
        if (!isNativeStream(stream, "read")) {
            throw notSupported();
        }
        PyObject data = Ops.getAttr(stream, "read").call(Py.NO_ARGS, null);
        return data instanceof PyStr || Buffers.has(data) ? Buffers.bytesOf(data) : new byte[0];
    }
}
