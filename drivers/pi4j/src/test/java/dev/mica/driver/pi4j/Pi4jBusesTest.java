package dev.mica.driver.pi4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.provider.spi.MockSpi;

import dev.mica.hal.BitOrder;
import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.SpiConfig;
import dev.mica.hal.Uart;
import dev.mica.hal.UartConfig;

class Pi4jBusesTest {
    private final Pi4jBoard board = MockBoards.create("i2c", "1", "spi", "0", "uart", "0=/dev/ttyAMA0", "pwm.pins", "18,19");

    @AfterEach
    void close() {
        board.close();
    }

    private static List<I2cMessage> writeMem(int address, int register, byte... data) {
        return List.of(I2cMessage.write(address, new byte[] {(byte) register}),
                I2cMessage.write(address, data).with(I2cMessage.NO_START | I2cMessage.STOP));
    }

    private static List<I2cMessage> readMem(int address, int register, byte[] into) {
        return List.of(I2cMessage.write(address, new byte[] {(byte) register}),
                I2cMessage.read(address, into).with(I2cMessage.STOP));
    }

    @Test
    void i2cRegisterWriteThenReadBack() {
        I2cBus bus = board.i2c("1");
        assertEquals(3, bus.transfer(writeMem(0x48, 0x01, (byte) 0x42, (byte) 0x17)));
        byte[] into = new byte[2];
        assertEquals(1, bus.transfer(readMem(0x48, 0x01, into)));
        assertArrayEquals(new byte[] {0x42, 0x17}, into);
        // the mock hands register bytes out once: nothing answers now, as from an absent device
        HalException empty = assertThrows(HalException.class, () -> bus.transfer(readMem(0x48, 0x01, new byte[1])));
        assertEquals(HalException.ENODEV, empty.errno());
    }

    @Test
    void i2cRegisterWriteAfterAScanThatFoundNothing() {
        I2cBus bus = board.i2c("1");
        assertEquals(0, bus.scan().length);
        assertEquals(3, bus.transfer(writeMem(0x48, 0x01, (byte) 0x42, (byte) 0x17)));
        byte[] into = new byte[2];
        bus.transfer(readMem(0x48, 0x01, into));
        assertArrayEquals(new byte[] {0x42, 0x17}, into);
    }

    @Test
    void aRegisterReadSplitOverTwoTransfersIsOneRepeatedStartRead() {
        // machine.I2C.readfrom_mem: the register address without STOP, then the read
        I2cBus bus = board.i2c("1");
        bus.transfer(writeMem(0x48, 0x05, (byte) 0x11, (byte) 0x22));
        assertEquals(1, bus.transfer(List.of(I2cMessage.write(0x48, new byte[] {0x05}))));
        byte[] into = new byte[2];
        bus.transfer(List.of(I2cMessage.read(0x48, into).with(I2cMessage.STOP)));
        assertArrayEquals(new byte[] {0x11, 0x22}, into);
    }

    @Test
    void aHeldWriteIsSentBeforeATransferThatDoesNotContinueIt() {
        I2cBus bus = board.i2c("1");
        assertEquals(2, bus.transfer(List.of(I2cMessage.write(0x3C, new byte[] {7, 8}))));
        assertEquals(1, bus.transfer(List.of(I2cMessage.write(0x3D, new byte[] {9}).with(I2cMessage.STOP))));
        byte[] first = new byte[2];
        bus.transfer(List.of(I2cMessage.read(0x3C, first).with(I2cMessage.STOP)));
        assertArrayEquals(new byte[] {7, 8}, first);
    }

    @Test
    void i2cTwoByteRegisterAddresses() {
        I2cBus bus = board.i2c("1");
        byte[] register = {0x00, 0x01};
        bus.transfer(List.of(I2cMessage.write(0x50, register),
                I2cMessage.write(0x50, new byte[] {9, 8, 7}).with(I2cMessage.NO_START | I2cMessage.STOP)));
        byte[] into = new byte[3];
        bus.transfer(List.of(I2cMessage.write(0x50, register), I2cMessage.read(0x50, into).with(I2cMessage.STOP)));
        assertArrayEquals(new byte[] {9, 8, 7}, into);
    }

    @Test
    void i2cPlainWriteAndReadAndScan() {
        I2cBus bus = board.i2c("1");
        assertEquals(0, bus.scan().length);
        assertEquals(3, bus.transfer(List.of(I2cMessage.write(0x3C, new byte[] {1, 2, 3}).with(I2cMessage.STOP))));
        assertArrayEquals(new int[] {0x3C}, bus.scan()); // the probe reads the first byte back
        byte[] rest = new byte[2];
        bus.transfer(List.of(I2cMessage.read(0x3C, rest).with(I2cMessage.STOP)));
        assertArrayEquals(new byte[] {2, 3}, rest);
        // a mock device with nothing queued answers nothing: an absent device, as the scan says
        HalException nothing = assertThrows(HalException.class,
                () -> bus.transfer(List.of(I2cMessage.read(0x3C, new byte[1]).with(I2cMessage.STOP))));
        assertEquals(HalException.ENODEV, nothing.errno());
        // a device that answered earlier in the transfer and then gives nothing: an I/O error
        HalException afterWrite = assertThrows(HalException.class, () -> bus.transfer(List.of(
                I2cMessage.write(0x3C, new byte[] {4}).with(I2cMessage.STOP),
                I2cMessage.read(0x3C, new byte[2]).with(I2cMessage.STOP))));
        assertEquals(HalException.EIO, afterWrite.errno());
    }

