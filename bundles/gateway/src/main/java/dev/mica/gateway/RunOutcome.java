package dev.mica.gateway;

import dev.mica.interp.RunResult;

/**
 * How one run of an app ended.
 *
 * @param kind what ended it
 * @param exitStatus the process exit status MicroPython's unix port would give (0, 1 after an
 *        uncaught exception, the code of {@code SystemExit}), or null when the program did not run
 * @param description for the operator: "completed", "uncaught exception", ...
 */
record RunOutcome(Kind kind, Integer exitStatus, String description) {
    enum Kind { COMPLETED, SYSTEM_EXIT, EXCEPTION, NOT_RUN }

    static RunOutcome of(RunResult result) {
        return switch (result.status()) {
            case COMPLETED -> new RunOutcome(Kind.COMPLETED, 0, "completed");
            case SYSTEM_EXIT -> new RunOutcome(Kind.SYSTEM_EXIT, result.exitCode(), "SystemExit, status " + result.exitCode());
            case EXCEPTION -> new RunOutcome(Kind.EXCEPTION, result.exitCode(), "uncaught exception");
        };
    }

    static RunOutcome notRun(String why) {
        return new RunOutcome(Kind.NOT_RUN, null, why);
    }

    /** Whether the restart policy {@code on-failure} counts this end as a failure, as systemd does. */
    boolean failed() {
        return switch (kind) {
            case COMPLETED -> false;
            case SYSTEM_EXIT -> exitStatus != 0;
            case EXCEPTION, NOT_RUN -> true;
        };
    }
}
