package dev.mica.modules.deflate;

import java.util.zip.Adler32;
import java.util.zip.CRC32;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;
import dev.mica.modules.ByteReads;

/**
 * deflate.DeflateIO: a stream that decompresses what it reads from another stream, or
 * compresses what is written to it into that stream, in raw DEFLATE, zlib or gzip format.
 * The other stream is read one byte at a time and written one compressed byte at a time, as
 * MicroPython does, so it is never read past the compressed data.
 */
final class DeflateIO extends PyObject {
    static final int AUTO = 0;
    static final int RAW = 1;
    static final int ZLIB = 2;
    static final int GZIP = 3;
    private static final int DEFAULT_WINDOW_BITS = 8;
    private static final int CLOSE_REQUEST = 4;

    static final PyType TYPE = PyType.builtin("DeflateIO", PyType.OBJECT);

    private PyObject stream;
    private final int format;
    private final int windowBits;
    private final boolean closeStream;

    private Inflater inflater;
    private java.util.zip.Checksum readChecksum;
    private boolean readEnded;

    private FixedHuffmanEncoder encoder;
    private java.util.zip.Checksum writeChecksum;
    private long written;

    static {
        PyBuiltinFunction make = new PyBuiltinFunction("DeflateIO", 1, 4, false, (a, kw) -> create(a));
        TYPE.setConstructor((t, a, kw) -> make.call(a, kw));
        TYPE.method("read", 1, 2, a -> ByteReads.read(self(a[0])::readSome, a.length > 1 && a[1] != PyNone.NONE ? intArg(a[1]) : -1));
        TYPE.method("readinto", 2, 3, a -> self(a[0]).readInto(a));
        TYPE.method("readline", 1, 2, a -> ByteReads.readLine(self(a[0])::readSome, a.length > 1 && a[1] != PyNone.NONE ? intArg(a[1]) : -1));
        TYPE.method("write", 2, 2, a -> self(a[0]).write(Buffers.bytesOf(a[1])));
        TYPE.method("close", 1, 1, a -> {
            self(a[0]).close();
            return PyNone.NONE;
        });
        TYPE.method("__enter__", 1, 1, a -> a[0]);
        TYPE.method("__exit__", 1, 4, a -> {
            self(a[0]).close();
            return PyNone.NONE;
        });
    }

    private DeflateIO(PyObject stream, int format, int windowBits, boolean closeStream) {
        this.stream = stream;
        this.format = format;
        this.windowBits = windowBits;
        this.closeStream = closeStream;
    }

    private static DeflateIO create(PyObject[] a) {
        long format = a.length > 1 ? intArg(a[1]) : AUTO;
        long wbits = a.length > 2 ? intArg(a[2]) : 0;
        if (format < AUTO || format > GZIP) {
            throw Py.valueError("format");
        }
        if (wbits != 0 && (wbits < 5 || wbits > 15)) {
            throw Py.valueError("wbits");
        }
        return new DeflateIO(a[0], (int) format, (int) wbits, a.length > 3 && a[3].isTrue());
    }

    private static DeflateIO self(PyObject o) {
        return (DeflateIO) o;
    }