    @Test
    void i2cFrequencyIsTheDeviceTreeSpeed() {
        I2cBus bus = board.i2c("1");
        bus.setFrequency(400_000);
        assertEquals(100_000, bus.frequency());
        assertEquals(HalException.EINVAL, assertThrows(HalException.class, () -> bus.setFrequency(0)).errno());
    }

    @Test
    void spiTransfersFullDuplexThroughTheMock() {
        SpiBus spi = board.spi("0");
        assertEquals(2, spi.chipSelectCount());
        byte[] rx = new byte[3];
        spi.transfer(SpiBus.NO_CHIP_SELECT, new byte[] {1, 2, 3}, 0, rx, 0, 3, 0);
        assertArrayEquals(new byte[3], rx); // the mock answers what was queued: nothing yet
        spi.transfer(SpiBus.NO_CHIP_SELECT, null, 0, rx, 0, 3, 0xFF);
        assertArrayEquals(new byte[] {1, 2, 3}, rx); // ...and then the earlier bytes
        MockSpi device = (MockSpi) board.context().registry().get("mica-spi-0-0");
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, device.readEntireMockBuffer());
    }

    @Test
    void spiLsbFirstMirrorsEachByte() {
        SpiBus spi = board.spi("0");
        spi.configure(new SpiConfig(500_000, 1, 1, 8, BitOrder.LSB_FIRST));
        spi.transfer(1, new byte[] {0x01, (byte) 0xF0}, 0, null, 0, 2, 0);
        MockSpi device = (MockSpi) board.context().registry().get("mica-spi-0-1");
        assertEquals(500_000, device.config().baud());
        assertEquals(3, device.config().mode().getMode());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x0F}, device.readEntireMockBuffer());
        assertEquals(HalException.EINVAL, assertThrows(HalException.class,
                () -> spi.configure(new SpiConfig(1_000_000, 0, 0, 16, BitOrder.MSB_FIRST))).errno());
        assertEquals(HalException.EINVAL, assertThrows(HalException.class,
                () -> spi.transfer(2, new byte[1], 0, null, 0, 1, 0)).errno());
    }

    @Test
    void uartLoopsBackThroughTheMock() {
        Uart uart = board.uart("0");
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5, uart.write(hello, 0, 5));
        uart.flush();
        assertEquals(5, uart.available());
        byte[] into = new byte[8];
        assertEquals(5, uart.read(into, 0, 8));
        assertEquals("hello", new String(into, 0, 5, StandardCharsets.US_ASCII));
        assertEquals(0, uart.read(into, 0, 1));
    }

    @Test
    void uartReadWaitsForItsTimeout() {
        Uart uart = board.uart("0");
        uart.configure(new UartConfig(9600, 8, dev.mica.hal.Parity.EVEN, 2, 50, 0));
        long start = System.nanoTime();
        assertEquals(0, uart.read(new byte[1], 0, 1));
        assertTrue(System.nanoTime() - start >= 45_000_000L);
        assertEquals(HalException.EINVAL, assertThrows(HalException.class,
                () -> uart.configure(new UartConfig(9600, 9, dev.mica.hal.Parity.NONE, 1, 0, 0))).errno());
    }

    @Test
    void pwmDrivesThePi4jChannel() {
        PwmChannel pwm = board.pwm("1");
        assertFalse(pwm.isEnabled());
        pwm.setDutyU16(0x8000);
        pwm.setFrequency(2000);
        Pwm line = (Pwm) board.context().registry().get("mica-pwm-1");
        assertEquals(19, line.address()); // the mock, like pigpio, is addressed by BCM pin
        assertTrue(line.isOn());
        assertEquals(2000, line.frequency());
        assertEquals(50.0, line.dutyCycle(), 0.01);
        pwm.setDutyNs(125_000); // a quarter of 500 us
        assertEquals(25.0, line.dutyCycle(), 0.01);
        assertEquals(0x3FFF, pwm.dutyU16(), 1);
        pwm.setFrequency(1000); // the pulse width is kept
        assertEquals(12.5, line.dutyCycle(), 0.01);
        pwm.setEnabled(false);
        assertFalse(line.isOn());
    }

    @Test
    void aPulseLongerThanThePeriodReadsBackAsThePeriod() {
        PwmChannel pwm = board.pwm("0");
        pwm.setFrequency(1000);
        pwm.setDutyNs(2_500_000);
        assertEquals(1_000_000, pwm.dutyNs());
        assertEquals(0xFFFF, pwm.dutyU16());
        assertEquals(100.0, ((Pwm) board.context().registry().get("mica-pwm-0")).dutyCycle(), 0.01);
    }
}
