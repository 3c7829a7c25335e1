package dev.mica.gateway;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a program's byte stream into UTF-8 text lines, handing each finished line (without its
 * line terminator) to a consumer. A line longer than {@link #MAX_LINE_BYTES} is handed on in
 * pieces cut at character boundaries, so one runaway print cannot hold unbounded memory.
 */
final class LineOutputStream extends OutputStream {
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    LineOutputStream(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit(pending.toByteArray(), pending.size());
            pending.reset();
            return;
        }
        pending.write(b);
        if (pending.size() >= MAX_LINE_BYTES) {
            emitLongLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i - start);
                emit(pending.toByteArray(), pending.size());
                pending.reset();
                start = i + 1;
            } else if (pending.size() + (i + 1 - start) >= MAX_LINE_BYTES) {
                pending.write(bytes, start, i + 1 - start);
                start = i + 1;
                emitLongLine();
            }
        }
        pending.write(bytes, start, end - start);
    }

    /** Hands on what was written after the last line terminator, as a line of its own. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pending.size() > 0) {
            emit(pending.toByteArray(), pending.size());
            pending.reset();
        }
    }

    /** Emits the pending bytes up to the last complete UTF-8 character, keeping the rest. */
    private void emitLongLine() {
        byte[] bytes = pending.toByteArray();
        int cut = bytes.length;
        // step back over continuation bytes (10xxxxxx) to the lead byte of the last character
        int lead = bytes.length - 1;
        while (lead > 0 && lead > bytes.length - 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (expectedLength(bytes[lead]) > bytes.length - lead) {
            cut = lead;
        }
        if (cut == 0) {
            cut = bytes.length;
        }
        emit(bytes, cut);
        pending.reset();
        pending.write(bytes, cut, bytes.length - cut);
    }

    private static int expectedLength(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xF0) {
            return 4;
        }
        if (b >= 0xE0) {
            return 3;
        }
        if (b >= 0xC0) {
            return 2;
        }
        return 1;
    }

    private void emit(byte[] bytes, int length) {
        int end = length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        lines.accept(new String(bytes, 0, end, StandardCharsets.UTF_8));
    }
}
