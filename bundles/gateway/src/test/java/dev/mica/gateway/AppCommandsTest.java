package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppCommandsTest {
    @TempDir
    Path storage;

    private final ScriptedInterpreterFactory factory = new ScriptedInterpreterFactory();
    private final ManualClock clock = new ManualClock();
    private AppCommands commands;

    @BeforeEach
    void gatewayWithTwoApps() throws Exception {
        Path apps = Files.createDirectories(storage.resolve("apps"));
        Files.writeString(apps.resolve("crashy.py"), "fail boom");
        Files.writeString(storage.resolve("main.py"), "print hello");
        AppContext context = new AppContext(factory, Runnable::run, new ManualScheduler(clock), clock,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        AppManager manager = new AppManager(new StorageLayout(storage), context, new LogLimits(100, 10_000, 2),
                name -> new RecordingAppLog(), new RecordingAppLog());
        manager.start(Map.of("dev.mica.app~c", Map.of("name", "crashy", "restart", "on-failure", "heapsize", "64k")));
        commands = new AppCommands(manager);
    }

    @Test
    void appsListsStateExitStatusPolicyAndSource() {
        String[] lines = commands.apps().split("\n");
        assertTrue(lines[0].startsWith("NAME    STATE"), lines[0]);
        assertTrue(lines[1].matches("crashy +BACKING_OFF +- +1 +on-failure +yes +64k +- +apps/crashy.py +restart 1 in 1s"),
                lines[1]);
        assertTrue(lines[2].matches("main +FINISHED +- +0 +never +yes +2m +- +main.py +last run: completed"), lines[2]);
    }

    @Test
    void logShowsTheLastLines() {
        String tail = commands.log("main", "1");
        assertTrue(tail.endsWith(" gateway app main: main.py ended (completed)\n"), tail);
        assertTrue(commands.log("main").contains(" out hello\n"));
    }

    @Test
    void mistakesAreAnsweredWithASentence() {
        assertEquals("no app nothing in " + storage.toAbsolutePath().normalize() + "; mica:apps lists them",
                commands.start("nothing"));
        assertEquals("not an app name: '../x' (letters, digits, '_' and '-')", commands.stop("../x"));
        assertEquals("the number of lines must be a whole number: 'ten'", commands.log("main", "ten"));
        assertEquals("the number of lines must be at least 1: 0", commands.log("main", "0"));
        assertEquals("usage: mica:start NAME", commands.start());
        assertTrue(commands.exec("main", " ").startsWith("nothing to run"));
    }

    @Test
    void startStopAndRestartSayWhatHappened() {
        assertEquals("stopped crashy", commands.stop("crashy"));
        assertEquals("crashy is not running", commands.stop("crashy"));
        assertEquals("started main", commands.start("main"));
        assertEquals("started main", commands.restart("main"));
    }

    @Test
    void execPrintsWhatTheStatementPrintedAndHowItFailed() {
        assertEquals("42" + System.lineSeparator(), commands.exec("main", "print 42"));
        assertEquals("bad" + System.lineSeparator() + "(uncaught exception)\n", commands.exec("main", "fail bad"));
    }
}
