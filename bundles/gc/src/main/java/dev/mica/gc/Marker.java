package dev.mica.gc;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import dev.mica.heap.HeapRoots;
import dev.mica.heap.HeapTrace;
import dev.mica.heap.HeapTraceable;
import dev.mica.heap.HeapVisitor;

/**
 * One mark phase: visits every {@link HeapTraceable} reachable from the roots exactly once
 * (an identity set, since Python objects define their own equality) with an explicit stack, so
 * that a list nested a hundred thousand deep is no deeper for the JVM than a flat one.
 */
final class Marker implements HeapVisitor, HeapTrace {
    private final Set<Object> marked;
    private final ArrayDeque<HeapTraceable> pending = new ArrayDeque<>();
    private long liveBytes;

    private Marker(int expectedObjects) {
        marked = Collections.newSetFromMap(new IdentityHashMap<>(expectedObjects));
    }

    /**
     * Marks what {@code roots} reach. {@code expectedObjects} sizes the identity set: a program
     * that keeps many objects alive has about as many at every trace, and a set that starts
     * small spends much of the trace growing and rehashing.
     */
    static Marker mark(HeapRoots roots, int expectedObjects) {
        Marker m = new Marker(expectedObjects);
        roots.visitRoots(m);
        m.drain();
        return m;
    }

    @Override
    public void visit(Object reference) {
        if (reference instanceof HeapTraceable t && marked.add(t)) {
            pending.push(t);
        }
    }

    private void drain() {
        HeapTraceable t;
        while ((t = pending.poll()) != null) {
            liveBytes += t.heapBytes();
            t.traceReferences(this);
        }
    }

    @Override
    public long liveBytes() {
        return liveBytes;
    }

    @Override
    public long liveObjects() {
        return marked.size();
    }

    @Override
    public boolean isLive(Object o) {
        return marked.contains(o);
    }
}
