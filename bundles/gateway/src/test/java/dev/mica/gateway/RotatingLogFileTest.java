package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
    @TempDir
    Path folder;

    @Test
    void rotatesBeforeALineWouldPassTheSizeAndKeepsTheConfiguredNumberOfFiles() throws IOException {
        Path file = folder.resolve("logs/app.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 10, 3)) {
            log.append("aaaa"); // 5 bytes with the newline
            log.append("bbbb"); // 10: still fits
            log.append("cccc"); // would be 15: rotates first
            assertEquals("aaaa\nbbbb\n", Files.readString(log.numbered(1)));
            assertEquals("cccc\n", Files.readString(file));
            log.append("dddd");
            log.append("eeee");
            log.append("ffff");
            log.append("gggg");
            assertEquals("gggg\n", Files.readString(file));
            assertEquals("eeee\nffff\n", Files.readString(log.numbered(1)));
            assertEquals("cccc\ndddd\n", Files.readString(log.numbered(2)));
            assertFalse(Files.exists(log.numbered(3)), "only three files are kept");
        }
    }

    @Test
    void aReopenedLogAppendsAndCountsWhatIsThere() throws IOException {
        Path file = folder.resolve("app.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 10, 2)) {
            log.append("before");
        }
        try (RotatingLogFile log = new RotatingLogFile(file, 10, 2)) {
            log.append("after");
            assertEquals("before\n", Files.readString(log.numbered(1)));
            assertEquals("after\n", Files.readString(file));
        }
    }

    @Test
    void aLineLongerThanTheLimitStillGetsWritten() throws IOException {
        Path file = folder.resolve("app.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 4, 1)) {
            log.append("0123456789");
            log.append("x");
            assertEquals("x\n", Files.readString(file));
        }
    }
}
