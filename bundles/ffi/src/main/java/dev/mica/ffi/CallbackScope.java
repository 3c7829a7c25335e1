package dev.mica.ffi;

import java.util.function.LongSupplier;

/**
 * Which threads are inside a foreign call. A callback runs Python only on such a thread,
 * where the program that made the call waits for it; C code calling back from a thread of
 * its own would run Python beside the program, which the interpreter does not allow.
 */
final class CallbackScope {
    private CallbackScope() {}

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    static long during(LongSupplier foreignCall) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return foreignCall.getAsLong();
        } finally {
            depth[0]--;
        }
    }

    static boolean active() {
        return DEPTH.get()[0] > 0;
    }
}
