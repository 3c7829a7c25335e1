package dev.mica.vm.runtime;

/**
 * The global interpreter lock: the threads of one interpreter run Python code one at a time.
 *
 * <p>Until a program starts its first thread the lock is off and costs nothing: the program's
 * thread owns the interpreter alone. Once on, a thread that has waited a switch interval
 * without the lock changing hands asks the holder to hand over; the request arrives through
 * {@link Runtime#interruptPending}, the flag the interpreter loop already reads at backward
 * jumps and calls, and the holder then gives the lock up and waits until a waiting thread has
 * taken it before it queues again (without that wait it would often win the lock straight
 * back). Blocking calls (sleep, lock waits, input) release it for their duration.
 */
public final class InterpreterLock {
    /** How long a waiting thread lets the holder run before it asks for the lock. */
    static final long SWITCH_INTERVAL_MILLIS = 5;

    private final Runtime runtime;
    private final Object monitor = new Object();
    private volatile boolean enabled;
    /** A waiting thread asked the holder to hand the lock over. */
    volatile boolean switchRequested;

    // guarded by monitor
    private boolean held;
    /** Counts the times the lock was taken, so a waiter can tell whether it changed hands. */
    private long takes;
    private int waiting;
    private volatile Thread holder;

    InterpreterLock(Runtime runtime) {
        this.runtime = runtime;
    }

    /** Whether threads were started, so that the lock is taken and handed over. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Turns the lock on, called by the thread running Python code when it starts the first
     * other thread: from then on that thread holds it.
     */
    void enable() {
        if (!enabled) {
            synchronized (monitor) {
                held = true;
                holder = Thread.currentThread();
                takes++;
            }
            enabled = true;
        }
    }

    /** Whether the calling Java thread holds the lock (always true while it is off). */
    public boolean isHeldByCurrentThread() {
        return !enabled || holder == Thread.currentThread();
    }

    /**
     * Takes the lock for {@code thread} (waiting as long as it takes, asking the holder to hand
     * over meanwhile) and makes it the interpreter's current thread.
     */
    void acquire(PythonThread thread) {
        acquire(thread, false);
    }

    /**
     * As {@link #acquire(PythonThread)}; {@code urgent} (a thread back from a wait, such as a
     * sleep that ended) asks the holder to hand over at once instead of after a switch
     * interval, as a timely wake-up should not wait for a busy thread's turn to end.
     */
    void acquire(PythonThread thread, boolean urgent) {
        if (enabled) {
            synchronized (monitor) {
                if (urgent && held) {
                    switchRequested = true;
                    runtime.interruptPending = true;
                }
                take();
            }
        }
        runtime.enter(thread);
    }

    /** Gives the lock up after saving {@code thread}'s state. */
    void release(PythonThread thread) {
        runtime.leave(thread);
        if (enabled) {
            synchronized (monitor) {
                held = false;
                holder = null;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Lets a waiting thread run: gives the lock up, waits until another thread has taken it
     * (if any waits), and takes it back in turn.
     */
    void handOver(PythonThread thread) {
        if (!enabled) {
            return;
        }
        runtime.leave(thread);
        synchronized (monitor) {
            long before = takes;
            held = false;
            holder = null;
            monitor.notifyAll();
            boolean interrupted = false;
            while (waiting > 0 && takes == before) {
                try {
                    monitor.wait(SWITCH_INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            take();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        runtime.enter(thread);
    }

    /** Waits for the lock and takes it; under the monitor. */
    private void take() {
        boolean interrupted = false;
        if (held) {
            waiting++;
            try {
                while (held) {
                    long before = takes;
                    try {
                        monitor.wait(SWITCH_INTERVAL_MILLIS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        continue;
                    }
                    if (held && takes == before) {
                        switchRequested = true;
                        runtime.interruptPending = true;
                    }
                }
            } finally {
                waiting--;
            }
        }
        held = true;
        holder = Thread.currentThread();
        takes++;
        monitor.notifyAll();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether some thread waits for the lock. */
    boolean hasWaiters() {
        synchronized (monitor) {
            return waiting > 0;
        }
    }
}
