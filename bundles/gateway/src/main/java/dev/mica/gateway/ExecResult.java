package dev.mica.gateway;

/**
 * What {@code mica:exec} gives back.
 *
 * @param ran whether the statement ran; when not, {@code text} says why
 * @param text what the statement printed (its traceback included), or why it did not run
 * @param outcome how the statement ended, or null when it did not run
 */
record ExecResult(boolean ran, String text, RunOutcome outcome) {
    static ExecResult refused(String why) {
        return new ExecResult(false, why, null);
    }
}
