package dev.mica.hal;

import java.util.Objects;

/**
 * UART settings, as {@code UART.init} takes them.
 *
 * @param baudrate bits per second
 * @param bits data bits per character (5..9)
 * @param parity parity bit
 * @param stopBits 1 or 2
 * @param timeoutMillis how long a read waits for its first byte
 * @param timeoutCharMillis how long a read waits between bytes once data arrives
 */
public record UartConfig(int baudrate, int bits, Parity parity, int stopBits, int timeoutMillis,
        int timeoutCharMillis) {
    /** 115200 8N1, no waiting (MicroPython's usual defaults). */
    public static final UartConfig DEFAULT = new UartConfig(115_200, 8, Parity.NONE, 1, 0, 0);

    /** Checks the ranges. */
    public UartConfig {
        Objects.requireNonNull(parity, "parity");
        if (baudrate <= 0 || bits < 5 || bits > 9 || stopBits < 1 || stopBits > 2
                || timeoutMillis < 0 || timeoutCharMillis < 0) {
            throw new IllegalArgumentException("bad UART configuration");
        }
    }
}
