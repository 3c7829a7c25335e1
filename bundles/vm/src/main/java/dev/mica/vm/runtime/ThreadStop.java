package dev.mica.vm.runtime;

/**
 * Unwinds a Python thread that must end now because its interpreter is closing. An Error, not
 * a Python exception: no {@code except} or {@code finally} of the program may keep the thread
 * alive, as a cancelled thread of MicroPython's unix port ends at once.
 */
public final class ThreadStop extends Error {
    private static final long serialVersionUID = 1L;

    public ThreadStop() {
        super("Python thread stopped", null, false, false);
    }
}
