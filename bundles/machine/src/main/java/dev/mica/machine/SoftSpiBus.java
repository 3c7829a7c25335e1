package dev.mica.machine;

import dev.mica.hal.BitOrder;
import dev.mica.hal.PinMode;
import dev.mica.hal.SpiBus;
import dev.mica.hal.SpiConfig;
import dev.mica.obj.PyObject;

/**
 * An SPI master made by toggling pins (SoftSPI): SCK, MOSI and MISO are any pin-like objects
 * (MOSI or MISO may be absent). Modes 0..3 as polarity and phase say; it runs on the
 * program's thread, as MicroPython's does.
 */
final class SoftSpiBus implements SpiBus {
    private final PyObject sck;
    private final PyObject mosi;
    private final PyObject miso;
    private SpiConfig config;
    private long halfPeriodNanos;

    SoftSpiBus(PyObject sck, PyObject mosi, PyObject miso, SpiConfig config) {
        this.sck = sck;
        this.mosi = mosi;
        this.miso = miso;
        VirtualPins.prepare(sck, PinMode.OUTPUT);
        if (mosi != null) {
            VirtualPins.prepare(mosi, PinMode.OUTPUT);
        }
        if (miso != null) {
            VirtualPins.prepare(miso, PinMode.INPUT);
        }
        configure(config);
    }

    @Override
    public void configure(SpiConfig newConfig) {
        config = newConfig;
        halfPeriodNanos = 500_000_000L / newConfig.baudrate();
        VirtualPins.write(sck, newConfig.polarity());
    }

    @Override
    public SpiConfig config() {
        return config;
    }

    @Override
    public int chipSelectCount() {
        return 0;
    }

    private void delay() {
        long end = System.nanoTime() + halfPeriodNanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void transfer(int chipSelect, byte[] tx, int txOffset, byte[] rx, int rxOffset, int length, int fill) {
        boolean msbFirst = config.firstBit() == BitOrder.MSB_FIRST;
        int idle = config.polarity();
        for (int i = 0; i < length; i++) {
            int out = (tx != null ? tx[txOffset + i] : fill) & 0xff;
            int in = 0;
            for (int b = 0; b < 8; b++) {
                int bit = msbFirst ? 7 - b : b;
                if (config.phase() == 0) {
                    writeData((out >> bit) & 1);
                    delay();
                    VirtualPins.write(sck, 1 - idle);
                    in |= readData() << bit;
                    delay();
                    VirtualPins.write(sck, idle);
                } else {
                    VirtualPins.write(sck, 1 - idle);
                    writeData((out >> bit) & 1);
                    delay();
                    VirtualPins.write(sck, idle);
                    in |= readData() << bit;
                    delay();
                }
            }
            if (rx != null) {
                rx[rxOffset + i] = (byte) in;
            }
        }
    }

    private void writeData(int bit) {
        if (mosi != null) {
            VirtualPins.write(mosi, bit);
        }
    }

    private int readData() {
        return miso != null && VirtualPins.read(miso) != 0 ? 1 : 0;
    }
}
