package dev.mica.heap;

import java.util.function.Supplier;

import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;

/**
 * One interpreter's heap: what its program has allocated, charged in MicroPython's 64-bit sizes
 * (16-byte blocks), against its heap size ({@code -X heapsize}).
 *
 * <p>{@link #charge} is the hot path: an add, a compare and a store. When the bytes in use pass
 * the trigger (the heap size, or {@code gc.threshold} past the last trace), or the heap is
 * locked, the slow path runs: with a {@link GarbageCollector} bound it traces what is live from
 * the interpreter's roots, sets the bytes in use to that, and raises MemoryError if the request
 * still does not fit; with none, accounting is unbounded and only a single request larger than
 * the whole heap fails. A collector that appears (or replaces another) takes over with a fresh
 * trace at the next slow path.
 *
 * <p>An account belongs to one interpreter, whose threads take turns under its interpreter lock,
 * so its fields are plain.
 */
public final class HeapAccount {
    /** MicroPython's allocation block on a 64-bit port (four object words). */
    public static final int BLOCK_BYTES = 32;

    /** The account of threads that run no interpreter: counts, never refuses but huge requests. */
    private static final HeapAccount DETACHED = new HeapAccount(dev.mica.interp.InterpreterConfig.DEFAULT_HEAP_SIZE, null);

    private volatile long heapSize;
    /** The bytes of the heap that hold objects: what MicroPython's gc reports as its total. */
    private volatile long capacity;
    private final Supplier<GarbageCollector> collectors;
    private HeapRoots roots;

    /** Bytes in use: live at the last trace plus everything charged since. */
    private long used;
    /** Past this, {@link #charge} takes the slow path; below any charge while the heap is locked. */
    private long trigger;
    private int lockDepth;
    private boolean autoCollect = true;
    /** gc.threshold in bytes, or -1. */
    private long threshold = -1;
    /**
     * The collector of the last trace; null while accounting is unbounded. Weak, so that a
     * collector's bundle swapped out is not kept reachable by the accounts it served.
     */
    private java.lang.ref.WeakReference<GarbageCollector> tracedBy;
    private boolean tracing;

    private long usedAtTrace;
    private long totalAtTrace;
    private long peak;
    private long traces;
    private long liveObjects;

    /**
     * An account of {@code heapSize} bytes. {@code collectors} gives the collector bound now (or
     * null); a null supplier makes a detached account, which never traces nor refuses.
     */
    public HeapAccount(long heapSize, Supplier<GarbageCollector> collectors) {
        if (heapSize <= 0) {
            throw new IllegalArgumentException("heap size must be positive: " + heapSize);
        }
        this.heapSize = heapSize;
        this.capacity = poolBytes(heapSize);
        this.collectors = collectors;
        this.trigger = capacity;
    }

    /**
     * The pool of a MicroPython heap of {@code heapSize} bytes: what is left for blocks once the
     * allocation table (2 bits a block) and the finaliser table (1 bit a block) take their share.
     */
    static long poolBytes(long heapSize) {
        long tableBytes = heapSize * 8 / (8 + 4 + 8 * 4 * BLOCK_BYTES);
        return Math.max(BLOCK_BYTES, tableBytes * 4 * BLOCK_BYTES);
    }

    /** The account of the interpreter running on this thread (a detached one elsewhere). */
    public static HeapAccount current() {
        return Thread.currentThread() instanceof HeapThread t ? t.account() : DETACHED;
    }

    /** The account used by threads outside any interpreter. */
    public static HeapAccount detached() {
        return DETACHED;
    }

    /** Where traces start; until set, the account stays unbounded. */
    public void setRoots(HeapRoots roots) {
        this.roots = roots;
    }

    public long heapSize() {
        return heapSize;
    }

    /** The bytes objects may take (gc.mem_free() + gc.mem_alloc()). */
    public long capacity() {
        return capacity;
    }

