package dev.mica.vm.modules;

/**
 * The figures of micropython.mem_info and mem_total/mem_current/mem_peak, from
 * {@link HeapEstimate}. The stack line counts Python call depth against the recursion limit,
 * since frames, not C stack bytes, are what limit recursion here. MicroPython's block
 * statistics line and verbose heap map describe its own allocator and are not printed.
 */
public final class MemoryReport {
    private final long heapSize;

    public MemoryReport(long heapSize) {
        this.heapSize = heapSize;
    }

    /** Bytes allocated by the running program's thread so far (the JVM's count), else current use. */
    public long totalAllocated() {
        long bytes = HeapEstimate.allocatedByCurrentThread();
        return bytes >= 0 ? bytes : current();
    }

    public long current() {
        return HeapEstimate.used(heapSize);
    }

    public long peak() {
        return HeapEstimate.peak(heapSize);
    }

    public String text(int depth, int maxDepth) {
        long used = current();
        return "mem: total=" + totalAllocated() + ", current=" + used + ", peak=" + peak() + "\n"
                + "stack: " + depth + " out of " + maxDepth + "\n"
                + "GC: total: " + heapSize + ", used: " + used + ", free: " + (heapSize - used) + "\n";
    }

    /**
     * What the unix port prints at exit with {@code -v}: the figures of {@link #text} and the
     * block statistics line. The JVM's heap has no runs of allocation blocks, so the run counts
     * and the largest run are zero and the largest free run is the whole free estimate.
     */
    public String exitText(int depth, int maxDepth) {
        return text(depth, maxDepth) + " No. of 1-blocks: 0, 2-blocks: 0, max blk sz: 0, max free sz: "
                + HeapEstimate.free(heapSize) / HeapEstimate.BLOCK_BYTES + "\n";
    }
}
