package dev.mica.repl.transport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes output on, except an expected text at its very start, which is dropped; output that
 * turns out not to start with it goes through whole. The WebREPL uses it to leave out the
 * session's opening banner and prompt, which a board's WebREPL does not show (its REPL was
 * running before the connection: the client sees {@code WebREPL connected} and a prompt).
 */
final class PrefixDroppingOutput extends OutputStream {
    private final OutputStream out;
    private final byte[] prefix;
    /** How many bytes of the prefix matched so far; -1 once the prefix is dropped or missed. */
    private int matched;

    PrefixDroppingOutput(OutputStream out, byte[] prefix) {
        this.out = out;
        this.prefix = prefix.clone();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (matched >= 0 && len > 0) {
            if (b[off] != prefix[matched]) {
                int held = matched;
                matched = -1;
                out.write(prefix, 0, held);
                break;
            }
            matched++;
            off++;
            len--;
            if (matched == prefix.length) {
                matched = -1;
            }
        }
        if (len > 0) {
            out.write(b, off, len);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (matched < 0) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
