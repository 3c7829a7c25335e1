package dev.mica.repl;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What a program prints on a board's serial port: each {@code \n} goes out as {@code \r\n}
 * (no terminal driver adds the carriage return), and every write is flushed at once, as a
 * UART sends what it is given.
 */
final class CrlfOutputStream extends OutputStream {
    private final OutputStream out;

    CrlfOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n') {
            out.write('\r');
        }
        out.write(b);
        out.flush();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                out.write(b, start, i - start);
                out.write('\r');
                start = i;
            }
        }
        out.write(b, start, end - start);
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
