package dev.mica.obj;

/**
 * Bounds how deeply the repr of containers nests. A list that holds itself would otherwise
 * recurse until the thread's (very deep) stack overflows, which takes long to fill and unwind;
 * MicroPython's stack check stops it with RuntimeError, and so does this, much earlier.
 */
final class ReprDepth {
    private ReprDepth() {}

    /** Deeper nesting than any real data structure needs; MicroPython stops at a similar depth. */
    static final int MAX = 2000;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** Enters one level; the caller must call {@link #leave(int[])} with the result in a finally block. */
    static int[] enter() {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX) {
            throw Py.runtimeError("maximum recursion depth exceeded");
        }
        depth[0]++;
        return depth;
    }

    static void leave(int[] depth) {
        depth[0]--;
    }
}