    private static long intArg(PyObject o) {
        if (o instanceof PyInt i && !i.isBig()) {
            return i.value;
        }
        if (o instanceof PyInt) {
            throw Py.overflow("overflow converting long int to machine word");
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<DeflateIO>";
    }

    // ---- the other stream, through its Python methods

    private PyObject method(String name) {
        PyObject m = stream.getAttr(name);
        if (m == null) {
            throw Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
        }
        return m;
    }

    /** A stream call's result as a byte count; a negative count is an errno, None means EAGAIN. */
    private static long count(PyObject result) {
        if (result == PyNone.NONE) {
            throw Py.osError(Errno.EAGAIN);
        }
        long n = intArg(result);
        if (n < 0) {
            throw Py.osError((int) -n);
        }
        return n;
    }

    private int readSourceByte() {
        PyByteArray one = new PyByteArray(new byte[1]);
        PyObject readinto = stream.getAttr("readinto");
        long n;
        if (readinto != null) {
            n = count(readinto.call(new PyObject[] {one}, null));
        } else {
            PyObject data = method("read").call(new PyObject[] {PyInt.of(1)}, null);
            byte[] b = data == PyNone.NONE ? null : Buffers.bytesOf(data);
            if (b == null) {
                throw Py.osError(Errno.EAGAIN);
            }
            n = b.length;
            if (n > 0) {
                one.buffer().array()[0] = b[0];
            }
        }
        if (n == 0) {
            throw new PyException(new PyBaseException(PyBaseException.EOF_ERROR, Py.NO_ARGS));
        }
        return one.buffer().byteAt(0);
    }

    /** Writes bytes to the other stream in one call; false when it reported an error. */
    private long writeToStream(byte[] data) {
        return count(method("write").call(new PyObject[] {new PyByteArray(data)}, null));
    }

    // ---- reading

    /** Sets up decompression (parsing a zlib or gzip header); false for a header that does not fit. */
    private boolean startReading() {
        if (inflater != null) {
            return true;
        }
        method("readinto");
        int bits = windowBits;
        if (format == RAW) {
            if (bits == 0) {
                bits = DEFAULT_WINDOW_BITS;
            }
        } else {
            int cmf = readSourceByte();
            int flg = readSourceByte();
            int headerBits;
            boolean gzip = cmf == 0x1f && flg == 0x8b;
            if (gzip) {
                if (readSourceByte() != 8) {
                    return false;
                }
                int flags = readSourceByte();
                if ((flags & 0xe0) != 0) {
                    return false;
                }
                skip(6);
                if ((flags & 4) != 0) {
                    skip(readSourceByte() | readSourceByte() << 8);
                }
                if ((flags & 8) != 0) {
                    while (readSourceByte() != 0) {
                        // the file name
                    }
                }
                if ((flags & 16) != 0) {
                    while (readSourceByte() != 0) {
                        // the comment
                    }
                }
                if ((flags & 2) != 0) {
                    skip(2);
                }
                readChecksum = new CRC32();
                headerBits = 15;
            } else {
                if ((cmf * 256 + flg) % 31 != 0 || (cmf & 0x0f) != 8 || (cmf >> 4) > 7 || (flg & 0x20) != 0) {
                    return false;
                }
                readChecksum = new Adler32();
                headerBits = (cmf >> 4) + 8;
            }
            if ((format == ZLIB && gzip) || (format == GZIP && !gzip)) {
                return false;
            }
            if (bits == 0 || headerBits < bits) {
                bits = headerBits;
            }
        }
        inflater = new Inflater(this::readSourceByte, bits);
        return true;
    }

    private void skip(int n) {
        for (int i = 0; i < n; i++) {
            readSourceByte();
        }
    }

    /** One read of the stream protocol: up to {@code len} bytes, 0 at the end. */
    private int readSome(byte[] out, int off, int len) {
        if (stream == null || !startReading()) {
            throw Py.osError(Errno.EINVAL);
        }
        if (readEnded) {
            return 0;
        }
        int n;
        try {
            n = inflater.inflate(out, off, len);
        } catch (Inflater.DataError e) {
            throw Py.osError(Errno.EINVAL);
        }
        if (readChecksum != null) {
            readChecksum.update(out, off, n);
        }
        if (inflater.finished()) {
            readEnded = true;
            if (readChecksum instanceof Adler32) {
                long expected = (long) readSourceByte() << 24 | readSourceByte() << 16 | readSourceByte() << 8 | readSourceByte();
                if (expected != readChecksum.getValue()) {
                    throw Py.osError(Errno.EINVAL);
                }
            } else if (readChecksum instanceof CRC32) {
                long expected = readSourceByte() | readSourceByte() << 8 | readSourceByte() << 16 | (long) readSourceByte() << 24;
                if (expected != readChecksum.getValue()) {
                    throw Py.osError(Errno.EINVAL);
                }
                skip(4);
            }
        }
        return n;
    }

    private PyObject readInto(PyObject[] a) {
        BufferView target = Buffers.write(a[1]);
        long len = a.length > 2 ? Math.min(target.length(), intArg(a[2])) : target.length();
        return ByteReads.readInto(this::readSome, target, len);
    }

    // ---- writing

    /** Sets up compression and writes the zlib or gzip header; false when the stream refused it. */
    private boolean startWriting() {
        if (encoder != null) {
            return true;
        }
        method("write");
        int bits = windowBits == 0 ? DEFAULT_WINDOW_BITS : windowBits;
        encoder = new FixedHuffmanEncoder(bits, b -> writeToStream(new byte[] {(byte) b}));
        byte[] header = null;
        if (format == ZLIB) {
            int cmf = 0x08 | Math.max(bits - 8, 1) << 4;
            int flg = 0x80;
            flg |= 31 - (cmf * 256 + flg) % 31;
            header = new byte[] {(byte) cmf, (byte) flg};
            writeChecksum = new Adler32();
        } else if (format == GZIP) {
            // no time stamp, "fastest" compression, made on unix
            header = new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, 3};
            writeChecksum = new CRC32();
        }
        if (header != null) {
            try {
                writeToStream(header);
            } catch (PyException e) {
                if (isOsError(e)) {
                    return false;
                }
                throw e;
            }
        }
        encoder.start();
        return true;
    }

    private static boolean isOsError(PyException e) {
        return e.matches(PyBaseException.OS_ERROR);
    }

    private PyObject write(byte[] data) {
        if (stream == null || !startWriting()) {
            throw Py.osError(Errno.EINVAL);
        }
        written += data.length;
        if (writeChecksum != null) {
            writeChecksum.update(data, 0, data.length);
        }
        encoder.write(data);
        return PyInt.of(data.length);
    }

    // ---- closing

    private void close() {
        if (stream == null) {
            return;
        }
        PyException failure = null;
        if (encoder != null) {
            encoder.finish();
            byte[] footer = null;
            if (format == ZLIB) {
                long v = writeChecksum.getValue();
                footer = new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
            } else if (format == GZIP) {
                long v = writeChecksum.getValue();
                footer = new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24),
                    (byte) written, (byte) (written >> 8), (byte) (written >> 16), (byte) (written >> 24)};
            }
            if (footer != null) {
                try {
                    writeToStream(footer);
                } catch (PyException e) {
                    failure = e;
                }
            }
        }
        if (closeStream) {
            PyObject ioctl = stream.getAttr("ioctl");
            if (ioctl != null) {
                ioctl.call(new PyObject[] {PyInt.of(CLOSE_REQUEST), PyInt.of(0)}, null);
            } else {
                method("close").call(Py.NO_ARGS, null);
            }
        }
        stream = null;
        if (failure != null) {
            throw failure;
        }
    }
}
