package dev.mica.driver.sim;

/** A clock the test moves forward by hand. */
final class ManualClock implements SimClock {
    private long now = 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    synchronized void advanceMillis(double millis) {
        now += (long) (millis * 1_000_000);
    }
}
