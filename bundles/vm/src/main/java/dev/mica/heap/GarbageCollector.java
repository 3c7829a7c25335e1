package dev.mica.heap;

/**
 * The service that decides what a script holds: it traces from an interpreter's roots and
 * reports what is live. {@link HeapAccount} calls it on the interpreter's own thread when the
 * charges pass the heap size or the threshold, and for {@code gc.collect()}. Implementations
 * must not charge allocations themselves and must visit each object once (cycles are common).
 */
public interface GarbageCollector {
    HeapTrace trace(HeapRoots roots);
}
