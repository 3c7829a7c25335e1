package dev.mica.gc;

import org.osgi.service.component.annotations.Component;

import dev.mica.heap.GarbageCollector;
import dev.mica.heap.HeapRoots;
import dev.mica.heap.HeapTrace;

/**
 * The garbage collector service: a mark phase over what an interpreter's roots reach, each
 * object counted once at the size it declares. Nothing is swept (the JVM frees memory); the
 * live size tells the interpreter's heap account how much the program holds.
 */
@Component(service = GarbageCollector.class)
public final class TracingCollector implements GarbageCollector {
    /** The live objects the latest trace found: the size hint for the next (only a hint, so a race is harmless). */
    private volatile int lastLiveObjects = 32;

    @Override
    public HeapTrace trace(HeapRoots roots) {
        Marker m = Marker.mark(roots, lastLiveObjects);
        // live objects rise and fall between traces: the hint leads the latest by an eighth and shrinks slowly
        int hint = lastLiveObjects;
        lastLiveObjects = (int) Math.min(Math.max(m.liveObjects() + m.liveObjects() / 8, hint - hint / 16), 1 << 24);
        return m;
    }
}
