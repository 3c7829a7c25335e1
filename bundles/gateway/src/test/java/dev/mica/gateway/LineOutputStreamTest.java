package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineOutputStreamTest {
    private final List<String> lines = new ArrayList<>();
    private final LineOutputStream out = new LineOutputStream(lines::add);

    @Test
    void splitsAtNewlinesAndDropsTheTerminators() {
        write("one\ntwo\r\nthre");
        out.write('e');
        out.write('\n');
        assertEquals(List.of("one", "two", "three"), lines);
    }

    @Test
    void emptyLinesAreKept() {
        write("\n\nx\n");
        assertEquals(List.of("", "", "x"), lines);
    }

    @Test
    void closeHandsOnTheUnfinishedLineOnce() {
        write("no newline");
        assertEquals(List.of(), lines);
        out.close();
        out.close();
        assertEquals(List.of("no newline"), lines);
    }

    @Test
    void decodesUtf8EvenWhenACharacterArrivesByteByByte() {
        for (byte b : bytes("grüße ☃\n")) {
            out.write(b);
        }
        assertEquals(List.of("grüße ☃"), lines);
    }

    @Test
    void aRunawayLineIsCutAtCharacterBoundaries() {
        // 3-byte characters do not divide the limit evenly, so a naive cut would split one
        String snowmen = "☃".repeat(LineOutputStream.MAX_LINE_BYTES);
        byte[] data = bytes(snowmen + "\n");
        out.write(data, 0, data.length);
        assertTrue(lines.size() > 1, "expected the line in pieces");
        for (String piece : lines) {
            assertTrue(piece.chars().allMatch(c -> c == '☃'), "a character was split");
            assertTrue(piece.getBytes(StandardCharsets.UTF_8).length <= LineOutputStream.MAX_LINE_BYTES);
        }
        assertEquals(snowmen, String.join("", lines));
    }

    private void write(String text) {
        byte[] data = bytes(text);
        out.write(data, 0, data.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
