package dev.mica.machine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.PyException;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * What one interpreter's {@code machine} module holds: its environment, the HAL services it
 * reaches (null when there is no board: then only the unix port's hardware-free part is
 * offered), its types (made per interpreter, since their constructors need this state) and
 * the threads and listeners to release when the interpreter closes.
 */
final class MachineState {
    final ModuleEnvironment env;
    final HalServices hal;
    private final List<Runnable> releases = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timers;
    private volatile boolean closed;

    PyType pinType;
    PyType pinBaseType;
    PyType signalType;

    MachineState(ModuleEnvironment env, HalServices hal) {
        this.env = env;
        this.hal = hal;
        env.whenClosed(this::close);
    }

    boolean hasHardware() {
        return hal != null;
    }

    /** The thread that runs this interpreter's soft timers, made on first use. */
    synchronized ScheduledExecutorService timers() {
        if (timers == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "mica-machine-timer");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            executor.prestartCoreThread(); // ready before the first timer is due
            timers = executor;
        }
        return timers;
    }

    /**
     * Queues {@code handler(argument)} to run between bytecodes, from a driver or timer
     * thread. When the queue is full the event is dropped (false), as an interrupt that finds
     * MicroPython's scheduler full is.
     */
    boolean schedule(PyObject handler, PyObject argument) {
        if (closed) {
            return false;
        }
        try {
            env.schedule(handler, argument);
            return true;
        } catch (PyException queueFull) {
            return false; // dropped, as on MicroPython
        }
    }

    /**
     * Queues a hard interrupt handler (see {@code ModuleEnvironment.scheduleHard}): it runs at
     * the program's next look at interrupts, ahead of scheduled callbacks. False when dropped.
     */
    boolean scheduleHard(PyObject handler, PyObject argument) {
        return !closed && env.scheduleHard(handler, argument);
    }

    /** Timers that are running, for the poll hook of the program's sleeps. */
    private final java.util.Set<TimerType.Timer> runningTimers = new java.util.concurrent.CopyOnWriteArraySet<>();
    private boolean pollHookAdded;

    void addTimer(TimerType.Timer timer) {
        synchronized (this) {
            if (!pollHookAdded) {
                pollHookAdded = true;
                env.addPollHook(() -> {
                    long now = System.nanoTime();
                    for (TimerType.Timer t : runningTimers) {
                        t.fireIfDue(now);
                    }
                });
            }
        }
        runningTimers.add(timer);
    }

    void removeTimer(TimerType.Timer timer) {
        runningTimers.remove(timer);
    }

    private WdtType.Watchdog watchdog;

    /** The interpreter's one watchdog, made by the first {@code WDT(...)}. */
    synchronized WdtType.Watchdog watchdog(PyType wdtType) {
        if (watchdog == null) {
            watchdog = new WdtType.Watchdog(this, wdtType);
        }
        return watchdog;
    }

    /** Runs {@code release} when the interpreter closes (listeners, open ports). */
    void onClose(Runnable release) {
        releases.add(release);
    }

    private synchronized void close() {
        closed = true;
        if (timers != null) {
            timers.shutdownNow();
        }
        for (Runnable release : releases) {
            try {
                release.run();
            } catch (RuntimeException e) {
                // a driver gone meanwhile: nothing left to release
            }
        }
        releases.clear();
    }
}
