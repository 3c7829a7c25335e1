package dev.mica.gateway;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one app, for {@code mica:apps} and the tests.
 *
 * @param uptime how long the current run has been running, or null when it is not running
 * @param exitStatus the exit status of the last run, or null when none ended (or it did not run)
 * @param lastEnd how the last run ended, or null
 * @param lastTraceback the traceback of the last failed run, or null
 * @param nextStart when a back-off ends, or null
 * @param restartsInARow restarts since the app last ran healthily or was started by hand
 * @param heapUsed the bytes its running interpreter holds against its heap, or null when it is
 *        not running or its interpreter keeps no heap account
 */
record AppStatus(String name, AppState state, AppSource source, AppSettings settings, Duration uptime,
        Integer exitStatus, String lastEnd, String lastTraceback, Instant nextStart, int restartsInARow,
        Long heapUsed) {

    /** A snapshot without heap figures. */
    AppStatus(String name, AppState state, AppSource source, AppSettings settings, Duration uptime,
            Integer exitStatus, String lastEnd, String lastTraceback, Instant nextStart, int restartsInARow) {
        this(name, state, source, settings, uptime, exitStatus, lastEnd, lastTraceback, nextStart, restartsInARow,
                null);
    }
}
