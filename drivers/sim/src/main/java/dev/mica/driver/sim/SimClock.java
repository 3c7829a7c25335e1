package dev.mica.driver.sim;

/**
 * The time base of the simulated chips (conversion times, standby periods). Tests replace
 * it with a clock they advance by hand so that timing is exact and nothing sleeps.
 */
@FunctionalInterface
public interface SimClock {
    /** The real monotonic clock. */
    SimClock SYSTEM = System::nanoTime;

    /** Monotonic time in nanoseconds, like {@link System#nanoTime()}. */
    long nanoTime();
}
