package dev.mica.obj;

import dev.mica.heap.HeapAccount;

/**
 * Size checks for single requests, against the heap of the interpreter running on this thread
 * ({@link HeapAccount#current()}): a request for more than the whole heap could hold fails at
 * once with MicroPython's MemoryError, before Java allocates anything. What the program holds
 * over time is the heap account's business.
 */
public final class HeapBudget {
    private HeapBudget() {}

    /** Bytes one object reference takes in a MicroPython array (a 32-bit port's word: the lenient choice). */
    static final long SLOT_BYTES = 4;

    /** Sets the heap size of threads outside any interpreter (tests and embedding code). */
    public static void configure(long bytes) {
        HeapAccount.detached().setHeapSize(bytes);
    }

    public static long heapBytes() {
        return HeapAccount.current().heapSize();
    }

    /**
     * Raises MemoryError unless an array of {@code slots} object references fits in the heap;
     * {@code slots} may be the exact (unwrapped) product of a repetition.
     */
    public static int checkSlots(long slots) {
        if (slots < 0 || slots > Integer.MAX_VALUE - 8 || slots > heapBytes() / SLOT_BYTES) {
            throw outOfMemory(slots > Long.MAX_VALUE / SLOT_BYTES ? slots : slots * SLOT_BYTES);
        }
        return (int) slots;
    }

    /** Raises MemoryError unless a buffer of {@code bytes} bytes fits in the heap. */
    public static long checkBytes(long bytes) {
        if (bytes > Integer.MAX_VALUE - 8 || bytes > heapBytes()) {
            throw outOfMemory(bytes);
        }
        return bytes;
    }

    /** The MemoryError MicroPython raises when an allocation fails. */
    public static PyException outOfMemory(long bytes) {
        return HeapAccount.outOfMemory(bytes);
    }
}
