package dev.mica.interp;

/**
 * How a run ended.
 *
 * @param status normal end, uncaught exception, or {@code SystemExit}
 * @param exitCode the process exit status MicroPython's unix port would give: 0, 1 after an
 *        uncaught exception, or the code of {@code SystemExit}
 */
public record RunResult(Status status, int exitCode) {
    public enum Status { COMPLETED, EXCEPTION, SYSTEM_EXIT }

    public static final RunResult COMPLETED = new RunResult(Status.COMPLETED, 0);

    public static RunResult exception() {
        return new RunResult(Status.EXCEPTION, 1);
    }

    public static RunResult systemExit(int code) {
        return new RunResult(Status.SYSTEM_EXIT, code);
    }
}
