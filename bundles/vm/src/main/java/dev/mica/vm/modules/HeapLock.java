package dev.mica.vm.modules;

/**
 * MicroPython's heap lock depth (micropython.heap_lock/heap_unlock). The depth is kept exactly;
 * refusing allocations while it is raised needs an allocation hook, which arrives with the
 * per-interpreter heap: until then {@link #isLocked()} is for that hook to ask.
 */
public final class HeapLock {
    private int depth;

    public synchronized void lock() {
        depth++;
    }

    /**
     * Lowers the depth and returns it. MicroPython keeps the depth in 16 bits, so unlocking an
     * unlocked heap wraps it to 65535 and leaves the heap locked; that is kept here too.
     */
    public synchronized int unlock() {
        depth = (depth - 1) & 0xffff;
        return depth;
    }

    public synchronized int depth() {
        return depth;
    }

    public synchronized boolean isLocked() {
        return depth > 0;
    }
}
