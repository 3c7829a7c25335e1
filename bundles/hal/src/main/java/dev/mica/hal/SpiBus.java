package dev.mica.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An SPI bus master, registered with {@link HalProperties#BOARD} and {@link HalProperties#BUS}.
 * Thread-safe: one transfer at a time.
 */
@ProviderType
public interface SpiBus {
    /** Chip select value meaning "the caller drives chip select with its own GPIO pin". */
    int NO_CHIP_SELECT = -1;

    /** Applies the settings to the following transfers; {@link HalException#EINVAL} if impossible. */
    void configure(SpiConfig config);

    /** The current settings. */
    SpiConfig config();

    /** How many hardware chip-select lines the bus has (0 if none). */
    int chipSelectCount();

    /**
     * Clocks {@code length} words in both directions (full duplex), as {@code write},
     * {@code readinto} and {@code write_readinto} need.
     *
     * @param chipSelect a hardware chip-select line asserted for the whole transfer, or
     *        {@link #NO_CHIP_SELECT}
     * @param tx bytes to send from {@code txOffset}, or null to send {@code fill} repeatedly
     * @param rx where to store the received bytes from {@code rxOffset}, or null to drop them
     * @param fill the byte sent when {@code tx} is null (MicroPython's {@code write=} argument)
     */
    void transfer(int chipSelect, byte[] tx, int txOffset, byte[] rx, int rxOffset, int length, int fill);
}
