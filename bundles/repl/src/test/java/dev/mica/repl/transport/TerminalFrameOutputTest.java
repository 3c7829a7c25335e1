package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TerminalFrameOutputTest {
    @Test
    void aCutUtf8SequenceWaitsForItsEnd() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WebSocketConnection socket = new WebSocketConnection(new ByteArrayInputStream(new byte[0]), wire, 1024);
        TerminalFrameOutput out = new TerminalFrameOutput(socket);
        byte[] euro = "a\u20acb".getBytes(StandardCharsets.UTF_8); // a, 3 bytes, b
        out.write(euro, 0, 2);
        out.flush();
        out.write(euro, 2, 3);
        out.flush();
        assertEquals(List.of("a", "\u20acb"), texts(wire.toByteArray()));
    }

    /** The payloads of the unmasked short text frames written. */
    private static List<String> texts(byte[] wire) {
        List<String> texts = new ArrayList<>();
        int i = 0;
        while (i < wire.length) {
            assertEquals((byte) 0x81, wire[i]);
            int length = wire[i + 1];
            texts.add(new String(wire, i + 2, length, StandardCharsets.UTF_8));
            i += 2 + length;
        }
        return texts;
    }
}
