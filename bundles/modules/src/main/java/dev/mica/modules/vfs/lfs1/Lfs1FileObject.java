package dev.mica.modules.vfs.lfs1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * A file opened on a VfsLfs1: io.FileIO in binary mode, io.TextIOWrapper in text mode, with
 * MicroPython's stream methods over the file. Errors of the file system are OSError; using the
 * file after close is ValueError, closing it again does nothing.
 */
final class Lfs1FileObject extends PyObject {
    static final PyType FILE_IO = PyType.builtin("FileIO", PyType.OBJECT);
    static final PyType TEXT_IO = PyType.builtin("TextIOWrapper", PyType.OBJECT);
    /** The chunk a read of everything asks for at a time, as MicroPython's streams do. */
    private static final int CHUNK = 256;

    static {
        for (PyType t : new PyType[] {FILE_IO, TEXT_IO}) {
            define(t);
        }
    }

    private final PyType type;
    /** Null once closed. */
    private Lfs1OpenFile file;
    private final int progSize;

    Lfs1FileObject(boolean text, Lfs1OpenFile file, int progSize) {
        this.type = text ? TEXT_IO : FILE_IO;
        this.file = file;
        this.progSize = progSize;
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public long heapBytes() {
        // the object with littlefs's file state, and the file's program-sized buffer
        return (96 + progSize + 15) / 16 * 16L;
    }

    @Override
    public String repr() {
        return "<io." + type.name() + ">";
    }

    private boolean isText() {
        return type == TEXT_IO;
    }

    private Lfs1OpenFile open() {
        if (file == null) {
            throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
        }
        return file;
    }

    /** One read call on the file: up to {@code len} bytes, 0 at the end. */
    private int readSome(byte[] buf, int off, int len) {
        Lfs1OpenFile f = open();
        return VfsLfs1.guarded(() -> f.read(buf, off, len));
    }

    /** Reads until {@code len} bytes or the end. */
    private int readFully(byte[] buf, int off, int len) {
        int got = 0;
        while (got < len) {
            int n = readSome(buf, off + got, len - got);
            if (n == 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    private PyObject readAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int want = CHUNK;
        int filled = 0;
        while (true) {
            int n = readSome(chunk, filled, want);
            if (n == 0) {
                break;
            }
            out.write(chunk, filled, n);
            if (n < want) {
                filled += n;
                want -= n;
            } else {
                filled = 0;
                want = CHUNK;
            }
        }
        return wrap(out.toByteArray());
    }

    private PyObject read(long size) {
        if (size < 0) {
            return readAll();
        }
        if (!isText()) {
            byte[] buf = new byte[(int) Math.min(size, Integer.MAX_VALUE - 8)];
            int n = readFully(buf, 0, buf.length);
            return new PyBytes(java.util.Arrays.copyOf(buf, n));
        }
        // size counts characters: read bytes, never more than the characters still wanted need
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long chars = size;
        long more = size;
        int counted = 0;
        while (more > 0) {
            byte[] buf = new byte[(int) Math.min(more, Integer.MAX_VALUE - 8)];
            int n = readFully(buf, 0, buf.length);
            out.write(buf, 0, n);
            if (n == 0) {
                break;
            }
            byte[] all = out.toByteArray();
            more = 0;
            while (counted < all.length) {
                int len = utf8Length(all[counted]);
                if (counted + len <= all.length) {
                    counted += len;
                    chars--;
                    more = chars;
                } else {
                    more = (counted + len - all.length) + (chars - 1);
                    break;
                }
            }
            if (n < buf.length) {
                break;
            }
        }
        return wrap(out.toByteArray());
    }

    private static int utf8Length(byte lead) {
        int b = lead & 0xff;
        if (b < 0x80) {
            return 1;
        }
        if ((b & 0xe0) == 0xc0) {
            return 2;
        }
        if ((b & 0xf0) == 0xe0) {
            return 3;
        }
        return (b & 0xf8) == 0xf0 ? 4 : 5;
    }

    private PyObject readLine(long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (limit < 0 || out.size() < limit) {
            if (readSome(one, 0, 1) == 0) {
                break;
            }
            out.write(one[0]);
            if (one[0] == '\n') {
                break;
            }
        }
        return wrap(out.toByteArray());
    }

    private PyObject wrap(byte[] data) {
        if (!isText()) {
            return new PyBytes(data);
        }
        try {
            return PyStr.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException e) {
            throw new PyException(new PyBaseException(PyBaseException.UNICODE_ERROR, Py.NO_ARGS));
        }
    }

    private int write(byte[] data, int off, int len) {
        if (len == 0) {
            // nothing to hand to the file, as MicroPython's stream layer does not
            return 0;
        }
        Lfs1OpenFile f = open();
        return VfsLfs1.guarded(() -> f.write(data, off, len));
    }

    private long seek(long offset, int whence) {
        Lfs1OpenFile f = open();
        return Integer.toUnsignedLong(VfsLfs1.guarded(() -> f.seek((int) offset, whence)));
    }

    private void flush() {
        Lfs1OpenFile f = open();
        VfsLfs1.guarded(() -> {
            f.sync();
            return null;
        });
    }

    /** Closes the file: its entry is brought up to date; the file counts as closed even when that fails. */
    void close() {
        Lfs1OpenFile f = file;
        if (f == null) {
            return;
        }
        file = null;
        VfsLfs1.guarded(() -> {
            f.close();
            return null;
        });
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

    private static Lfs1FileObject self(PyObject[] a) {
        return (Lfs1FileObject) a[0];
    }

    private static void define(PyType t) {
        t.method("read", 1, 2, a -> self(a).read(a.length > 1 ? Ops.indexValue(a[1], "int") : -1));
        t.method("readinto", 2, 3, a -> {
            BufferView target = Buffers.write(a[1]);
            long len = target.length();
            if (a.length > 2) {
                len = Math.min(len, Ops.indexValue(a[2], "int"));
            }
            return PyInt.of(self(a).readFully(target.array(), target.offset(), (int) Math.max(0, len)));
        });
        t.method("readline", 1, 2, a -> self(a).readLine(a.length > 1 ? Ops.indexValue(a[1], "int") : -1));
        t.method("readlines", 1, 1, a -> {
            PyList lines = new PyList();
            for (PyObject line = self(a).next(); line != null; line = self(a).next()) {
                lines.append(line);
            }
            return lines;
        });
        t.method("write", 2, 4, a -> {
            BufferView src = Buffers.read(a[1]);
            long off = 0;
            long max = Long.MAX_VALUE;
            if (a.length == 3) {
                max = Ops.indexValue(a[2], "int");
            } else if (a.length == 4) {
                off = Math.min(Math.max(0, Ops.indexValue(a[2], "int")), src.length());
                max = Ops.indexValue(a[3], "int");
            }
            long len = src.length() - off;
            if (max >= 0) {
                len = Math.min(len, max);
            }
            return PyInt.of(self(a).write(src.array(), src.offset() + (int) off, (int) len));
        });
        t.method("flush", 1, 1, a -> {
            self(a).flush();
            return PyNone.NONE;
        });
        t.method("close", 1, 1, a -> {
            self(a).close();
            return PyNone.NONE;
        });
        t.method("seek", 2, 3, a -> {
            long offset = Ops.indexValue(a[1], "int");
            int whence = a.length > 2 ? (int) Ops.indexValue(a[2], "int") : 0;
            if (whence == 0 && offset < 0) {
                throw Py.osError(Errno.EINVAL);
            }
            return PyInt.of(self(a).seek(offset, whence));
        });
        t.method("tell", 1, 1, a -> PyInt.of(self(a).seek(0, 1)));
        t.method("__del__", 1, 1, a -> {
            self(a).close();
            return PyNone.NONE;
        });
        t.method("__enter__", 1, 1, a -> a[0]);
        t.method("__exit__", 1, PyBuiltinFunction.VARIADIC, a -> {
            self(a).close();
            return PyNone.NONE;
        });
        t.method("__next__", 1, 1, a -> {
            PyObject line = self(a).next();
            if (line == null) {
                throw new PyException(new PyBaseException(PyBaseException.STOP_ITERATION, Py.NO_ARGS));
            }
            return line;
        });
        t.orderLocals("__enter__", "__exit__", "__next__", "close", "read", "readinto", "readline", "write", "__del__", "flush",
                "readlines", "seek", "tell");
    }
}
