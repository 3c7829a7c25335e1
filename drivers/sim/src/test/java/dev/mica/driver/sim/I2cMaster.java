package dev.mica.driver.sim;

import java.util.List;

import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;

/** The transfers MicroPython's machine.I2C methods make, built from HAL messages. */
final class I2cMaster {
    private final I2cBus bus;
    private final int address;

    I2cMaster(I2cBus bus, int address) {
        this.bus = bus;
        this.address = address;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** {@code writeto(addr, buf)} */
    int writeto(int... values) {
        return bus.transfer(List.of(I2cMessage.write(address, bytes(values)).stop(true)));
    }

    /** {@code writevto(addr, [first, second])} */
    int writevto(byte[] first, byte[] second) {
        return bus.transfer(List.of(I2cMessage.write(address, first),
                I2cMessage.write(address, second).with(I2cMessage.NO_START | I2cMessage.STOP)));
    }

    /** {@code writeto_mem(addr, reg, data)} */
    void writeMem(int register, int... values) {
        bus.transfer(List.of(I2cMessage.write(address, bytes(register)),
                I2cMessage.write(address, bytes(values)).with(I2cMessage.NO_START | I2cMessage.STOP)));
    }

    /** {@code readfrom_mem(addr, reg, n)} with a repeated START, as unsigned ints */
    int[] readMem(int register, int count) {
        byte[] into = new byte[count];
        bus.transfer(List.of(I2cMessage.write(address, bytes(register)), I2cMessage.read(address, into).stop(true)));
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = into[i] & 0xFF;
        }
        return values;
    }

    int readRegister(int register) {
        return readMem(register, 1)[0];
    }
}
