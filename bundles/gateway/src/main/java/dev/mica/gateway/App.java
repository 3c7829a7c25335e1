package dev.mica.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;

/**
 * One app and its lifecycle: started by hand or at boot, stopped, restarted by its restart
 * policy after a back-off delay. Each run gets a new interpreter, made with the settings the
 * app has when the run starts, so a configuration change applies at the next start.
 *
 * <p>State changes happen under this object's lock; programs run and stop outside it.
 */
final class App {
    /** What {@link #stop()} found and did. */
    enum StopOutcome { WAS_NOT_RUNNING, STOPPED, STOPPED_FORCIBLY }

    /** How much of a {@code mica:exec} statement's output is kept. */
    static final int EXEC_OUTPUT_LIMIT = 64 * 1024;

    private final String name;
    private final AppContext context;
    private final AppOutput output;
    private final Consumer<App> runEnded;

    // guarded by this
    private AppSource source;
    private AppSettings settings;
    private AppState state = AppState.STOPPED;
    private AppRun run;
    private Scheduler.Cancellable pendingRestart;
    private long restartGeneration;
    private Instant nextStart;
    private int restartsInARow;
    private Instant startedAt;
    private Integer exitStatus;
    private String lastEnd;
    private String lastTraceback;

    /** @param runEnded told after each run has ended and the app's state is updated */
    App(AppSource source, AppSettings settings, AppContext context, AppOutput output, Consumer<App> runEnded) {
        this.name = source.name();
        this.source = source;
        this.settings = settings;
        this.context = context;
        this.output = output;
        this.runEnded = runEnded;
    }

    String name() {
        return name;
    }

    AppOutput output() {
        return output;
    }

    synchronized AppStatus status() {
        Duration uptime = state == AppState.RUNNING && startedAt != null
                ? Duration.between(startedAt, context.clock().instant())
                : null;
        Long heapUsed = state == AppState.RUNNING && run != null ? run.heapInUse() : null;
        return new AppStatus(name, state, source, settings, uptime, exitStatus, lastEnd, lastTraceback,
                state == AppState.BACKING_OFF ? nextStart : null, restartsInARow, heapUsed);
    }

    /** The heap the running program holds, or -1 when it does not run. */
    long heapUsed() {
        AppRun current;
        synchronized (this) {
            current = state.isActive() ? run : null;
        }
        Long used = current == null ? null : current.heapInUse();
        return used == null ? -1 : used;
    }

    /** Sets the settings for the next start; whether they differ from the ones it had. */
    synchronized boolean configure(AppSettings newSettings) {
        boolean changed = !newSettings.equals(settings);
        settings = newSettings;
        return changed;
    }

    /** Where its files are, from the next start on. */
    synchronized void relocate(AppSource newSource) {
        source = newSource;
    }

    /** What the gateway remembered of the last run before it restarted. */
    synchronized void restoreLastRun(Integer status, String end, String traceback) {
        exitStatus = status;
        lastEnd = end;
        lastTraceback = traceback;
    }

    /**
     * Starts the app unless it is starting or running; a pending back-off restart is replaced by
     * this start, and the count of restarts in a row begins anew.
     *
     * @return false when it was already starting or running
     */
    boolean start() {
        AppRun started;
        synchronized (this) {
            if (state.isActive()) {
                return false;
            }
            restartsInARow = 0;
            started = beginRun();
        }
        launch(started);
        return true;
    }

    /**
     * Stops the app: a running program is interrupted ({@code KeyboardInterrupt}) and given the
     * stop grace period to end, a pending restart is called off.
     */
    StopOutcome stop() {
        AppRun stopping;
        synchronized (this) {
            boolean calledOff = cancelRestart();
            if (!state.isActive()) {
                return calledOff ? StopOutcome.STOPPED : StopOutcome.WAS_NOT_RUNNING;
            }
            stopping = run;
        }
        if (stopping.stop(context.stopGrace())) {
            return StopOutcome.STOPPED;
        }
        synchronized (this) {
            // the thread may linger in a program that ignores interrupts; the app is stopped regardless
            if (run == stopping) {
                state = AppState.STOPPED;
                lastEnd = "stopped forcibly";
            }
        }
        return StopOutcome.STOPPED_FORCIBLY;
    }

