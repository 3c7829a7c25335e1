package dev.mica.repl.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The threads serving a listener's connections. A listener that stops closes their sockets and
 * then waits a moment for them to end, so that no session of a deactivated component still runs
 * (writing files, using its bundle's classes) after deactivation returns.
 */
final class ConnectionWorkers {
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /** Serves a connection on a daemon thread of its own. */
    void start(String name, Runnable work) {
        Thread worker = new Thread(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        }, name);
        worker.setDaemon(true);
        running.add(worker);
        worker.start();
    }

    /** Waits up to {@code millis} in all for the workers to end (their sockets are closed already). */
    void awaitEnd(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Thread worker : running) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            try {
                worker.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
