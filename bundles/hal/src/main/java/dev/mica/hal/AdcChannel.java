package dev.mica.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An analog input, registered with {@link HalProperties#BOARD}, {@link HalProperties#CHANNEL}
 * and, when it sits on a GPIO pin, {@link HalProperties#PIN}.
 */
@ProviderType
public interface AdcChannel {
    /** Takes a sample scaled to 0..65535 of the reference voltage (as {@code ADC.read_u16}). */
    int readU16();

    /** The voltage that reads as 65535, in volts. */
    double referenceVolts();
}
