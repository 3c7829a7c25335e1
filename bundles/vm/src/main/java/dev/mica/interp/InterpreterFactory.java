package dev.mica.interp;

/**
 * Makes interpreters. The VM bundle registers one as a service (and for
 * {@link java.util.ServiceLoader}); each interpreter it makes is independent of the others.
 */
public interface InterpreterFactory {
    Interpreter create(InterpreterConfig config);

    /** The value of {@code sys.version}'s MicroPython part and {@code sys.implementation}. */
    String version();
}
