package dev.mica.vm.modules;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Memory figures for gc and micropython until interpreters charge their own allocations to a
 * heap of their own. Every interpreter shares the JVM heap, so the figures reported are the JVM
 * heap's used fraction applied to this interpreter's heap size ({@code -X heapsize}): the total
 * is the configured heap, used and free add up to it, and both move as the program allocates
 * and as the JVM collects.
 */
final class HeapEstimate {
    private HeapEstimate() {}

    /** MicroPython's allocation unit on a 64-bit port: gc.collect() counts freed memory in these. */
    static final int BLOCK_BYTES = 32;

    static long used(long heapSize) {
        java.lang.Runtime jvm = java.lang.Runtime.getRuntime();
        return scale(jvm.totalMemory() - jvm.freeMemory(), heapSize);
    }

    static long free(long heapSize) {
        return heapSize - used(heapSize);
    }

    /** The highest use the JVM's heap pools have seen, on the same scale. */
    static long peak(long heapSize) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return Math.max(scale(peak, heapSize), used(heapSize));
    }

    /**
     * Bytes the JVM has handed out to the calling thread since it started, or -1 where the JVM
     * does not measure it. Looked up reflectively: the interface lives in jdk.management, which
     * an OSGi framework need not export to bundles.
     */
    static long allocatedByCurrentThread() {
        try {
            Class<?> api = Class.forName("com.sun.management.ThreadMXBean", false, ClassLoader.getPlatformClassLoader());
            Object bean = ManagementFactory.getThreadMXBean();
            if (!api.isInstance(bean)) {
                return -1;
            }
            Object bytes = api.getMethod("getThreadAllocatedBytes", long.class).invoke(bean, Thread.currentThread().getId());
            return ((Long) bytes).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** Runs a full JVM collection; returns the blocks it freed on this interpreter's scale. */
    static long collect(long heapSize) {
        long before = used(heapSize);
        System.gc();
        long after = used(heapSize);
        return Math.max(0, before - after) / BLOCK_BYTES;
    }

    private static long scale(long jvmBytes, long heapSize) {
        long max = java.lang.Runtime.getRuntime().maxMemory();
        if (max <= 0 || max == Long.MAX_VALUE) {
            max = java.lang.Runtime.getRuntime().totalMemory();
        }
        double fraction = Math.min(1.0, Math.max(0.0, (double) jvmBytes / max));
        return (long) (fraction * heapSize);
    }
}
