package dev.mica.repl.transport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The terminal side of a WebREPL connection: what the REPL writes goes out as WebSocket text
 * frames, one per flush (the REPL flushes after each write, as on a UART). A UTF-8 sequence cut
 * at the end of a flush waits for its remaining bytes, since a browser drops a connection whose
 * text frame is not valid UTF-8. Once the connection fails, output is dropped rather than
 * failing the program that writes it: the connection's reader sees the end as well and ends the
 * session, interrupting a program that still runs.
 */
final class TerminalFrameOutput extends OutputStream {
    /** A frame goes out when this much is waiting, flush or not. */
    private static final int FRAME_SIZE = 4096;

    private final WebSocketConnection socket;
    private final byte[] buffer = new byte[FRAME_SIZE + 4];
    private int size;
    private boolean broken;

    TerminalFrameOutput(WebSocketConnection socket) {
        this.socket = socket;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        buffer[size++] = (byte) b;
        if (size >= FRAME_SIZE) {
            send();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int part = Math.min(len, FRAME_SIZE - size);
            System.arraycopy(b, off, buffer, size, part);
            size += part;
            off += part;
            len -= part;
            if (size >= FRAME_SIZE) {
                send();
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        send();
    }

    /** Sends what is buffered but an incomplete UTF-8 sequence at its end, which stays. */
    private void send() throws IOException {
        int complete = size - incompleteTail();
        if (complete == 0) {
            return;
        }
        if (!broken) {
            try {
                socket.sendText(buffer, 0, complete);
            } catch (IOException e) {
                broken = true;
            }
        }
        System.arraycopy(buffer, complete, buffer, 0, size - complete);
        size -= complete;
    }

    /** How many bytes at the end of the buffer begin a UTF-8 sequence that is not complete yet. */
    private int incompleteTail() {
        for (int back = 1; back <= 3 && back <= size; back++) {
            int b = buffer[size - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the lead
            }
            int needed = b >= 0xF0 && b < 0xF8 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }
        return 0;
    }
}