    /** Asks a running program to end without waiting; the run to wait for, or null. */
    AppRun requestStop() {
        AppRun stopping;
        synchronized (this) {
            cancelRestart();
            if (!state.isActive()) {
                return null;
            }
            stopping = run;
        }
        stopping.requestStop();
        return stopping;
    }

    /** Stops and starts the app; the restart counter begins anew. */
    StopOutcome restart() {
        StopOutcome stopped = stop();
        start();
        return stopped;
    }

    /**
     * Runs one statement as the REPL would, in a new interpreter made like the app's (files,
     * {@code sys.path}, settings), and returns what it printed. A running app's interpreter runs
     * its program and cannot run anything beside it, so a running app refuses.
     */
    ExecResult exec(String statement) {
        AppSource execSource;
        AppSettings execSettings;
        synchronized (this) {
            if (state.isActive()) {
                return ExecResult.refused("app " + name + " is " + state.name().toLowerCase()
                        + ": its interpreter runs one program at a time. Stop it first (mica:stop " + name + ")");
            }
            execSource = source;
            execSettings = settings;
        }
        BoundedBuffer captured = new BoundedBuffer(EXEC_OUTPUT_LIMIT);
        InterpreterConfig config = execSettings.applyTo(InterpreterConfig.standard()
                .withStreams(InputStream.nullInputStream(), captured, captured)
                .withPath(execSource.sysPath())
                .withStorageRoot(execSettings.storageRoot(execSource.root())));
        Interpreter interpreter;
        try {
            interpreter = newInterpreter(execSource, execSettings, InputStream.nullInputStream(), captured, captured);
        } catch (RuntimeException e) {
            output.error("app " + name + ": the interpreter for mica:exec could not be made", e);
            return ExecResult.refused("the interpreter could not be made: " + e.getMessage());
        }
        AtomicBoolean done = new AtomicBoolean();
        Scheduler.Cancellable watchdog = context.scheduler().schedule(() -> interruptUntilDone(interpreter, done),
                context.execTimeout());
        RunResult result;
        try {
            result = interpreter.runInteractive(statement);
        } catch (RuntimeException e) {
            output.error("app " + name + ": mica:exec failed inside the interpreter", e);
            return ExecResult.refused("the interpreter failed: " + e.getMessage());
        } finally {
            done.set(true);
            watchdog.cancel();
            interpreter.close();
        }
        RunOutcome outcome = RunOutcome.of(result);
        output.info("app " + name + ": mica:exec " + statement + " (" + outcome.description() + ")");
        return new ExecResult(true, captured.text(), outcome);
    }

    /**
     * A new interpreter made like the app's (files, {@code sys.path}, settings) with these
     * streams, beside a run of the app if there is one; for a REPL on the app.
     */
    Interpreter newInterpreter(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        AppSource currentSource;
        AppSettings currentSettings;
        synchronized (this) {
            currentSource = source;
            currentSettings = settings;
        }
        return newInterpreter(currentSource, currentSettings, stdin, stdout, stderr);
    }

    private Interpreter newInterpreter(AppSource from, AppSettings with, InputStream stdin, OutputStream stdout,
            OutputStream stderr) {
        InterpreterConfig config = with.applyTo(InterpreterConfig.standard()
                .withStreams(stdin, stdout, stderr)
                .withPath(from.sysPath())
                .withStorageRoot(from.root()));
        return context.factory().create(config);
    }

    /** Interrupts the statement, and again each second for one that catches KeyboardInterrupt. */
    private void interruptUntilDone(Interpreter interpreter, AtomicBoolean done) {
        if (!done.get()) {
            interpreter.interrupt();
            context.scheduler().schedule(() -> interruptUntilDone(interpreter, done), Duration.ofSeconds(1));
        }
    }

