package dev.mica.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;

/**
 * An app as a MicroPython board runs it: {@code boot.py}, then the main script, from one storage
 * folder, in one interpreter, on a thread of its own.
 *
 * <p>As on a board, an uncaught exception in {@code boot.py} still lets the main script run,
 * while {@code SystemExit} from {@code boot.py} skips it.
 */
final class StorageApp {
    static final String BOOT_SCRIPT = "boot.py";

    private final String name;
    private final Path storage;
    private final String mainScript;
    private final InterpreterFactory factory;
    private final AppLog log;

    private Thread thread;
    // guarded by this: the interpreter of the current run, and whether stop() was called
    private Interpreter interpreter;
    private boolean stopping;

    StorageApp(String name, Path storage, String mainScript, InterpreterFactory factory, AppLog log) {
        this.name = name;
        this.storage = storage.toAbsolutePath().normalize();
        this.mainScript = mainScript;
        this.factory = factory;
        this.log = log;
    }

    String name() {
        return name;
    }

    Path storage() {
        return storage;
    }

    /** Starts the app on a new daemon thread and returns at once. */
    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("app " + name + " was already started");
        }
        thread = new Thread(this::run, "mica-app-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the program to end by itself; whether it did within the timeout. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.join(Math.max(1, timeout.toMillis()));
            return !running.isAlive();
        }
        return true;
    }

    /**
     * Interrupts the program ({@code KeyboardInterrupt}) and waits for it to end; a program that
     * does not end within the grace period has its interpreter closed under it.
     *
     * @return whether the program ended within the grace period
     */
    boolean stop(Duration grace) {
        Thread running;
        Interpreter current;
        synchronized (this) {
            stopping = true;
            running = thread;
            current = interpreter;
        }
        if (running == null) {
            return true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // a program may catch one KeyboardInterrupt; keep asking while the grace period lasts
            while (running.isAlive() && System.nanoTime() < deadline) {
                if (current != null) {
                    current.interrupt();
                }
                running.interrupt();
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                running.join(Math.min(left, 500));
                synchronized (this) {
                    current = interpreter;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            log.info("app " + name + " did not stop within " + grace.toMillis() + " ms; closing its interpreter");
            closeInterpreter();
            return false;
        }
        return true;
    }

    private void run() {
        Path boot = storage.resolve(BOOT_SCRIPT);
        Path main = storage.resolve(mainScript);
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            log.error("app " + name + ": cannot create the storage folder " + storage, e);
            return;
        }
        boolean hasBoot = Files.isRegularFile(boot);
        boolean hasMain = Files.isRegularFile(main);
        if (!hasMain) {
            log.info("app " + name + ": no " + mainScript + " in " + storage);
        }
        if (!hasBoot && !hasMain) {
            return;
        }
        LineOutputStream stdout = new LineOutputStream(log::output);
        LineOutputStream stderr = new LineOutputStream(log::errorOutput);
        try {
            if (!open(stdout, stderr)) {
                return;
            }
            if (hasBoot) {
                RunResult bootResult = runScript(boot);
                if (bootResult == null || bootResult.status() == RunResult.Status.SYSTEM_EXIT) {
                    return;
                }
            }
            if (hasMain && !isStopping()) {
                runScript(main);
            }
        } finally {
            closeInterpreter();
            stdout.close();
            stderr.close();
        }
    }

    /** Makes the interpreter, unless stop() came first; false when there is none to run in. */
    private boolean open(LineOutputStream stdout, LineOutputStream stderr) {
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(InputStream.nullInputStream(), stdout, stderr)
                .withPath(List.of(storage.toString(), storage.resolve("lib").toString()))
                .withStorageRoot(storage);
        Interpreter created;
        try {
            created = factory.create(config);
        } catch (RuntimeException e) {
            log.error("app " + name + ": the interpreter could not be made", e);
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

    /** Runs one script; null when the run failed inside the gateway or the app is stopping. */
    private RunResult runScript(Path script) {
        Interpreter current;
        synchronized (this) {
            if (stopping || interpreter == null) {
                return null;
            }
            current = interpreter;
        }
        log.info("app " + name + ": running " + script);
        RunResult result;
        try {
            result = current.runFile(script);
        } catch (RuntimeException e) {
            log.error("app " + name + ": running " + script.getFileName() + " failed inside the interpreter", e);
            return null;
        }
        String end = isStopping() ? "stopped" : describe(result);
        log.info("app " + name + ": " + script.getFileName() + " ended (" + end + ")");
        return result;
    }

    private static String describe(RunResult result) {
        return switch (result.status()) {
            case COMPLETED -> "completed";
            case SYSTEM_EXIT -> "SystemExit, status " + result.exitCode();
            case EXCEPTION -> "uncaught exception";
        };
    }

    private synchronized boolean isStopping() {
        return stopping;
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
            log.error("app " + name + ": closing the interpreter failed", e);
        }
    }
}
