package dev.mica.obj;

/**
 * Implemented by built-in objects that {@code int()} converts to a number of their own (as
 * MicroPython's "int maybe" unary operation), ahead of reading them through the buffer protocol.
 */
public interface IntConvertible {
    /** The int this object stands for, or null when this instance has none. */
    PyInt toPyInt();
}
