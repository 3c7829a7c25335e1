package dev.mica.driver.pi4j;

import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;

import dev.mica.hal.HalException;
import dev.mica.hal.PwmChannel;

/**
 * A hardware PWM channel through Pi4J, which takes the duty cycle as a percentage: the HAL
 * value set last (fraction or pulse width) is kept and turned into a percentage for the
 * current frequency each time the output is updated.
 */
final class Pi4jPwmChannel implements PwmChannel {
    private static final int DEFAULT_FREQUENCY = 1000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final String id;
    private final int pin;
    private final int address;
    private final Pi4jRuntime runtime;
    private final BoardGuard guard;
    private Pwm pwm;
    private int frequency = DEFAULT_FREQUENCY;
    private int dutyU16;
    private long dutyNs;
    private boolean dutyAsNanos;
    private boolean enabled;

    /**
     * @param address what the provider calls the channel: the BCM pin, or the channel number
     *        of a sysfs PWM chip
     */
    Pi4jPwmChannel(String id, int pin, int address, Pi4jRuntime runtime, BoardGuard guard) {
        this.id = id;
        this.pin = pin;
        this.address = address;
        this.runtime = runtime;
        this.guard = guard;
    }

    String id() {
        return id;
    }

    int pin() {
        return pin;
    }

    @Override
    public synchronized void setFrequency(int hertz) {
        guard.check();
        if (hertz <= 0) {
            throw new HalException(HalException.EINVAL, "bad PWM frequency " + hertz);
        }
        frequency = hertz;
        enabled = true;
        apply();
    }

    @Override
    public synchronized int frequency() {
        return frequency;
    }

    @Override
    public synchronized void setDutyU16(int duty) {
        guard.check();
        if (duty < 0 || duty > 0xFFFF) {
            throw new HalException(HalException.EINVAL, "duty_u16 must be 0..65535");
        }
        dutyU16 = duty;
        dutyAsNanos = false;
        apply();
    }

    @Override
    public synchronized int dutyU16() {
        if (!dutyAsNanos) {
            return dutyU16;
        }
        return (int) Math.min(0xFFFF, Math.round(dutyNs * frequency * 0xFFFF / NANOS_PER_SECOND));
    }

    @Override
    public synchronized void setDutyNs(long nanos) {
        guard.check();
        if (nanos < 0) {
            throw new HalException(HalException.EINVAL, "duty_ns must not be negative");
        }
        dutyNs = nanos;
        dutyAsNanos = true;
        apply();
    }

    @Override
    public synchronized long dutyNs() {
        if (dutyAsNanos) {
            // a pulse longer than the period is a steady high: the output gives at most the period
            return Math.min(dutyNs, Math.round(NANOS_PER_SECOND / frequency));
        }
        return Math.round(dutyU16 * NANOS_PER_SECOND / frequency / 0xFFFF);
    }

    @Override
    public synchronized void setEnabled(boolean on) {
        guard.check();
        enabled = on;
        apply();
    }

    @Override
    public synchronized boolean isEnabled() {
        return enabled;
    }

    /** The duty cycle Pi4J is given, in percent. */
    synchronized double dutyPercent() {
        double fraction = dutyAsNanos ? dutyNs * frequency / NANOS_PER_SECOND : dutyU16 / (double) 0xFFFF;
        return Math.min(100.0, fraction * 100.0);
    }

    private void apply() {
        try {
            if (enabled) {
                output().on(dutyPercent(), frequency);
            } else if (pwm != null) {
                pwm.off();
            }
        } catch (RuntimeException e) {
            throw Pi4jErrors.translate(e, HalException.EIO, "PWM channel " + id);
        }
    }

    private Pwm output() {
        if (pwm == null) {
            pwm = runtime.context().create(Pwm.newConfigBuilder(runtime.context())
                    .id("mica-pwm-" + id).address(address).pwmType(PwmType.HARDWARE).provider(runtime.pwm())
                    .shutdown(0));
        }
        return pwm;
    }
}
