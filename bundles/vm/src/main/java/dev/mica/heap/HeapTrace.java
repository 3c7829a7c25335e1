package dev.mica.heap;

/** What one trace found: the live size, and whether a given object was reached. */
public interface HeapTrace {
    long liveBytes();

    long liveObjects();

    boolean isLive(Object o);
}
