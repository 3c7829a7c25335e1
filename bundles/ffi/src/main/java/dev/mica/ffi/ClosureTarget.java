package dev.mica.ffi;

/**
 * What a native closure calls: the closure's arguments arrive as 64-bit slots (integers
 * widened, a float's 32 or a double's 64 bits) and the result leaves as one. Must not throw:
 * nothing may unwind through the C code that called the closure.
 */
public interface ClosureTarget {
    long invoke(long[] arguments);
}
