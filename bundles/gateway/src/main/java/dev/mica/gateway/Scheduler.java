package dev.mica.gateway;

import java.time.Duration;

/** Runs tasks after a delay: restarts after back-off and the watchdog of {@code mica:exec}. */
interface Scheduler {
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that has not run yet can be called off. */
    interface Cancellable {
        void cancel();
    }
}
