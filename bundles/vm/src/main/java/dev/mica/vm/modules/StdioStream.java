package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import dev.mica.obj.PyObject;

/** sys.stdin.buffer, sys.stdout.buffer, sys.stderr.buffer: the standard streams as binary io.FileIO objects. */
public final class StdioStream extends StreamObject {
    /** Illegal seek: not among the errno module's names, so it shows as a bare number, as in MicroPython. */
    private static final int ESPIPE = 29;

    private final int fd;
    private final InputStream in;
    private final Consumer<byte[]> out;
    private final Runnable flush;

    private StdioStream(int fd, InputStream in, Consumer<byte[]> out, Runnable flush) {
        super(FileStream.FILE_IO);
        this.fd = fd;
        this.in = in;
        this.out = out;
        this.flush = flush;
    }

    /** The binary stream for standard input (fd 0), reading from {@code in}. */
    public static PyObject input(InputStream in, Runnable flushOutput) {
        return new StdioStream(0, in, null, flushOutput);
    }

    /** The binary stream for standard output (1) or error (2), writing through {@code out}. */
    public static PyObject output(int fd, Consumer<byte[]> out, Runnable flush) {
        return new StdioStream(fd, null, out, flush);
    }

    @Override
    boolean isText() {
        return false;
    }

    @Override
    int readBytes(byte[] buf, int off, int len) {
        if (in == null) {
            throw IoErrors.os(Errno.EBADF);
        }
        flush.run();
        try {
            int n = in.read(buf, off, len);
            return Math.max(n, 0);
        } catch (IOException e) {
            throw IoErrors.os(Errno.EIO);
        }
    }

    @Override
    int writeBytes(byte[] data, int off, int len) {
        if (out == null) {
            throw IoErrors.os(Errno.EBADF);
        }
        out.accept(off == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len));
        return len;
    }

    @Override
    long seekTo(long offset, int whence) {
        // the standard streams of a process are pipes or terminals here, which cannot seek
        throw IoErrors.os(ESPIPE);
    }

    @Override
    void flushStream() {
        flush.run();
    }

    @Override
    void closeStream() {
        // the interpreter's standard streams stay open for its whole life
    }

    @Override
    int fileNumber() {
        return fd;
    }

    @Override
    public String repr() {
        return "<io.FileIO " + fd + ">";
    }
}
