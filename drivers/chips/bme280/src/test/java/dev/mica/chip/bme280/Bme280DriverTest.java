package dev.mica.chip.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frozen {@code bme280} driver on the simulated sensor: the values it compensates are the
 * environment the sensor was configured with, and agree with the datasheet's floating-point
 * formulas applied to the same raw readings and trimming values.
 */
class Bme280DriverTest {
    private static final String BOARD = """
            chip.env.type=bme280
            chip.env.bus=1
            chip.env.temperature=23.4
            chip.env.pressure=987.65
            chip.env.humidity=41.5
            chip.alt.type=bme280
            chip.alt.bus=0
            chip.alt.address=0x77
            chip.alt.temperature=-12.25
            chip.alt.pressure=1040.0
            chip.alt.humidity=88.0
            """;

    @TempDir
    Path folder;

    @Test
    void compensatedValuesAreTheConfiguredEnvironment() throws Exception {
        assertEquals("""
                bme280.py 1.0
                23.4 True True
                -12.25 True True
                """, SimBoardRun.run(folder, BOARD, """
                from machine import I2C
                import bme280
                print(bme280.__file__, bme280.__version__)
                for bus, address, t0, p0, h0 in ((1, 0x76, 23.4, 987.65, 41.5), (0, 0x77, -12.25, 1040.0, 88.0)):
                    sensor = bme280.BME280(I2C(bus), address, temperature=bme280.OSAMPLE_16,
                                           pressure=bme280.OSAMPLE_16, humidity=bme280.OSAMPLE_16)
                    t, p, h = sensor.read()
                    print(t, abs(p - p0) < 0.01, abs(h - h0) < 0.01)
                """));
    }

    @Test
    void integerCompensationAgreesWithTheDatasheetsFloatingPointFormulas() throws Exception {
        assertEquals("""
                temperature True
                pressure True
                humidity True
                """, SimBoardRun.run(folder, BOARD, """
                from machine import I2C
                import bme280
                s = bme280.BME280(I2C(1))
                adc_t, adc_p, adc_h = s.read_raw()
                t = s._temperature(adc_t)
                p = s._pressure(adc_p)
                h = s._humidity(adc_h)
                # the double-precision formulas of the datasheet (section 8.1)
                v1 = (adc_t / 16384.0 - s.dig_t1 / 1024.0) * s.dig_t2
                v2 = (adc_t / 131072.0 - s.dig_t1 / 8192.0) ** 2 * s.dig_t3
                t_fine = v1 + v2
                p2, p3, p4, p5, p6, p7, p8, p9 = s.dig_p
                v1 = t_fine / 2.0 - 64000.0
                v2 = v1 * v1 * p6 / 32768.0 + v1 * p5 * 2.0
                v2 = v2 / 4.0 + p4 * 65536.0
                v1 = (p3 * v1 * v1 / 524288.0 + p2 * v1) / 524288.0
                v1 = (1.0 + v1 / 32768.0) * s.dig_p1
                pf = 1048576.0 - adc_p
                pf = (pf - v2 / 4096.0) * 6250.0 / v1
                pf = pf + (p9 * pf * pf / 2147483648.0 + pf * p8 / 32768.0 + p7) / 16.0
                vh = t_fine - 76800.0
                vh = (adc_h - (s.dig_h4 * 64.0 + s.dig_h5 / 16384.0 * vh)) * (s.dig_h2 / 65536.0 * (
                    1.0 + s.dig_h6 / 67108864.0 * vh * (1.0 + s.dig_h3 / 67108864.0 * vh)))
                vh = vh * (1.0 - s.dig_h1 * vh / 524288.0)
                print('temperature', abs(t / 100 - t_fine / 5120.0) <= 0.01)
                print('pressure', abs(p / 256 - pf) < 1.0)
                print('humidity', abs(h / 1024 - vh) < 0.05)
                """));
    }

    @Test
    void normalModeMeasuresWithoutBeingAsked() throws Exception {
        // normal mode with the IIR filter off: every cycle measures the environment anew
        assertEquals("""
                True 19.0
                """, SimBoardRun.run(folder, """
                chip.env.type=bme280
                chip.env.bus=1
                chip.env.temperature=19.0
                """, """
                import time
                from machine import I2C
                import bme280
                s = bme280.BME280(I2C(1), mode=bme280.MODE_NORMAL)
                time.sleep_ms(20)
                print(s.mode == bme280.MODE_NORMAL, s.temperature)
                """));
    }

    @Test
    void aDeviceThatIsNotABme280IsRefused() throws Exception {
        assertEquals("""
                OSError True
                """, SimBoardRun.run(folder, """
                chip.io.type=mcp23017
                chip.io.bus=1
                chip.io.address=0x20
                """, """
                from machine import I2C
                import bme280
                try:
                    bme280.BME280(I2C(1), 0x20)
                except OSError as e:
                    print('OSError', str(e).startswith('BME280 not found: chip id'))
                """));
    }
}
