package dev.mica.heap;

/**
 * An object the heap tracer can measure and look through: the bytes MicroPython's 64-bit port
 * would hold for it on its heap (0 for what lives in ROM or on the C stack there), and the
 * objects it refers to.
 */
public interface HeapTraceable {
    long heapBytes();

    void traceReferences(HeapVisitor visitor);
}
