package dev.mica.modules;

import java.io.ByteArrayOutputStream;

import dev.mica.obj.BufferView;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * read/readinto/readline for stream objects written in Java (deflate.DeflateIO,
 * websocket.websocket), over the one primitive each has: read some bytes.
 */
public final class ByteReads {
    private ByteReads() {}

    /** Reads up to {@code len} bytes: 0 at the end of the stream, {@link WouldBlock} when none are there now. */
    @FunctionalInterface
    public interface Source {
        int readSome(byte[] buf, int off, int len);
    }

    /** A non-blocking source has nothing now: the read gives None if it got nothing yet, else what it got. */
    public static final class WouldBlock extends RuntimeException {
        public WouldBlock() {
            super(null, null, false, false);
        }
    }

    /** read(size); a negative size reads to the end. */
    public static PyObject read(Source source, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[256];
        while (size < 0 || out.size() < size) {
            int want = size < 0 ? chunk.length : (int) Math.min(chunk.length, size - out.size());
            int n;
            try {
                n = source.readSome(chunk, 0, want);
            } catch (WouldBlock e) {
                if (out.size() == 0) {
                    return PyNone.NONE;
                }
                break;
            }
            if (n == 0) {
                break;
            }
            out.write(chunk, 0, n);
        }
        return new PyBytes(out.toByteArray());
    }

    /** readinto(buf[, len]): the number of bytes read into {@code target}, at most {@code len}. */
    public static PyObject readInto(Source source, BufferView target, long len) {
        int total = 0;
        while (total < len) {
            int n;
            try {
                n = source.readSome(target.array(), target.offset() + total, (int) (len - total));
            } catch (WouldBlock e) {
                if (total == 0) {
                    return PyNone.NONE;
                }
                break;
            }
            if (n == 0) {
                break;
            }
            total += n;
        }
        return PyInt.of(total);
    }

    /** readline([limit]): up to and including a newline; a negative limit means none. */
    public static PyObject readLine(Source source, long limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (limit < 0 || out.size() < limit) {
            int n;
            try {
                n = source.readSome(one, 0, 1);
            } catch (WouldBlock e) {
                if (out.size() == 0) {
                    return PyNone.NONE;
                }
                break;
            }
            if (n == 0) {
                break;
            }
            out.write(one[0]);
            if (one[0] == '\n') {
                break;
            }
        }
        return new PyBytes(out.toByteArray());
    }
}
