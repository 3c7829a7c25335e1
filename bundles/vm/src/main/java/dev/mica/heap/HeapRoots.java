package dev.mica.heap;

/**
 * Where tracing starts for one interpreter: its modules, the frames of code running in each of
 * its threads, scheduled callbacks. Enumerated by the VM, walked by the {@link GarbageCollector}.
 */
@FunctionalInterface
public interface HeapRoots {
    void visitRoots(HeapVisitor visitor);
}
