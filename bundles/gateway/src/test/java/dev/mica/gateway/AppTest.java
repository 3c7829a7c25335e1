package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompileOptions;
import dev.mica.code.EmitMode;

/**
 * The lifecycle of one app. Runs happen on the test's thread (a direct launcher) and restarts
 * wait for a manual scheduler, so back-off is tested without sleeping; only the tests of
 * stopping a looping program use real threads.
 */
class AppTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Executor ON_CALLER = Runnable::run;

    @TempDir
    Path apps;

    private final ScriptedInterpreterFactory factory = new ScriptedInterpreterFactory();
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingAppLog log = new RecordingAppLog();
    private final List<String> ended = new CopyOnWriteArrayList<>();

    AppTest() {
        factory.clock = clock;
    }

    @Test
    void runsBootThenMainInOneInterpreterConfinedToTheAppFolder() throws Exception {
        Path folder = folderApp("sensor", "print hello");
        Files.writeString(folder.resolve("boot.py"), "print booting");
        App app = app("sensor", AppSettings.defaults("sensor"));
        assertTrue(app.start());
        assertEquals(List.of("create", "run boot.py", "run main.py", "close"), factory.events);
        assertEquals(List.of("booting", "hello"), log.of("out"));
        assertEquals(folder, factory.configs.get(0).storageRoot());
        assertEquals(List.of(folder.toString(), ".frozen", folder.resolve("lib").toString()),
                factory.configs.get(0).path());
        AppStatus status = app.status();
        assertEquals(AppState.FINISHED, status.state());
        assertEquals(0, status.exitStatus());
        assertEquals(List.of("sensor"), ended);
    }

    @Test
    void anExceptionInBootStillRunsMainButSystemExitDoesNot() throws Exception {
        Path folder = folderApp("a", "print still here");
        Files.writeString(folder.resolve("boot.py"), "fail boom");
        app("a", AppSettings.defaults("a")).start();
        assertEquals(List.of("still here"), log.of("out"));

        factory.events.clear();
        Files.writeString(folder.resolve("boot.py"), "exit 3");
        App app = app("a", AppSettings.defaults("a"));
        app.start();
        assertEquals(List.of("create", "run boot.py", "close"), factory.events);
        assertEquals(AppState.FAILED, app.status().state());
        assertEquals(3, app.status().exitStatus());
    }

    @Test
    void aFailedRunKeepsItsExitStatusAndTraceback() throws Exception {
        folderApp("bad", "fail Traceback (most recent call last):");
        App app = app("bad", AppSettings.defaults("bad"));
        app.start();
        AppStatus status = app.status();
        assertEquals(AppState.FAILED, status.state());
        assertEquals(1, status.exitStatus());
        assertEquals("Traceback (most recent call last):", status.lastTraceback());
        assertEquals(0, scheduler.pending(), "restart policy never");
    }

    @Test
    void theSettingsOfTheStartAreTheOnesTheInterpreterGets() throws Exception {
        folderApp("x", "print one");
        App app = app("x", AppSettings.defaults("x"));
        app.start();
        AppSettings tuned = new AppSettings("x", true, RestartPolicy.NEVER, Backoff.DEFAULT, 64 * 1024,
                new CompileOptions(2, EmitMode.NATIVE));
        assertTrue(app.configure(tuned));
        assertFalse(app.configure(tuned), "the same settings again are no change");
        assertEquals(1, factory.configs.size(), "a change does not start the app");
        app.start();
        assertEquals(64 * 1024, factory.configs.get(1).heapSize());
        assertEquals(new CompileOptions(2, EmitMode.NATIVE), factory.configs.get(1).compileOptions());
    }

    @Test
    void aStorageSettingGivesTheProgramAnotherFolderForItsFilesAndKeepsItsCodeOnThePath() throws Exception {
        folderApp("x", "print one");
        AppSettings d = AppSettings.defaults("x");
        App app = app("x", new AppSettings("x", true, RestartPolicy.NEVER, Backoff.DEFAULT, d.heapSize(),
                d.compileOptions(), d.recursionLimit(), null, "data/files", d.tierThreshold()));
        app.start();
        Path files = apps.resolve("x").resolve("data").resolve("files");
        assertEquals(files, factory.configs.get(0).storageRoot());
        assertTrue(Files.isDirectory(files), "made at the start");
        assertEquals(apps.resolve("x").toString(), factory.configs.get(0).path().get(0));
    }

    @Test
    void onFailureRestartsAFailingAppWithDoublingDelaysUpToTheMaximum() throws Exception {
        folderApp("crashy", "fail boom");
        App app = app("crashy", withRestart("crashy", RestartPolicy.ON_FAILURE,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1))));
        app.start();
        assertEquals(AppState.BACKING_OFF, app.status().state());
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());
        scheduler.advance(Duration.ofMillis(999));
        assertEquals(1, runs(), "not before its delay");
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(2, runs());
        assertEquals(List.of(Duration.ofSeconds(2)), scheduler.pendingDelays());
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of(Duration.ofSeconds(4)), scheduler.pendingDelays());
        scheduler.advance(Duration.ofSeconds(4));
        assertEquals(List.of(Duration.ofSeconds(5)), scheduler.pendingDelays(), "capped at the maximum");
        assertEquals(4, app.status().restartsInARow());
        assertEquals(4, runs());
    }

    @Test
    void aRestartLimitGivesUpAfterThatManyRestartsInARowUntilStartedByHand() throws Exception {
        folderApp("crashy", "fail boom");
        App app = app("crashy", withRestart("crashy", RestartPolicy.ON_FAILURE,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1), 2)));
        app.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of(Duration.ofSeconds(2)), scheduler.pendingDelays());
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(3, runs(), "the first run and two restarts");
        assertEquals(0, scheduler.pending(), "given up");
        assertEquals(AppState.FAILED, app.status().state());
        assertEquals("uncaught exception; given up after 2 restarts in a row", app.status().lastEnd());
        assertTrue(log.of("info").contains("app crashy: given up after 2 restarts in a row (restart.limit 2);"
                + " mica:start starts it again"), log.of("info").toString());

        // by hand, the count begins anew
        app.start();
        assertEquals(4, runs());
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());
    }

    @Test
    void aRunningAppReportsTheHeapItsInterpreterHolds() throws Exception {
        folderApp("loop", "loop");
        App app = new App(source("loop"), AppSettings.defaults("loop"), context(AppContext.threadPerRun()), output(),
                a -> { });
        assertNull(app.status().heapUsed(), "not running");
        app.start();
        assertTrue(factory.looping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(ScriptedInterpreterFactory.LOOP_HEAP_BYTES, app.status().heapUsed());
        app.stop();
        assertNull(app.status().heapUsed());
    }

    @Test
    void onFailureLetsAFinishedAppRestAndAlwaysRestartsIt() throws Exception {
        folderApp("done", "print done");
        App calm = app("done", withRestart("done", RestartPolicy.ON_FAILURE, Backoff.DEFAULT));
        calm.start();
        assertEquals(AppState.FINISHED, calm.status().state());
        assertEquals(0, scheduler.pending());

        App eager = app("done", withRestart("done", RestartPolicy.ALWAYS, Backoff.DEFAULT));
        eager.start();
        assertEquals(AppState.BACKING_OFF, eager.status().state());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(3, runs());
    }

    @Test
    void aHealthyRunStartsTheBackoffAnew() throws Exception {
        Path folder = folderApp("flaky", "fail boom");
        App app = app("flaky", withRestart("flaky", RestartPolicy.ON_FAILURE,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(30))));
        app.start();
        scheduler.advance(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of(Duration.ofSeconds(4)), scheduler.pendingDelays());
        // the next run lasts 30 s before it fails: healthy long enough to forget the earlier failures
        Files.writeString(folder.resolve("main.py"), "slowfail 30 boom");
        scheduler.advance(Duration.ofSeconds(4));
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays());
        assertEquals(1, app.status().restartsInARow());
    }

    @Test
    void stopCallsOffAPendingRestart() throws Exception {
        folderApp("crashy", "fail boom");
        App app = app("crashy", withRestart("crashy", RestartPolicy.ALWAYS, Backoff.DEFAULT));
        app.start();
        assertEquals(App.StopOutcome.STOPPED, app.stop());
        assertEquals(AppState.STOPPED, app.status().state());
        scheduler.advance(Duration.ofHours(1));
        assertEquals(1, runs());
        assertEquals(App.StopOutcome.WAS_NOT_RUNNING, app.stop());
    }

    @Test
    void aStartByHandReplacesThePendingRestartAndResetsTheCount() throws Exception {
        folderApp("crashy", "fail boom");
        App app = app("crashy", withRestart("crashy", RestartPolicy.ON_FAILURE, Backoff.DEFAULT));
        app.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(2, app.status().restartsInARow());
        app.start();
        assertEquals(1, app.status().restartsInARow());
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.pendingDelays(), "the old restart is gone");
    }

    @Test
    void aMissingMainScriptFails() throws Exception {
        Path folder = folderApp("gone", "print x");
        App app = app("gone", AppSettings.defaults("gone"));
        Files.delete(folder.resolve("main.py"));
        app.start();
        assertEquals(AppState.FAILED, app.status().state());
        assertNull(app.status().exitStatus());
        assertEquals(List.of(), factory.events, "no interpreter for nothing to run");
    }

    @Test
    void stopInterruptsARunningProgramAndTheAppDoesNotRestart() throws Exception {
        folderApp("loop", "loop");
        App app = new App(source("loop"), withRestart("loop", RestartPolicy.ALWAYS, Backoff.DEFAULT),
                context(AppContext.threadPerRun()), output(), a -> ended.add(a.name()));
        assertTrue(app.start());
        assertTrue(factory.looping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(AppState.RUNNING, app.status().state());
        assertFalse(app.start(), "running already");
        assertEquals(App.StopOutcome.STOPPED, app.stop());
        assertEquals(AppState.STOPPED, app.status().state());
        assertEquals(List.of("KeyboardInterrupt"), log.of("err"));
        assertEquals(0, scheduler.pending());
        assertEquals("close", factory.events.get(factory.events.size() - 1));
    }

    @Test
    void aProgramThatCatchesTheFirstInterruptIsAskedAgain() throws Exception {
        folderApp("loop", "loop stubborn");
        App app = new App(source("loop"), AppSettings.defaults("loop"), context(AppContext.threadPerRun()), output(),
                a -> { });
        app.start();
        assertTrue(factory.looping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(App.StopOutcome.STOPPED, app.stop());
        assertEquals("close", factory.events.get(factory.events.size() - 1));
    }

    @Test
    void execRunsAStatementInAFreshInterpreterOnlyWhileTheAppIsNotRunning() throws Exception {
        folderApp("loop", "loop");
        App app = new App(source("loop"), AppSettings.defaults("loop"), context(AppContext.threadPerRun()), output(),
                a -> { });
        ExecResult printed = app.exec("print 42");
        assertTrue(printed.ran());
        assertEquals("42" + System.lineSeparator(), printed.text());
        assertEquals(List.of("create", "interactive print 42", "close"), factory.events);
        assertEquals(apps.resolve("loop"), factory.configs.get(0).storageRoot());

        app.start();
        assertTrue(factory.looping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        ExecResult refused = app.exec("print 1");
        assertFalse(refused.ran());
        assertTrue(refused.text().contains("one program at a time"), refused.text());
        app.stop();
    }

    @Test
    void execInterruptsAStatementThatRunsTooLong() throws Exception {
        folderApp("x", "print x");
        App app = new App(source("x"), AppSettings.defaults("x"), context(ON_CALLER), output(), a -> { });
        // the watchdog fires on the scheduler; run it from another thread while the statement loops
        Thread watchdog = new Thread(() -> {
            try {
                factory.looping.await();
            } catch (InterruptedException e) {
                return;
            }
            scheduler.advance(Duration.ofSeconds(10));
        });
        watchdog.start();
        ExecResult result = app.exec("loop");
        watchdog.join();
        assertTrue(result.ran());
        assertTrue(result.outcome().failed());
        assertTrue(result.text().contains("KeyboardInterrupt"), result.text());
    }

    private int runs() {
        return (int) factory.events.stream().filter(e -> e.equals("create")).count();
    }

    private Path folderApp(String name, String main) throws Exception {
        Path folder = Files.createDirectories(apps.resolve(name));
        Files.writeString(folder.resolve("main.py"), main);
        return folder;
    }

    private AppSource source(String name) {
        Path folder = apps.resolve(name);
        return new AppSource(name, AppSource.Kind.FOLDER, folder, folder.resolve("boot.py"), folder.resolve("main.py"));
    }

    private static AppSettings withRestart(String name, RestartPolicy policy, Backoff backoff) {
        AppSettings d = AppSettings.defaults(name);
        return new AppSettings(name, d.autostart(), policy, backoff, d.heapSize(), d.compileOptions());
    }

    private AppContext context(Executor launcher) {
        return new AppContext(factory, launcher, scheduler, clock, WAIT, Duration.ofSeconds(10));
    }

    private AppOutput output() {
        return new AppOutput(new OutputRing(100), null, log, clock);
    }

    private App app(String name, AppSettings settings) {
        return new App(source(name), settings, context(ON_CALLER), output(), a -> ended.add(a.name()));
    }
}
