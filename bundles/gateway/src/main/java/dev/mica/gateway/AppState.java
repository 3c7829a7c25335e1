package dev.mica.gateway;

/** Where an app is in its lifecycle. */
enum AppState {
    /** Not running: never started, or stopped by the operator or by the gateway stopping. */
    STOPPED,
    /** Its interpreter is being made. */
    STARTING,
    /** Its program runs. */
    RUNNING,
    /** Its program ended by itself: completed, or {@code SystemExit} with status 0. */
    FINISHED,
    /** Its program ended with an uncaught exception or a non-zero {@code SystemExit}, or could not run. */
    FAILED,
    /** It ended and its restart policy starts it again after a delay. */
    BACKING_OFF;

    boolean isActive() {
        return this == STARTING || this == RUNNING;
    }
}
