package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppOutputTest {
    @TempDir
    Path folder;

    private final RecordingAppLog operator = new RecordingAppLog();
    private final ManualClock clock = new ManualClock();

    @Test
    void everyLineGoesToTheRingTheFileAndTheOperatorWithItsTimeAndStream() throws Exception {
        Path file = folder.resolve("a.log");
        try (AppOutput output = new AppOutput(new OutputRing(10), new RotatingLogFile(file, 1000, 2), operator, clock)) {
            output.output("21.5 C");
            output.errorOutput("oops");
            output.info("app a: started");
            List<String> expected = List.of("2025-01-01T00:00:00Z out 21.5 C", "2025-01-01T00:00:00Z err oops",
                    "2025-01-01T00:00:00Z gateway app a: started");
            assertEquals(expected, output.ring().tail(10));
            assertEquals(String.join("\n", expected) + "\n", Files.readString(file));
            assertEquals(List.of("out: 21.5 C", "err: oops", "info: app a: started"), operator.entries);
        }
    }

    @Test
    void theTracebackIsTheLastOneOfTheRun() {
        AppOutput output = new AppOutput(new OutputRing(10), null, operator, clock);
        output.errorOutput("a warning");
        assertNull(output.traceback());
        output.errorOutput("Traceback (most recent call last):");
        output.errorOutput("  File \"main.py\", line 1, in <module>");
        output.errorOutput("ValueError: first");
        output.errorOutput("Traceback (most recent call last):");
        output.errorOutput("ValueError: second");
        assertEquals("Traceback (most recent call last):\nValueError: second", output.traceback());
        output.beginRun();
        assertNull(output.traceback());
    }

    @Test
    void anUnwritableLogFileIsReportedOnceAndTheOtherCopiesStillWork() throws Exception {
        Path blocker = Files.writeString(folder.resolve("logs"), "a file where the folder should be");
        AppOutput output = new AppOutput(new OutputRing(10), new RotatingLogFile(blocker.resolve("a.log"), 1000, 2),
                operator, clock);
        output.output("one");
        output.output("two");
        assertEquals(1, operator.of("error").size(), operator.entries.toString());
        assertEquals(2, output.ring().tail(10).size());
    }
}
