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
    @Override
    public HeapTrace trace(HeapRoots roots) {
        return Marker.mark(roots);
    }
}
