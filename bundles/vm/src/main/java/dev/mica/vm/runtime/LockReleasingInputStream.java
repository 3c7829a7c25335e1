package dev.mica.vm.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An input stream whose reads wait without the interpreter lock, so other threads run meanwhile. */
final class LockReleasingInputStream extends InputStream {
    private final Runtime runtime;
    private final InputStream in;

    LockReleasingInputStream(Runtime runtime, InputStream in) {
        this.runtime = runtime;
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return blocking(() -> in.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return blocking(() -> in.read(b, off, len));
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private interface Read {
        int run() throws IOException;
    }

    private int blocking(Read read) throws IOException {
        try {
            return runtime.withoutInterpreterLock(() -> {
                try {
                    return read.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
