package dev.mica.repl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Bytes handed from one thread to another: a transport's reader puts what arrives, a REPL
 * session reads it as its input stream. Bounded, so that a client sending faster than the
 * session reads is held back; {@link #close()} ends the input once the bytes already put are read.
 */
final class BytePipe extends InputStream {
    private final byte[] buffer;
    private int start;
    private int size;
    private boolean closed;

    BytePipe(int capacity) {
        buffer = new byte[capacity];
    }

    /** Puts bytes, waiting while the pipe is full; bytes put after {@link #close()} are dropped. */
    synchronized void put(byte[] data, int offset, int length) throws InterruptedIOException {
        while (length > 0) {
            while (size == buffer.length && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the REPL's input was full");
                }
            }
            if (closed) {
                return;
            }
            int end = (start + size) % buffer.length;
            int part = Math.min(length, Math.min(buffer.length - size, buffer.length - end));
            System.arraycopy(data, offset, buffer, end, part);
            size += part;
            offset += part;
            length -= part;
            notifyAll();
        }
    }

    @Override
    public synchronized int read() throws IOException {
        while (size == 0) {
            if (closed) {
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for input");
            }
        }
        int b = buffer[start] & 0xFF;
        start = (start + 1) % buffer.length;
        size--;
        notifyAll();
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int first = read();
        if (first < 0) {
            return -1;
        }
        b[off] = (byte) first;
        int n = 1;
        while (n < len && size > 0) {
            b[off + n++] = buffer[start];
            start = (start + 1) % buffer.length;
            size--;
        }
        notifyAll();
        return n;
    }

    @Override
    public synchronized int available() {
        return size;
    }

    /** Ends the input: readers get what was put, then the end. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
