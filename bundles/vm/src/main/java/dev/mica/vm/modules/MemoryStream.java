package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import java.util.Arrays;

import dev.mica.obj.Buffers;
import dev.mica.obj.Py;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/** io.StringIO and io.BytesIO: a stream over a growable byte array that starts as a copy of its initial value. */
final class MemoryStream extends StreamObject {
    static final PyType STRING_IO = PyType.builtin("StringIO", PyType.OBJECT);
    static final PyType BYTES_IO = PyType.builtin("BytesIO", PyType.OBJECT);

    static {
        for (PyType t : new PyType[] {STRING_IO, BYTES_IO}) {
            t.setConstructor(MemoryStream::construct);
            defineStreamMethods(t);
            t.method("getvalue", 1, 1, a -> ((MemoryStream) a[0]).getValue());
        }
    }

    private byte[] data;
    private int length;
    private int position;
    private boolean closed;

    private MemoryStream(PyType type, byte[] initial) {
        super(type);
        this.data = initial;
        this.length = initial.length;
    }

    private static PyObject construct(PyType type, PyObject[] args, String[] kwNames) {
        int n = Py.positional(args, kwNames);
        if (n > 1) {
            throw Py.typeError("function expected at most 1 arguments, got " + n);
        }
        if (n == 0 || args[0] instanceof PyInt) {
            // an int only sizes MicroPython's initial allocation
            return new MemoryStream(type, new byte[0]);
        }
        return new MemoryStream(type, Buffers.bytesOf(args[0]).clone());
    }

    private void checkOpen() {
        if (closed) {
            throw IoErrors.closed();
        }
    }

    @Override
    boolean isText() {
        return type() == STRING_IO;
    }

    @Override
    int readBytes(byte[] buf, int off, int len) {
        checkOpen();
        if (position >= length) {
            return 0;
        }
        int n = Math.min(len, length - position);
        System.arraycopy(data, position, buf, off, n);
        position += n;
        return n;
    }

    @Override
    int readByte() {
        checkOpen();
        return position < length ? data[position++] & 0xff : -1;
    }

    @Override
    int writeBytes(byte[] src, int off, int len) {
        checkOpen();
        int end = position + len;
        if (end > data.length) {
            data = Arrays.copyOf(data, Math.max(end, data.length * 2 + 16));
        }
        if (position > length) {
            // a seek past the end leaves a hole of zero bytes
            Arrays.fill(data, length, position, (byte) 0);
        }
        System.arraycopy(src, off, data, position, len);
        position = end;
        length = Math.max(length, end);
        return len;
    }

    @Override
    long seekTo(long offset, int whence) {
        checkOpen();
        long base = whence == SEEK_CUR ? position : whence == SEEK_END ? length : 0;
        long target = base + offset;
        if (target < 0) {
            // MicroPython stops at the start when seeking back from the position or the end
            target = 0;
        }
        if (target > Integer.MAX_VALUE - 8) {
            throw IoErrors.os(Errno.EINVAL);
        }
        position = (int) target;
        return position;
    }

    @Override
    void closeStream() {
        closed = true;
        data = new byte[0];
        length = 0;
        position = 0;
    }

    PyObject getValue() {
        checkOpen();
        return wrap(Arrays.copyOf(data, length));
    }

    @Override
    public String repr() {
        return "<io." + type().name() + " 0x" + Long.toHexString(Py.id(this)) + ">";
    }
}
