package dev.mica.vm.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The global interpreter lock: the threads of one interpreter run Python code one at a time.
 *
 * <p>Until a program starts its first thread the lock is off and costs nothing: the program's
 * thread owns the interpreter alone. Once on, a thread that waits longer than the switch
 * interval asks the holder to hand over; the holder sees the request at its next backward jump
 * or call (it arrives through {@link Runtime#interruptPending}, the flag the interpreter loop
 * already reads there) and gives the lock up, and the fair lock passes it to the longest
 * waiting thread. Blocking calls (sleep, lock waits, input) release it for their duration.
 */
public final class InterpreterLock {
    /** How long a waiting thread lets the holder run before it asks for the lock. */
    static final long SWITCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Runtime runtime;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile boolean enabled;
    /** A waiting thread asked the holder to hand the lock over. */
    volatile boolean switchRequested;

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
            lock.lock();
            enabled = true;
        }
    }

    /** Whether the calling Java thread holds the lock (always true while it is off). */
    public boolean isHeldByCurrentThread() {
        return !enabled || lock.isHeldByCurrentThread();
    }

    /**
     * Takes the lock for {@code thread} (waiting as long as it takes, asking the holder to hand
     * over meanwhile) and makes it the interpreter's current thread.
     */
    void acquire(PythonThread thread) {
        if (enabled) {
            // the timed tryLock keeps the fair order (the untimed one would barge), so a thread
            // handing the lock over queues behind the one that asked for it
            boolean interrupted = false;
            while (true) {
                try {
                    if (lock.tryLock(SWITCH_INTERVAL_NANOS, TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    switchRequested = true;
                    runtime.interruptPending = true;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        runtime.enter(thread);
    }

    /** Gives the lock up after saving {@code thread}'s state. */
    void release(PythonThread thread) {
        runtime.leave(thread);
        if (enabled) {
            lock.unlock();
        }
    }

    /** Whether some thread waits for the lock. */
    boolean hasWaiters() {
        return lock.hasQueuedThreads();
    }
}
