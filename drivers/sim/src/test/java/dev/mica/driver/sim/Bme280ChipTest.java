package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the simulated BME280 as a MicroPython driver would and compensates the raw values
 * with the datasheet's floating-point formulas (section 8.1), written here independently of
 * the simulator's fixed-point ones.
 */
class Bme280ChipTest {
    private final ManualClock clock = new ManualClock();
    private SimBoard board;
    private SimChip chip;
    private I2cMaster sensor;

    @BeforeEach
    void setUp() {
        board = SimBoard.create(Map.of("i2c", "1"), clock);
        chip = board.attachChip(Map.of("type", "bme280", "bus", "1", "address", "0x76",
                "temperature", "23.45", "pressure", "987.65", "humidity", "41.2"));
        sensor = new I2cMaster(board.i2c("1"), 0x76);
    }

    /** Calibration as a driver parses it from 0x88..0xA1 and 0xE1..0xE7. */
    private record Trim(double t1, double t2, double t3, double p1, double p2, double p3, double p4, double p5,
            double p6, double p7, double p8, double p9, double h1, double h2, double h3, double h4, double h5, double h6) {
        static Trim read(I2cMaster sensor) {
            int[] a = sensor.readMem(0x88, 26);
            int[] b = sensor.readMem(0xE1, 7);
            return new Trim(u16(a, 0), s16(a, 2), s16(a, 4), u16(a, 6), s16(a, 8), s16(a, 10), s16(a, 12),
                    s16(a, 14), s16(a, 16), s16(a, 18), s16(a, 20), s16(a, 22), a[25], s16(b, 0), b[2],
                    (short) ((b[3] << 8) | (b[4] & 0x0F) << 4) >> 4, (short) ((b[5] << 8) | (b[4] & 0xF0)) >> 4,
                    (byte) b[6]);
        }

        static int u16(int[] bytes, int at) {
            return bytes[at] | bytes[at + 1] << 8;
        }

        static int s16(int[] bytes, int at) {
            return (short) u16(bytes, at);
        }
    }

