package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * A MicroPython stream: an object that reads and writes bytes, seen from Python through the
 * stream methods (read, readline, write, seek, ...). Text streams decode UTF-8 on reading and
 * count read sizes in characters; positions are always in bytes, as in MicroPython.
 */
abstract class StreamObject extends PyObject {
    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int SEEK_END = 2;

    private final PyType type;

    StreamObject(PyType type) {
        this.type = type;
    }

    @Override
    public final PyType type() {
        return type;
    }

    abstract boolean isText();

    /** Reads up to {@code len} bytes; 0 at the end of the stream. */
    abstract int readBytes(byte[] buf, int off, int len);

    abstract int writeBytes(byte[] data, int off, int len);

    /** Moves the position as POSIX lseek does and returns it. */
    abstract long seekTo(long offset, int whence);

    void flushStream() {}

    /** The file number fileno() reports. */
    int fileNumber() {
        throw IoErrors.os(Errno.EINVAL);
    }

    abstract void closeStream();

    /** One byte, or -1 at the end. */
    int readByte() {
        byte[] one = new byte[1];
        return readBytes(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    byte[] readAllBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = readBytes(chunk, 0, chunk.length); n > 0; n = readBytes(chunk, 0, chunk.length)) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** {@code size} bytes, or for a text stream {@code size} characters; all that is left when negative. */
    PyObject read(long size) {
        if (size < 0) {
            return wrap(readAllBytes());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (isText()) {
            for (long chars = 0; chars < size; chars++) {
                int b = readByte();
                if (b < 0) {
                    break;
                }
                out.write(b);
                for (int extra = utf8Continuations(b); extra > 0; extra--) {
                    int c = readByte();
                    if (c < 0) {
                        break;
                    }
                    out.write(c);
                }
            }
        } else {
            byte[] buf = new byte[(int) Math.min(size, 1 << 20)];
            long left = size;
            while (left > 0) {
                int n = readBytes(buf, 0, (int) Math.min(left, buf.length));
                if (n <= 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return wrap(out.toByteArray());
    }

    /** A line up to and including its newline, at most {@code limit} bytes when not negative. */
    PyObject readLine(long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (limit < 0 || out.size() < limit) {
            int b = readByte();
            if (b < 0) {
                break;
            }
            out.write(b);
            if (b == '\n') {
                break;
            }
        }
        return wrap(out.toByteArray());
    }

    private static int utf8Continuations(int lead) {
        if (lead < 0x80) {
            return 0;
        }
        if ((lead & 0xe0) == 0xc0) {
            return 1;
        }
        if ((lead & 0xf0) == 0xe0) {
            return 2;
        }
        return (lead & 0xf8) == 0xf0 ? 3 : 4;
    }

    /** Data read from this stream as Python sees it: str for a text stream, else bytes. */
    PyObject wrap(byte[] data) {
        if (!isText()) {
            return new PyBytes(data);
        }
        try {
            return PyStr.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException e) {
            throw IoErrors.badUtf8();
        }
    }

    @Override
    public PyObject iter() {
        return this;
    }

    @Override
    public PyObject next() {
        PyObject line = readLine(-1);
        return line.len() == 0 ? null : line;
    }

    private static StreamObject self(PyObject[] a) {
        return (StreamObject) a[0];
    }

    /** Defines the stream methods every stream type has. */
    static void defineStreamMethods(PyType t) {
        t.method("read", 1, 2, a -> self(a).read(a.length > 1 ? Ops.indexValue(a[1], "int") : -1));
        t.method("readinto", 2, 3, a -> {
            BufferView target = Buffers.write(a[1]);
            long limit = a.length > 2 ? Ops.indexValue(a[2], "int") : target.length();
            int want = (int) Math.min(target.length(), Math.max(0, limit));
            int got = 0;
            // reads straight into the target's bytes, which the view shares with it
            while (got < want) {
                int n = self(a).readBytes(target.array(), target.offset() + got, want - got);
                if (n <= 0) {
                    break;
                }
                got += n;
            }
            return PyInt.of(got);
        });
        t.method("readline", 1, 2, a -> self(a).readLine(a.length > 1 ? Ops.indexValue(a[1], "int") : -1));
        t.method("write", 2, 4, a -> {
            byte[] data = Buffers.bytesOf(a[1]);
            int off = 0;
            long max = Long.MAX_VALUE;
            if (a.length == 3) {
                max = Ops.indexValue(a[2], "int");
            } else if (a.length == 4) {
                off = (int) Math.min(Math.max(0, Ops.indexValue(a[2], "int")), data.length);
                max = Ops.indexValue(a[3], "int");
            }
            int len = (int) Math.max(0, Math.min(data.length - off, max));
            return PyInt.of(self(a).writeBytes(data, off, len));
        });
        t.method("seek", 2, 3, a -> {
            long offset = Ops.indexValue(a[1], "int");
            int whence = a.length > 2 ? (int) Ops.indexValue(a[2], "int") : SEEK_SET;
            if (whence == SEEK_SET && offset < 0) {
                throw IoErrors.os(Errno.EINVAL);
            }
            return PyInt.of(self(a).seekTo(offset, whence));
        });
        t.method("tell", 1, 1, a -> PyInt.of(self(a).seekTo(0, SEEK_CUR)));
        t.method("flush", 1, 1, a -> {
            self(a).flushStream();
            return PyNone.NONE;
        });
        t.method("close", 1, 1, a -> {
            self(a).closeStream();
            return PyNone.NONE;
        });
        t.method("__enter__", 1, 1, a -> a[0]);
        t.method("__exit__", 1, PyBuiltinFunction.VARIADIC, a -> {
            self(a).closeStream();
            return PyNone.NONE;
        });
        t.method("__next__", 1, 1, a -> {
            PyObject line = self(a).next();
            if (line == null) {
                throw new dev.mica.obj.PyException(new PyBaseException(PyBaseException.STOP_ITERATION, Py.NO_ARGS));
            }
            return line;
        });
    }

    /** readlines, which file streams have and StringIO/BytesIO do not. */
    static void defineReadLines(PyType t) {
        t.method("readlines", 1, 1, a -> {
            PyList lines = new PyList();
            for (PyObject line = self(a).next(); line != null; line = self(a).next()) {
                lines.append(line);
            }
            return lines;
        });
    }
}
