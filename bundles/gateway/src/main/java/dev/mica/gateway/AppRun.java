package dev.mica.gateway;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.mica.heap.HeapAccount;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;

/**
 * One run of an app, as a MicroPython board runs it: {@code boot.py} (when the app has one),
 * then the main script, in one new interpreter, on the thread that calls {@link #perform()}.
 *
 * <p>As on a board, an uncaught exception in {@code boot.py} still lets the main script run,
 * while {@code SystemExit} from {@code boot.py} skips it. A reset of the program from inside
 * (its {@code machine.WDT} was not fed) starts the run again at once, in a new interpreter,
 * whatever the restart policy, as the board would boot again.
 */
final class AppRun {
    private final String appName;
    private final AppSource source;
    private final AppSettings settings;
    private final InterpreterFactory factory;
    private final AppLog log;
    private final Runnable onRunning;
    private final CountDownLatch ended = new CountDownLatch(1);

    // guarded by this: the thread and interpreter of the run, and whether stop was asked for
    private Thread thread;
    private Interpreter interpreter;
    private boolean stopping;
    /** The program was reset from inside (a watchdog): run it again. */
    private boolean resetRequested;

    /** @param onRunning called once the interpreter exists, just before the first script runs */
    AppRun(String appName, AppSource source, AppSettings settings, InterpreterFactory factory, AppLog log,
            Runnable onRunning) {
        this.appName = appName;
        this.source = source;
        this.settings = settings;
        this.factory = factory;
        this.log = log;
        this.onRunning = onRunning;
    }

    AppSettings settings() {
        return settings;
    }

    /**
     * Runs the app to its end, on the calling thread. The caller calls {@link #finished()} when
     * it has recorded the outcome, which is when {@link #stop} returns.
     */
    RunOutcome perform() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        RunOutcome outcome = execute();
        while (takeReset() && !isStopping()) {
            outcome = execute();
        }
        return outcome;
    }

    private synchronized boolean takeReset() {
        boolean reset = resetRequested;
        resetRequested = false;
        return reset;
    }

    /** The run is over and its outcome recorded. */
    void finished() {
        ended.countDown();
    }

    /** The bytes the run's interpreter holds against its heap now, or null without an interpreter or account. */
    Long heapInUse() {
        Interpreter current;
        synchronized (this) {
            current = interpreter;
        }
        if (current == null) {
            return null;
        }
        HeapAccount account = current.heapAccount();
        return account == null ? null : account.used();
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Asks the program to end ({@code KeyboardInterrupt}) without waiting. */
    void requestStop() {
        Interpreter current;
        Thread running;
        synchronized (this) {
            stopping = true;
            current = interpreter;
            running = thread;
        }
        if (current != null) {
            current.interrupt();
        }
        if (running != null) {
            running.interrupt();
        }
    }

    /**
     * Interrupts the program and waits for the run to end; a program that does not end within
     * the grace period has its interpreter closed under it.
     *
     * @return whether the run ended within the grace period
     */
    boolean stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // a program may catch one KeyboardInterrupt; keep asking while the grace period lasts
            do {
                requestStop();
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (ended.await(Math.min(left, 500), TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } while (System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ended.getCount() == 0) {
            return true;
        }
        log.info("app " + appName + " did not stop within " + grace.toMillis() + " ms; closing its interpreter");
        closeInterpreter();
        return false;
    }

    private RunOutcome execute() {
        Path main = source.main();
        if (!Files.isRegularFile(main)) {
            log.info("app " + appName + ": no " + main.getFileName() + " in " + main.getParent());
            return RunOutcome.notRun("no " + main.getFileName());
        }
        Path boot = source.boot();
        boolean hasBoot = boot != null && Files.isRegularFile(boot);
        LineOutputStream stdout = new LineOutputStream(log::output);
        LineOutputStream stderr = new LineOutputStream(log::errorOutput);
        try {
            InterpreterConfig config = settings.applyTo(InterpreterConfig.standard()
                    .withStreams(InputStream.nullInputStream(), stdout, stderr)
                    .withPath(source.sysPath())
                    .withStorageRoot(settings.storageRoot(source.root())));
            Path files = settings.storageRoot(source.root());
            try {
                Files.createDirectories(files);
            } catch (java.io.IOException e) {
                log.error("app " + appName + ": cannot create its storage folder " + files, e);
                return RunOutcome.notRun("no storage folder");
            }
            if (!open(config)) {
                return RunOutcome.notRun(isStopping() ? "stopped before it ran" : "no interpreter");
            }
            onRunning.run();
            if (hasBoot) {
                RunOutcome bootOutcome = runScript(boot);
                if (bootOutcome.kind() == RunOutcome.Kind.SYSTEM_EXIT || bootOutcome.kind() == RunOutcome.Kind.NOT_RUN
                        || isStopping()) {
                    return bootOutcome;
                }
            }
            return runScript(main);
        } finally {
            closeInterpreter();
            stdout.close();
            stderr.close();
        }
    }

    /** Makes the interpreter, unless stop came first; false when there is none to run in. */
    private boolean open(InterpreterConfig config) {
        Interpreter created;
        try {
            created = factory.create(config);
        } catch (RuntimeException e) {
            log.error("app " + appName + ": the interpreter could not be made", e);
            return false;
        }
        synchronized (this) {
            if (!stopping) {
                interpreter = created;
                return true;
            }
        }
        created.close();
        return false;
    }

    private RunOutcome runScript(Path script) {
        Interpreter current;
        synchronized (this) {
            current = interpreter;
        }
        if (current == null) {
            return RunOutcome.notRun("its interpreter was closed");
        }
        log.info("app " + appName + ": running " + script);
        RunResult result;
        try {
            result = current.runFile(script);
        } catch (RuntimeException e) {
            Thread.interrupted();
            log.error("app " + appName + ": running " + script.getFileName() + " failed inside the interpreter", e);
            return RunOutcome.notRun("the interpreter failed");
        }
        // a stop interrupts this thread to wake the program; the program has ended, and a pending
        // interrupt would make the file writes that follow (log, state) fail
        Thread.interrupted();
        RunOutcome outcome = RunOutcome.of(result);
        String resetCause = current.resetCause();
        if (resetCause != null && !isStopping()) {
            synchronized (this) {
                resetRequested = true;
            }
            log.info("app " + appName + ": " + script.getFileName() + " was reset (" + resetCause + "); starting again");
            return outcome;
        }
        String end = isStopping() ? "stopped" : outcome.description();
        log.info("app " + appName + ": " + script.getFileName() + " ended (" + end + ")");
        return outcome;
    }

    private void closeInterpreter() {
        Interpreter current;
        synchronized (this) {
            current = interpreter;
            interpreter = null;
        }
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (RuntimeException e) {
            log.error("app " + appName + ": closing the interpreter failed", e);
        }
    }
}
