package dev.mica.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between restarts: the first restart waits {@code initialDelay}, each
 * further one twice as long as the one before, up to {@code maxDelay}; a run that lasted
 * {@code resetAfter} or longer counts as healthy and the next restart waits the initial delay
 * again. After {@code limit} restarts in a row (0: no limit) the app is given up on: it stays
 * failed until it is started by hand.
 */
record Backoff(Duration initialDelay, Duration maxDelay, Duration resetAfter, int limit) {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1));

    /** Restarts without a limit. */
    Backoff(Duration initialDelay, Duration maxDelay, Duration resetAfter) {
        this(initialDelay, maxDelay, resetAfter, 0);
    }

    Backoff {
        if (limit < 0) {
            throw new IllegalArgumentException("the limit of restarts in a row must not be negative");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("the initial delay must be positive");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("the maximum delay must not be shorter than the initial delay");
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("the healthy running time must be positive");
        }
    }

    /** The delay before the given restart in a row, counted from 1. */
    Duration delayBefore(int restartInARow) {
        Duration delay = initialDelay;
        for (int i = 1; i < restartInARow && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Whether the given restart in a row, counted from 1, is one more than the limit allows. */
    boolean givesUpBefore(int restartInARow) {
        return limit > 0 && restartInARow > limit;
    }

    /** Whether a run of this length resets the count of restarts in a row. */
    boolean wasHealthy(Duration ranFor) {
        return ranFor.compareTo(resetAfter) >= 0;
    }
}
