package dev.mica.machine;

import java.util.function.Supplier;

import dev.mica.hal.HalException;
import dev.mica.obj.Py;

/** Runs a HAL operation and turns its failure into the OSError MicroPython raises. */
final class HalCalls {
    private HalCalls() {}

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (HalException e) {
            throw Py.osError(e.errno());
        } catch (IllegalArgumentException e) {
            // a driver that cannot do a configuration
            throw Py.osError(HalException.EINVAL);
        }
    }

    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }
}
