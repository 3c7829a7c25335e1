package dev.mica.cli;

import dev.mica.interp.Interpreter;

/**
 * Ctrl-C raises {@code KeyboardInterrupt} in the running program, as on the unix port, instead
 * of killing the JVM. Uses the JDK's {@code sun.misc.Signal} when present; without it the JVM's
 * default handling stays.
 */
final class InterruptOnSigint implements AutoCloseable {
    private final Object previous;

    private InterruptOnSigint(Object previous) {
        this.previous = previous;
    }

    static InterruptOnSigint install(Interpreter interpreter) {
        try {
            sun.misc.Signal sigint = new sun.misc.Signal("INT");
            sun.misc.SignalHandler old = sun.misc.Signal.handle(sigint, signal -> interpreter.interrupt());
            return new InterruptOnSigint(old);
        } catch (IllegalArgumentException | LinkageError e) {
            return new InterruptOnSigint(null);
        }
    }

    @Override
    public void close() {
        if (previous instanceof sun.misc.SignalHandler handler) {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
        }
    }
}