    /** Moves to STARTING with a new run; under the lock. */
    private AppRun beginRun() {
        cancelRestart();
        AppRun[] created = new AppRun[1];
        created[0] = new AppRun(name, source, settings, context.factory(), output, () -> running(created[0]));
        run = created[0];
        state = AppState.STARTING;
        startedAt = null;
        return created[0];
    }

    private void launch(AppRun started) {
        context.launcher().execute(() -> {
            Thread.currentThread().setName("mica-app-" + name);
            output.beginRun();
            RunOutcome outcome;
            try {
                outcome = started.perform();
            } catch (RuntimeException e) {
                output.error("app " + name + ": the run failed in the gateway", e);
                outcome = RunOutcome.notRun("the gateway failed");
            }
            Thread.interrupted(); // meant for the program, which has ended; see AppRun
            try {
                ended(started, outcome);
            } finally {
                started.finished();
            }
        });
    }

    private synchronized void running(AppRun started) {
        if (run == started && state == AppState.STARTING) {
            state = AppState.RUNNING;
            startedAt = context.clock().instant();
        }
    }

    private void ended(AppRun ended, RunOutcome outcome) {
        String restartNote = null;
        synchronized (this) {
            if (run != ended) {
                return; // a run that was given up on after a forced stop; a newer one owns the state
            }
            Instant now = context.clock().instant();
            Duration ranFor = startedAt == null ? Duration.ZERO : Duration.between(startedAt, now);
            startedAt = null;
            exitStatus = outcome.exitStatus();
            if (outcome.kind() == RunOutcome.Kind.EXCEPTION) {
                lastTraceback = output.traceback();
            }
            if (ended.isStopping()) {
                state = AppState.STOPPED;
                lastEnd = "stopped";
            } else {
                boolean failed = outcome.failed();
                lastEnd = outcome.description();
                state = failed ? AppState.FAILED : AppState.FINISHED;
                AppSettings used = ended.settings();
                if (used.backoff().wasHealthy(ranFor)) {
                    restartsInARow = 0;
                }
                if (used.restart().restartsAfter(failed) && used.backoff().givesUpBefore(restartsInARow + 1)) {
                    lastEnd = outcome.description() + "; given up after " + restartsInARow + " restarts in a row";
                    restartNote = "app " + name + ": given up after " + restartsInARow + " restarts in a row"
                            + " (restart.limit " + used.backoff().limit() + "); mica:start starts it again";
                } else if (used.restart().restartsAfter(failed)) {
                    restartsInARow++;
                    Duration delay = used.backoff().delayBefore(restartsInARow);
                    state = AppState.BACKING_OFF;
                    nextStart = now.plus(delay);
                    long generation = ++restartGeneration;
                    pendingRestart = context.scheduler().schedule(() -> restartAfterBackoff(generation), delay);
                    restartNote = "app " + name + ": restart " + restartsInARow + " in a row in "
                            + delay.toMillis() + " ms (restart policy " + used.restart().configName() + ")";
                }
            }
        }
        if (restartNote != null) {
            output.info(restartNote);
        }
        runEnded.accept(this);
    }

    private void restartAfterBackoff(long generation) {
        AppRun started;
        synchronized (this) {
            // a restart that was called off and replaced may still fire: only the latest counts
            if (state != AppState.BACKING_OFF || generation != restartGeneration) {
                return;
            }
            pendingRestart = null;
            started = beginRun();
        }
        launch(started);
    }

    /** Calls off a pending restart; whether there was one. Under the lock. */
    private boolean cancelRestart() {
        if (pendingRestart == null && state != AppState.BACKING_OFF) {
            return false;
        }
        if (pendingRestart != null) {
            pendingRestart.cancel();
            pendingRestart = null;
        }
        nextStart = null;
        if (state == AppState.BACKING_OFF) {
            state = AppState.STOPPED;
        }
        return true;
    }
}