    /** Changes the heap size (for the detached account: what {@code HeapBudget.configure} sets). */
    public void setHeapSize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("heap size must be positive: " + bytes);
        }
        heapSize = bytes;
        capacity = poolBytes(bytes);
        updateTrigger();
    }

    /** Bytes an object of {@code bytes} bytes takes in whole blocks. */
    public static long blocks(long bytes) {
        return (bytes + BLOCK_BYTES - 1) & ~(long) (BLOCK_BYTES - 1);
    }

    /** Charges an allocation of {@code bytes} (already rounded, or not: the sum is what counts). */
    public void charge(long bytes) {
        long u = used + bytes;
        if (u > trigger) {
            chargeSlow(bytes);
            return;
        }
        used = u;
    }

    /** Charges to the account of the current thread. */
    public static void chargeCurrent(long bytes) {
        current().charge(bytes);
    }

    /**
     * Charges an allocation that must never fail (an exception being raised, which MicroPython
     * makes from its emergency buffer when the heap is locked or full): it is only counted.
     */
    public void chargeQuietly(long bytes) {
        used += bytes;
    }

    private void chargeSlow(long bytes) {
        if (lockDepth > 0) {
            throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, heap is locked");
        }
        if (collectors == null) {
            // detached: code outside interpreters is never refused (size checks are HeapBudget's)
            used += bytes;
            trigger = Long.MAX_VALUE;
            return;
        }
        if (bytes > capacity) {
            throw outOfMemory(bytes);
        }
        GarbageCollector gc = tracing ? null : collectors.get();
        if (gc == null || roots == null) {
            // unbounded: count on, look again one heap further on
            tracedBy = null;
            used += bytes;
            trigger = used + capacity;
            return;
        }
        if (autoCollect || tracedBy == null || tracedBy.get() != gc) {
            trace(gc);
        }
        if (used + bytes > capacity) {
            updateTrigger();
            throw outOfMemory(bytes);
        }
        used += bytes;
        updateTrigger();
    }

    /** Whether the heap is locked (micropython.heap_lock), so that every charge is refused. */
    public boolean isLocked() {
        return lockDepth > 0;
    }

    /**
     * Runs a trace with the bound collector (gc.collect()); returns false when none is bound.
     * The bytes in use become the live bytes found.
     */
    public boolean collect() {
        GarbageCollector gc = collectors == null ? null : collectors.get();
        if (gc == null || roots == null || tracing) {
            return false;
        }
        trace(gc);
        updateTrigger();
        return true;
    }

    private void trace(GarbageCollector gc) {
        peak = Math.max(peak, used);
        tracing = true;
        HeapTrace t;
        try {
            t = gc.trace(roots);
        } finally {
            tracing = false;
        }
        totalAtTrace = totalAllocated();
        used = t.liveBytes();
        usedAtTrace = used;
        liveObjects = t.liveObjects();
        tracedBy = new java.lang.ref.WeakReference<>(gc);
        traces++;
    }

    private void updateTrigger() {
        if (lockDepth > 0) {
            trigger = Long.MIN_VALUE;
        } else if (tracedBy == null && collectors != null && roots != null && collectors.get() != null) {
            // a collector has come: the next charge takes over with a fresh trace
            trigger = Long.MIN_VALUE;
        } else if (tracedBy == null) {
            trigger = used + capacity;
        } else {
            long t = capacity;
            if (threshold >= 0 && autoCollect) {
                t = Math.min(t, usedAtTrace + threshold);
            }
            trigger = t;
        }
    }

    /** micropython.heap_lock(). */
    public void lock() {
        lockDepth = (lockDepth + 1) & 0xffff;
        updateTrigger();
    }

    /**
     * micropython.heap_unlock(): returns the new depth. MicroPython keeps the depth in 16 bits,
     * so unlocking an unlocked heap wraps it to 65535 and leaves the heap locked.
     */
    public int unlock() {
        lockDepth = (lockDepth - 1) & 0xffff;
        updateTrigger();
        return lockDepth;
    }

    public int lockDepth() {
        return lockDepth;
    }

    /** Sets the lock depth of the thread that now runs (each thread has its own, as in MicroPython). */
    public void setLockDepth(int depth) {
        if (depth != lockDepth) {
            lockDepth = depth & 0xffff;
            updateTrigger();
        }
    }

    public void setAutoCollect(boolean enabled) {
        autoCollect = enabled;
        updateTrigger();
    }

    public boolean isAutoCollect() {
        return autoCollect;
    }

    /** gc.threshold(bytes); negative turns it off. */
    public void setThreshold(long bytes) {
        threshold = bytes < 0 ? -1 : bytes;
        updateTrigger();
    }

    public long threshold() {
        return threshold;
    }

    /** Bytes in use (gc.mem_alloc), at most the heap size. */
    public long used() {
        return Math.min(used, capacity);
    }

    /** Bytes free (gc.mem_free). */
    public long free() {
        return capacity - used();
    }

    /** Bytes charged over the account's life (micropython.mem_total). */
    public long totalAllocated() {
        return totalAtTrace + (used - usedAtTrace);
    }

    /** The most bytes in use at once (micropython.mem_peak). */
    public long peak() {
        return Math.max(peak, used());
    }

    /** Traces run so far. */
    public long traces() {
        return traces;
    }

    /** Objects found live by the last trace. */
    public long liveObjects() {
        return liveObjects;
    }

    /** Whether the bytes in use come from a trace by a bound collector (false: unbounded accounting). */
    public boolean isTraced() {
        return tracedBy != null;
    }

    /** The unix port's static emergency exception buffer, which its first 48 bytes give to a traceback. */
    private static final int EMERGENCY_BUFFER_BYTES = 256;
    private static final int EMERGENCY_TRACEBACK_BYTES = 48;

    /** Whether an exception's args of {@code bytes} fit in the emergency buffer (used while the heap is locked). */
    public boolean emergencyBufferFits(long bytes) {
        return EMERGENCY_TRACEBACK_BYTES + bytes <= EMERGENCY_BUFFER_BYTES;
    }

    /** Raises MemoryError unless a single request of {@code bytes} could fit in the heap at all. */
    public long checkRequest(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE - 8 || bytes > capacity) {
            throw outOfMemory(bytes);
        }
        return bytes;
    }

    /** The MemoryError MicroPython raises when an allocation fails. */
    public static PyException outOfMemory(long bytes) {
        return Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + bytes + " bytes");
    }
}
