package dev.mica.machine;

import java.util.ArrayList;
import java.util.List;

import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;
import dev.mica.hal.PinMode;
import dev.mica.obj.PyObject;

/**
 * An I2C master made by toggling two pins (SoftI2C): SCL and SDA are driven low or released,
 * a released SCL held low by a slow device is waited for up to the timeout (clock stretching).
 * Works on any pin-like object, so also on PinBase subclasses; it runs on the program's thread.
 */
final class SoftI2cBus implements I2cBus {
    private final PyObject scl;
    private final PyObject sda;
    private int frequency;
    private long halfPeriodNanos;
    private long timeoutMicros;

    SoftI2cBus(PyObject scl, PyObject sda, int frequency, long timeoutMicros) {
        this.scl = scl;
        this.sda = sda;
        this.timeoutMicros = timeoutMicros;
        setFrequency(frequency);
        VirtualPins.prepare(scl, PinMode.OPEN_DRAIN);
        VirtualPins.prepare(sda, PinMode.OPEN_DRAIN);
        release(sda);
        release(scl);
    }

    void setTimeout(long micros) {
        timeoutMicros = micros;
    }

    @Override
    public void setFrequency(int hertz) {
        frequency = hertz;
        halfPeriodNanos = 500_000_000L / Math.max(1, hertz);
    }

    @Override
    public int frequency() {
        return frequency;
    }

    private void delay() {
        long end = System.nanoTime() + halfPeriodNanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    private static void low(PyObject pin) {
        VirtualPins.write(pin, 0);
    }

    private static void release(PyObject pin) {
        VirtualPins.write(pin, 1);
    }

    /** Releases SCL and waits while a device stretches the clock. */
    private void sclHigh() {
        release(scl);
        long start = System.nanoTime() / 1000;
        while (VirtualPins.read(scl) == 0) {
            if (System.nanoTime() / 1000 - start >= timeoutMicros) {
                throw new HalException(HalException.ETIMEDOUT, "SCL held low");
            }
        }
    }

    void start() {
        release(sda);
        sclHigh();
        delay();
        low(sda);
        delay();
        low(scl);
        delay();
    }

    void stop() {
        delay();
        low(sda);
        delay();
        sclHigh();
        delay();
        release(sda);
        delay();
    }

    /** Sends a byte; true when the device acknowledged it. */
    boolean writeByte(int value) {
        for (int bit = 7; bit >= 0; bit--) {
            VirtualPins.write(sda, (value >> bit) & 1);
            delay();
            sclHigh();
            delay();
            low(scl);
        }
        release(sda);
        delay();
        sclHigh();
        boolean ack = VirtualPins.read(sda) == 0;
        delay();
        low(scl);
        return ack;
    }

    /** Receives a byte, then acknowledges it unless {@code nack}. */
    int readByte(boolean nack) {
        release(sda);
        int value = 0;
        for (int bit = 0; bit < 8; bit++) {
            delay();
            sclHigh();
            value = (value << 1) | (VirtualPins.read(sda) != 0 ? 1 : 0);
            delay();
            low(scl);
        }
        VirtualPins.write(sda, nack ? 1 : 0);
        delay();
        sclHigh();
        delay();
        low(scl);
        release(sda);
        return value;
    }

    @Override
    public int[] scan() {
        List<Integer> found = new ArrayList<>();
        for (int address = 0x08; address <= 0x77; address++) {
            start();
            boolean ack = writeByte(address << 1);
            stop();
            if (ack) {
                found.add(address);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int transfer(List<I2cMessage> messages) {
        int acknowledged = 0;
        for (int m = 0; m < messages.size(); m++) {
            I2cMessage message = messages.get(m);
            if (!message.continuesPrevious()) {
                start();
                if (!writeByte((message.address() << 1) | (message.read() ? 1 : 0))) {
                    stop();
                    throw new HalException(HalException.ENODEV, "no acknowledge from " + message.address());
                }
            }
            boolean continued = m + 1 < messages.size() && messages.get(m + 1).continuesPrevious();
            for (int i = 0; i < message.length(); i++) {
                int at = message.offset() + i;
                if (message.read()) {
                    boolean last = i == message.length() - 1 && !continued;
                    message.buffer()[at] = (byte) readByte(last);
                } else if (writeByte(message.buffer()[at] & 0xff)) {
                    acknowledged++;
                } else {
                    stop();
                    return acknowledged;
                }
            }
            if (message.hasStop()) {
                stop();
            }
        }
        return acknowledged;
    }
}
