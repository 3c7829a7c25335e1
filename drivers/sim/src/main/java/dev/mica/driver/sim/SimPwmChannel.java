package dev.mica.driver.sim;

import dev.mica.hal.HalException;
import dev.mica.hal.PwmChannel;

/**
 * A virtual PWM output that records its settings. The duty cycle is kept in the form it was
 * last set in (fraction or pulse width), so a frequency change keeps that form constant.
 */
public final class SimPwmChannel implements PwmChannel {
    private final String id;
    private final int pin;
    private int frequency = 1000;
    private boolean dutyAsNanos;
    private int dutyU16;
    private long dutyNanos;
    private boolean enabled;

    public SimPwmChannel(String id, int pin) {
        this.id = id;
        this.pin = pin;
    }

    public String id() {
        return id;
    }

    public int pin() {
        return pin;
    }

    @Override
    public synchronized void setFrequency(int hertz) {
        if (hertz <= 0) {
            throw new HalException(HalException.EINVAL, "bad PWM frequency " + hertz);
        }
        frequency = hertz;
        enabled = true;
    }

    @Override
    public synchronized int frequency() {
        return frequency;
    }

    @Override
    public synchronized void setDutyU16(int duty) {
        if (duty < 0 || duty > 65535) {
            throw new HalException(HalException.EINVAL, "duty_u16 out of range: " + duty);
        }
        dutyU16 = duty;
        dutyAsNanos = false;
        enabled = true;
    }

    @Override
    public synchronized int dutyU16() {
        if (!dutyAsNanos) {
            return dutyU16;
        }
        long u16 = Math.round(dutyNanos * (double) frequency * 65535 / 1e9);
        return (int) Math.min(65535, u16);
    }

    @Override
    public synchronized void setDutyNs(long nanos) {
        if (nanos < 0) {
            throw new HalException(HalException.EINVAL, "duty_ns out of range: " + nanos);
        }
        dutyNanos = nanos;
        dutyAsNanos = true;
        enabled = true;
    }

    @Override
    public synchronized long dutyNs() {
        if (dutyAsNanos) {
            return Math.min(dutyNanos, periodNanos());
        }
        return Math.round(dutyU16 / 65535.0 * 1e9 / frequency);
    }

    private long periodNanos() {
        return Math.round(1e9 / frequency);
    }

    @Override
    public synchronized void setEnabled(boolean on) {
        enabled = on;
    }

    @Override
    public synchronized boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "SimPwmChannel(" + id + ", pin " + pin + ")";
    }
}
