package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageAppTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path storage;

    private final ScriptedInterpreterFactory factory = new ScriptedInterpreterFactory();
    private final RecordingAppLog log = new RecordingAppLog();

    @Test
    void runsBootThenMainInOneInterpreterConfinedToTheStorage() throws Exception {
        Files.writeString(storage.resolve("boot.py"), "print booting");
        Files.writeString(storage.resolve("main.py"), "print hello");
        runToEnd(app("main.py"));
        assertEquals(List.of("create", "run boot.py", "run main.py", "close"), factory.events);
        assertEquals(List.of("booting", "hello"), log.of("out"));
        assertEquals(storage, factory.configs.get(0).storageRoot());
        assertEquals(storage.toString(), factory.configs.get(0).path().get(0));
    }

    @Test
    void anExceptionInBootStillRunsMainButSystemExitDoesNot() throws Exception {
        Files.writeString(storage.resolve("boot.py"), "fail Traceback (most recent call last):");
        Files.writeString(storage.resolve("main.py"), "print still here");
        runToEnd(app("main.py"));
        assertEquals(List.of("Traceback (most recent call last):"), log.of("err"));
        assertEquals(List.of("still here"), log.of("out"));

        ScriptedInterpreterFactory secondFactory = new ScriptedInterpreterFactory();
        Files.writeString(storage.resolve("boot.py"), "exit 0");
        runToEnd(new StorageApp("main", storage, "main.py", secondFactory, log));
        assertEquals(List.of("create", "run boot.py", "close"), secondFactory.events);
    }

    @Test
    void aMissingStorageFolderIsMadeAndAMissingMainIsReported() throws Exception {
        Path missing = storage.resolve("not/yet");
        StorageApp app = new StorageApp("main", missing, "main.py", factory, log);
        runToEnd(app);
        assertTrue(Files.isDirectory(missing));
        assertEquals(List.of(), factory.events, "no interpreter for nothing to run");
        assertTrue(log.of("info").stream().anyMatch(m -> m.contains("no main.py")), log.entries.toString());
    }

    @Test
    void theConfiguredMainScriptIsRun() throws Exception {
        Files.writeString(storage.resolve("main.py"), "print wrong one");
        Files.writeString(storage.resolve("sensor.py"), "print sensor");
        runToEnd(app("sensor.py"));
        assertEquals(List.of("sensor"), log.of("out"));
    }

    @Test
    void stopInterruptsTheProgramAndClosesItsInterpreter() throws Exception {
        Files.writeString(storage.resolve("main.py"), "loop");
        StorageApp app = app("main.py");
        app.start();
        assertTrue(factory.looping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(app.stop(WAIT));
        assertEquals(List.of("create", "run main.py", "close"), factory.events);
        assertEquals(List.of("KeyboardInterrupt"), log.of("err"));
        assertTrue(log.of("info").stream().anyMatch(m -> m.contains("main.py ended (stopped)")), log.entries.toString());
    }

    @Test
    void aProgramThatCatchesTheFirstInterruptIsAskedAgain() throws Exception {
        Files.writeString(storage.resolve("main.py"), "loop stubborn");
        StorageApp app = app("main.py");
        app.start();
        assertTrue(factory.looping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(app.stop(WAIT));
        assertEquals("close", factory.events.get(factory.events.size() - 1));
    }

    @Test
    void theAppIsNamedAfterItsMainScript() {
        assertEquals("main", MainProgramRunner.appName("main.py"));
        assertEquals("sensor", MainProgramRunner.appName("apps/sensor.py"));
        assertEquals("run", MainProgramRunner.appName("run"));
    }

    private StorageApp app(String mainScript) {
        return new StorageApp("main", storage, mainScript, factory, log);
    }

    private void runToEnd(StorageApp app) throws InterruptedException {
        app.start();
        assertTrue(app.awaitEnd(WAIT), "the program did not end by itself");
    }
}