    /** [°C, hPa, %RH] from the 8 data bytes 0xF7..0xFE. */
    private static double[] compensate(Trim c, int[] d) {
        int adcP = (d[0] << 12) | (d[1] << 4) | (d[2] >> 4);
        int adcT = (d[3] << 12) | (d[4] << 4) | (d[5] >> 4);
        int adcH = (d[6] << 8) | d[7];
        double var1 = (adcT / 16384.0 - c.t1() / 1024.0) * c.t2();
        double var2 = (adcT / 131072.0 - c.t1() / 8192.0) * (adcT / 131072.0 - c.t1() / 8192.0) * c.t3();
        double tFine = var1 + var2;
        double celsius = tFine / 5120.0;

        var1 = tFine / 2.0 - 64000.0;
        var2 = var1 * var1 * c.p6() / 32768.0;
        var2 = var2 + var1 * c.p5() * 2.0;
        var2 = var2 / 4.0 + c.p4() * 65536.0;
        var1 = (c.p3() * var1 * var1 / 524288.0 + c.p2() * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * c.p1();
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = c.p9() * p * p / 2147483648.0;
        var2 = p * c.p8() / 32768.0;
        double pascal = p + (var1 + var2 + c.p7()) / 16.0;

        double h = tFine - 76800.0;
        h = (adcH - (c.h4() * 64.0 + c.h5() / 16384.0 * h))
                * (c.h2() / 65536.0 * (1.0 + c.h6() / 67108864.0 * h * (1.0 + c.h3() / 67108864.0 * h)));
        h = h * (1.0 - c.h1() * h / 524288.0);
        h = Math.max(0, Math.min(100, h));
        return new double[] {celsius, pascal / 100, h};
    }

    @Test
    void identifiesItselfAndHoldsTypicalTrimming() {
        assertEquals(0x60, sensor.readRegister(0xD0));
        Trim trim = Trim.read(sensor);
        Bme280Calibration expected = Bme280Calibration.TYPICAL;
        assertEquals(expected.t1(), trim.t1());
        assertEquals(expected.p9(), trim.p9());
        assertEquals(expected.h4(), trim.h4());
        assertEquals(expected.h5(), trim.h5());
        assertEquals(expected.h6(), trim.h6());
    }

    @Test
    void forcedMeasurementReadsBackTheEnvironment() {
        Trim trim = Trim.read(sensor);
        sensor.writeMem(0xF2, 0x01);                 // humidity x1
        sensor.writeMem(0xF4, 0b001_001_01);         // temperature x1, pressure x1, forced
        assertEquals(0x08, sensor.readRegister(0xF3) & 0x08, "measuring while converting");
        clock.advanceMillis(10);
        assertEquals(0, sensor.readRegister(0xF3) & 0x08);
        assertEquals(0, sensor.readRegister(0xF4) & 0x03, "forced mode falls back to sleep");
        double[] values = compensate(trim, sensor.readMem(0xF7, 8));
        assertEquals(23.45, values[0], 0.01);
        assertEquals(987.65, values[1], 0.05);
        assertEquals(41.2, values[2], 0.02);
    }

    @Test
    void highOversamplingAndFilterKeepTheValues() {
        Trim trim = Trim.read(sensor);
        sensor.writeMem(0xF5, 0b000_100_00);         // IIR filter 16
        sensor.writeMem(0xF2, 0x05);                 // humidity x16
        sensor.writeMem(0xF4, 0b101_101_11);         // x16, x16, normal mode
        clock.advanceMillis(1000);
        double[] values = compensate(trim, sensor.readMem(0xF7, 8));
        assertEquals(23.45, values[0], 0.005);
        assertEquals(987.65, values[1], 0.01);
        assertEquals(41.2, values[2], 0.02);
    }

    @Test
    void normalModeFollowsTheEnvironmentAndFilterSmoothsSteps() {
        Trim trim = Trim.read(sensor);
        sensor.writeMem(0xF2, 0x01);
        sensor.writeMem(0xF5, 0b101_000_00);         // standby 1000 ms, filter off
        sensor.writeMem(0xF4, 0b001_001_11);
        clock.advanceMillis(20);
        assertEquals(23.45, compensate(trim, sensor.readMem(0xF7, 8))[0], 0.01);
        ((Bme280Chip) chip.device()).setEnvironment(30.0, 1000.0, 60.0);
        clock.advanceMillis(100);                    // still in standby: old data
        assertEquals(23.45, compensate(trim, sensor.readMem(0xF7, 8))[0], 0.01);
        clock.advanceMillis(1000);
        double[] values = compensate(trim, sensor.readMem(0xF7, 8));
        assertEquals(30.0, values[0], 0.01);
        assertEquals(1000.0, values[1], 0.05);
        assertEquals(60.0, values[2], 0.02);

        sensor.writeMem(0xF5, 0b110_001_00);         // standby 10 ms, filter coefficient 2
        clock.advanceMillis(100);
        ((Bme280Chip) chip.device()).setEnvironment(40.0, 1000.0, 60.0);
        clock.advanceMillis(18);                     // one more cycle: 8 ms measuring + 10 ms standby
        double halfway = compensate(trim, sensor.readMem(0xF7, 8))[0];
        assertEquals(35.0, halfway, 0.05, "one IIR step with coefficient 2 goes half way");
    }

    @Test
    void humiditySettingAppliesOnlyAfterCtrlMeasWrite() {
        sensor.writeMem(0xF4, 0b001_001_01);         // ctrl_hum still 0: humidity skipped
        sensor.writeMem(0xF2, 0x01);                 // takes effect with the next ctrl_meas write
        clock.advanceMillis(10);
        int[] data = sensor.readMem(0xF7, 8);
        assertEquals(0x80, data[6]);
        assertEquals(0x00, data[7]);
        sensor.writeMem(0xF4, 0b001_001_01);
        clock.advanceMillis(10);
        data = sensor.readMem(0xF7, 8);
        assertEquals(41.2, compensate(Trim.read(sensor), data)[2], 0.02);
    }

    @Test
    void writesArePairsOfRegisterAndValueAndResetRestoresDefaults() {
        sensor.writeto(0xF2, 0x03, 0xF5, 0xA0);      // two (register, value) pairs in one write
        assertEquals(0x03, sensor.readRegister(0xF2));
        assertEquals(0xA0, sensor.readRegister(0xF5));
        sensor.writeMem(0xE0, 0xB6);
        assertEquals(0x01, sensor.readRegister(0xF3) & 0x01, "im_update while the NVM is copied");
        clock.advanceMillis(3);
        assertArrayEquals(new int[] {0, 0, 0, 0}, sensor.readMem(0xF2, 4));
        assertArrayEquals(new int[] {0x80, 0, 0, 0x80, 0, 0, 0x80, 0}, sensor.readMem(0xF7, 8));
    }
}
