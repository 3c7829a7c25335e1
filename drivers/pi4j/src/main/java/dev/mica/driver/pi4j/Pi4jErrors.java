package dev.mica.driver.pi4j;

import java.util.Locale;

import dev.mica.hal.HalException;

/** Turns the exceptions Pi4J providers throw into HAL errors. */
final class Pi4jErrors {
    private Pi4jErrors() {
    }

    /**
     * A HAL error for a failed Pi4J call: a timeout stays a timeout, anything else gets the
     * errno the caller knows fits the situation (e.g. ENODEV when an address was never
     * acknowledged).
     */
    static HalException translate(RuntimeException failure, int errno, String what) {
        if (failure instanceof HalException hal) {
            return hal;
        }
        String message = String.valueOf(failure.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        int code = lower.contains("timed out") || lower.contains("timeout") ? HalException.ETIMEDOUT : errno;
        return new HalException(code, what + ": " + message);
    }
}
