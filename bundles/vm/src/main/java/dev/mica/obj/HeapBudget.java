package dev.mica.obj;

import dev.mica.interp.InterpreterConfig;

/**
 * The heap budget that growing containers respect. MicroPython allocates every object from a
 * fixed heap, so a list that grows past it raises MemoryError instead of exhausting the host;
 * a request for more slots than the whole heap could hold fails here before Java allocates.
 * The budget is process-wide: the most recently configured interpreter sets it.
 */
public final class HeapBudget {
    private HeapBudget() {}

    /** Bytes one object reference takes in a MicroPython array (a 32-bit port's word: the lenient choice). */
    static final long SLOT_BYTES = 4;

    private static volatile long heapBytes = InterpreterConfig.DEFAULT_HEAP_SIZE;

    /** Sets the heap size in bytes, as {@code -X heapsize} does. */
    public static void configure(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("heap size must be positive: " + bytes);
        }
        heapBytes = bytes;
    }

    public static long heapBytes() {
        return heapBytes;
    }

    /**
     * Raises MemoryError unless an array of {@code slots} object references fits in the heap;
     * {@code slots} may be the exact (unwrapped) product of a repetition.
     */
    public static int checkSlots(long slots) {
        if (slots < 0 || slots > Integer.MAX_VALUE - 8 || slots > heapBytes / SLOT_BYTES) {
            throw outOfMemory(slots > Long.MAX_VALUE / SLOT_BYTES ? slots : slots * SLOT_BYTES);
        }
        return (int) slots;
    }

    /** Raises MemoryError unless a buffer of {@code bytes} bytes fits in the heap. */
    public static long checkBytes(long bytes) {
        if (bytes > Integer.MAX_VALUE - 8 || bytes > heapBytes) {
            throw outOfMemory(bytes);
        }
        return bytes;
    }

    /** The MemoryError MicroPython raises when an allocation fails. */
    public static PyException outOfMemory(long bytes) {
        return Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + bytes + " bytes");
    }
}
