package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConsoleAndLogServiceAppLogTest {

    @Test
    void theConsoleShowsWhichAppAndWhichStreamALineCameFrom() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        // no log service bound: the console alone still gets everything
        AppLog log = new ConsoleAndLogServiceAppLog("sensor", out, () -> null);
        log.output("21.5 C");
        log.errorOutput("OSError: [Errno 19] ENODEV");
        log.info("app sensor: main.py ended (completed)");
        log.error("app sensor: the interpreter could not be made", new IllegalStateException("no heap"));
        assertEquals(String.join(System.lineSeparator(),
                "[sensor] 21.5 C",
                "[sensor:err] OSError: [Errno 19] ENODEV",
                "[gateway] app sensor: main.py ended (completed)",
                "[gateway] app sensor: the interpreter could not be made: java.lang.IllegalStateException: no heap",
                ""), console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachAppHasItsOwnLogger() {
        assertEquals("dev.mica.app.sensor", ConsoleAndLogServiceAppLog.loggerName("sensor"));
    }
}
