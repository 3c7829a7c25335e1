package dev.mica.hal;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An I2C bus master, registered with {@link HalProperties#BOARD} and {@link HalProperties#BUS}.
 * Thread-safe: a transfer runs to its end before another starts.
 */
@ProviderType
public interface I2cBus {
    /** Sets the SCL frequency in Hz; the driver may round it. */
    void setFrequency(int hertz);

    /** The SCL frequency in Hz. */
    int frequency();

    /** The 7-bit addresses in 0x08..0x77 that acknowledge, ascending (as {@code I2C.scan()}). */
    int[] scan();

    /**
     * Runs the messages in order (see {@link I2cMessage} for START/STOP). If the last message
     * has no STOP the bus stays claimed and the next transfer starts with a repeated START.
     * A NACK of a data byte ends the transfer with a STOP and skips the remaining messages.
     *
     * @return how many bytes of the write messages were acknowledged (what
     *         {@code I2C.writeto} returns)
     * @throws HalException {@link HalException#ENODEV} if an address is not acknowledged,
     *         {@link HalException#ETIMEDOUT} on a bus timeout, {@link HalException#EIO} on
     *         other bus errors
     */
    int transfer(List<I2cMessage> messages);
}
