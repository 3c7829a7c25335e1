package dev.mica.heap;

/** Receives the references a {@link HeapTraceable} or {@link HeapRoots} holds. */
@FunctionalInterface
public interface HeapVisitor {
    /** One reference; null and objects that are not {@link HeapTraceable} are ignored by tracers. */
    void visit(Object reference);
}
