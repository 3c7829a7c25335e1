package dev.mica.hal;

import java.util.Objects;

/**
 * SPI bus settings, as {@code SPI.init} takes them.
 *
 * @param baudrate SCK frequency in Hz
 * @param polarity idle level of SCK (0 or 1)
 * @param phase 0: sample on the first SCK edge, 1: on the second
 * @param bits bits per word (8 on most drivers)
 * @param firstBit bit order of each word
 */
public record SpiConfig(int baudrate, int polarity, int phase, int bits, BitOrder firstBit) {
    /** MicroPython's defaults: 1 MHz, mode 0, 8 bits, MSB first. */
    public static final SpiConfig DEFAULT = new SpiConfig(1_000_000, 0, 0, 8, BitOrder.MSB_FIRST);

    /** Checks the ranges. */
    public SpiConfig {
        Objects.requireNonNull(firstBit, "firstBit");
        if (baudrate <= 0 || (polarity & ~1) != 0 || (phase & ~1) != 0 || bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bad SPI configuration");
        }
    }
}
