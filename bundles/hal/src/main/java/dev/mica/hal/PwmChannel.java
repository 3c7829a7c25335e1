package dev.mica.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A PWM output, registered with {@link HalProperties#BOARD}, {@link HalProperties#CHANNEL} and
 * {@link HalProperties#PIN}. The duty cycle can be set as a fraction ({@code duty_u16}) or as
 * a pulse width ({@code duty_ns}); the one set last is kept when the frequency changes.
 */
@ProviderType
public interface PwmChannel {
    /** Sets the frequency in Hz and starts the output if it was stopped. */
    void setFrequency(int hertz);

    /** The frequency in Hz. */
    int frequency();

    /** Sets the duty cycle as a fraction of 65535 (0 = always low, 65535 = always high). */
    void setDutyU16(int duty);

    /** The duty cycle as a fraction of 65535. */
    int dutyU16();

    /** Sets the high time of each period in nanoseconds. */
    void setDutyNs(long nanos);

    /** The high time of each period in nanoseconds. */
    long dutyNs();

    /** Starts or stops the output ({@code PWM.deinit} stops it). */
    void setEnabled(boolean enabled);

    /** Whether the output runs. */
    boolean isEnabled();
}
