package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;

/**
 * Apps on the simulated board, set up through Config Admin as an operator would: a gateway
 * app reads a BME280 and draws on an SSD1306 with the frozen chip drivers over
 * {@code machine.I2C}, and a sensor's changed environment is measured. (The {@code machine}
 * API itself, pins and interrupts included, is checked on every board driver by
 * {@link MachineContractTest}.)
 */
class SimBoardAppTest {
    @TempDir
    Path storage;

    private SimBoards sim;
    private GatewayFixture gateway;

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimBoards();
        gateway = new GatewayFixture(storage);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        sim.close();
    }

    @Test
    void aGatewayAppReadsTheBme280AndDrawsOnTheSsd1306() throws Exception {
        sim.addChip(Map.of("type", "bme280", "bus", "1", "address", "0x77",
                "temperature", 23.4, "pressure", 987.65, "humidity", 41.5));
        sim.addChip(Map.of("type", "ssd1306", "bus", "1"));
        sim.awaitChip("bme280", "1");
        sim.awaitChip("ssd1306", "1");
        gateway.writeApp("weather", """
                from machine import I2C
                import bme280, ssd1306
                i2c = I2C(1)
                print('scan', [hex(a) for a in i2c.scan()])
                sensor = bme280.BME280(i2c, bme280.ADDRESS_ALT, temperature=bme280.OSAMPLE_16,
                                       pressure=bme280.OSAMPLE_16, humidity=bme280.OSAMPLE_16)
                t, p, h = sensor.read()
                print('reading', t, p, h)
                oled = ssd1306.SSD1306_I2C(128, 64, i2c)
                oled.text('%.1f C' % t, 0, 0)
                oled.text('%d hPa' % round(p), 0, 16)
                oled.rect(0, 40, 128, 24, 1)
                oled.show()
                print('frame', bytes(oled.buffer).hex())
                """);
        gateway.useStorage();
        gateway.log.awaitApp("weather", "frame ");

        List<String> out = gateway.log.ofApp("weather");
        assertTrue(out.contains("scan ['0x3c', '0x77']"), out.toString());
        String[] reading = line(out, "reading ").split(" ");
        // datasheet compensation of the raw codes the sensor produced for the configured environment
        assertEquals(23.4, Double.parseDouble(reading[1]), 0.005, out.toString());
        assertEquals(987.65, Double.parseDouble(reading[2]), 0.01, out.toString());
        assertEquals(41.5, Double.parseDouble(reading[3]), 0.01, out.toString());

        byte[] frame = hex(line(out, "frame ").substring("frame ".length()));
        assertArrayEquals(frame, sim.displayRam("1"));
        // the rectangle's corners on the panel, the right way up
        assertTrue(sim.displayLit("1", 0, 40) && sim.displayLit("1", 127, 63));
        assertFalse(sim.displayLit("1", 1, 41));
    }

    @Test
    void aChangedEnvironmentIsReadByTheNextMeasurement() throws Exception {
        Configuration sensor = sim.addChip(Map.of("type", "bme280", "bus", "0", "temperature", 18.0));
        sim.awaitChip("bme280", "0");
        try (PythonInterpreter py = PythonInterpreter.create()) {
            assertEquals("18.0\n", py.run("from machine import I2C\nimport bme280\ns = bme280.BME280(I2C(0))\nprint(s.temperature)\n"));
            SimBoards.update(sensor, Map.of("type", "bme280", "bus", "0", "temperature", -5.5));
            Await.until(() -> {
                try {
                    return py.interact("print(s.temperature)").equals("-5.5\n");
                } catch (Exception e) {
                    return false;
                }
            }, py::stdout);
        }
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + out));
    }

    static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
