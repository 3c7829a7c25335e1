package dev.mica.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.mica.interp.InterpreterFactory;

/**
 * What every app of a gateway shares.
 *
 * @param factory makes the apps' interpreters
 * @param launcher runs each app run on a thread of its own (tests may run it on the caller's)
 * @param scheduler starts apps again after their back-off delay
 * @param clock uptime and healthy running are measured with it
 * @param stopGrace how long a stopping program may take before its interpreter is closed under it
 * @param execTimeout how long {@code mica:exec} lets a statement run before interrupting it
 */
record AppContext(InterpreterFactory factory, Executor launcher, Scheduler scheduler, Clock clock,
        Duration stopGrace, Duration execTimeout) {

    /** Each task on a new daemon thread, so one app's program never waits for another's. */
    static Executor threadPerRun() {
        return task -> {
            Thread thread = new Thread(task, "mica-app");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
