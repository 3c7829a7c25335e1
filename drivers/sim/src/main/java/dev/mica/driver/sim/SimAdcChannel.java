package dev.mica.driver.sim;

import dev.mica.hal.AdcChannel;

/** A virtual analog input whose voltage is set from outside (configuration or a test). */
public final class SimAdcChannel implements AdcChannel {
    private final String id;
    private final int pin;
    private final double referenceVolts;
    private volatile double volts;

    public SimAdcChannel(String id, int pin, double referenceVolts) {
        if (referenceVolts <= 0) {
            throw new IllegalArgumentException("ADC reference must be positive: " + referenceVolts);
        }
        this.id = id;
        this.pin = pin;
        this.referenceVolts = referenceVolts;
    }

    public String id() {
        return id;
    }

    /** The GPIO pin the channel sits on, or -1. */
    public int pin() {
        return pin;
    }

    /** Sets the input voltage; values outside 0..reference clip as on a real converter. */
    public void setVolts(double value) {
        volts = value;
    }

    public double volts() {
        return volts;
    }

    @Override
    public int readU16() {
        double fraction = Math.max(0, Math.min(1, volts / referenceVolts));
        return (int) Math.round(fraction * 65535);
    }

    @Override
    public double referenceVolts() {
        return referenceVolts;
    }

    @Override
    public String toString() {
        return "SimAdcChannel(" + id + ")";
    }
}
