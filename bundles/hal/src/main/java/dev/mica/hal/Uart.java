package dev.mica.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A serial port, registered with {@link HalProperties#BOARD} and {@link HalProperties#BUS}.
 * Thread-safe; a reader and a writer may use it at the same time.
 */
@ProviderType
public interface Uart {
    /** Applies the settings; {@link HalException#EINVAL} if the port cannot do them. */
    void configure(UartConfig config);

    /** The current settings. */
    UartConfig config();

    /** Queues bytes for sending; returns how many were accepted (all, unless a timeout hits). */
    int write(byte[] data, int offset, int length);

    /**
     * Reads up to {@code length} bytes, waiting {@code timeoutMillis} for the first and
     * {@code timeoutCharMillis} for each further one.
     *
     * @return the number of bytes read, 0 if none arrived in time
     */
    int read(byte[] into, int offset, int length);

    /** How many received bytes can be read without waiting. */
    int available();

    /** Waits until every written byte has left the transmitter. */
    void flush();
}
