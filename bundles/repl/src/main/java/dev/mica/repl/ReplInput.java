package dev.mica.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The input of a REPL session (a terminal, a socket, a serial device), read by one daemon
 * thread so that a Ctrl-C byte that arrives while a statement runs interrupts it, as a board's
 * interrupt character does. The session reads bytes with {@link #read()}; the program reads
 * {@link #programStream()}, which edits a line with echo while {@link #setLineEditing} is on,
 * as a terminal in cooked mode would.
 */
public final class ReplInput {
    private static final int END = -1;

    private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
    private final OutputStream echo;
    private volatile Runnable interruptHandler;
    private volatile boolean lineEditing;
    private boolean ended;
    private final InputStream programStream = new ProgramStream();

    private ReplInput(OutputStream echo) {
        this.echo = echo;
    }

    /** Starts reading {@code source}; {@code echo} is where the program's line editing echoes. */
    public static ReplInput start(InputStream source, OutputStream echo) {
        ReplInput input = new ReplInput(echo);
        Thread pump = new Thread(() -> input.pump(source), "mica-repl-input");
        pump.setDaemon(true);
        pump.start();
        return input;
    }

    private void pump(InputStream source) {
        try {
            for (int b = source.read(); b >= 0; b = source.read()) {
                Runnable handler = interruptHandler;
                if (b == LineEditor.CTRL_C && handler != null) {
                    handler.run();
                } else {
                    bytes.add(b);
                }
            }
        } catch (IOException e) {
            // treated as the end of input
        }
        bytes.add(END);
    }

    /** While set, a Ctrl-C byte runs the handler instead of being read (null: read as any byte). */
    public void onInterrupt(Runnable handler) {
        interruptHandler = handler;
    }

    /** Whether the program's reads edit and echo a line themselves (the terminal is raw). */
    public void setLineEditing(boolean on) {
        lineEditing = on;
    }

    /** Whether the end of input has been read. */
    synchronized boolean ended() {
        return ended;
    }

    /** The next byte, or -1 at the end of input. */
    synchronized int read() {
        if (ended) {
            return END;
        }
        try {
            int b = bytes.take();
            if (b == END) {
                ended = true;
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    /** What the program reads as {@code sys.stdin}. */
    public InputStream programStream() {
        return programStream;
    }

    /** What the running program reads: the bytes as they come, or a whole edited line. */
    private final class ProgramStream extends InputStream {
        private byte[] line = new byte[0];
        private int pos;

        @Override
        public int read() throws IOException {
            if (!lineEditing) {
                return ReplInput.this.read();
            }
            if (pos == line.length && !readLine()) {
                return END;
            }
            return line[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return END;
            }
            b[off] = (byte) first;
            int n = 1;
            // hand over what is already there without waiting for more
            while (n < len && (lineEditing ? pos < line.length : !bytes.isEmpty() && bytes.peek() != END)) {
                b[off + n++] = (byte) read();
            }
            return n;
        }

        /** Reads one line with echo and backspace; false at the end of input (or Ctrl-D on an empty line). */
        private boolean readLine() throws IOException {
            ByteArrayOutputStream typed = new ByteArrayOutputStream();
            while (true) {
                int c = ReplInput.this.read();
                if (c == END || (c == LineEditor.CTRL_D && typed.size() == 0)) {
                    return false;
                }
                if (c == '\r' || c == '\n') {
                    echo.write("\r\n".getBytes());
                    echo.flush();
                    typed.write('\n');
                    line = typed.toByteArray();
                    pos = 0;
                    return true;
                }
                if (c == 8 || c == 127) {
                    byte[] sofar = typed.toByteArray();
                    int end = sofar.length;
                    // drop the last whole UTF-8 character
                    while (end > 0 && (sofar[end - 1] & 0xc0) == 0x80) {
                        end--;
                    }
                    if (end > 0) {
                        end--;
                        typed.reset();
                        typed.write(sofar, 0, end);
                        echo.write("\b \b".getBytes());
                    }
                } else if (c >= 32 || c == '\t') {
                    typed.write(c);
                    echo.write(c);
                }
                echo.flush();
            }
        }
    }
}
