package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.mica.hal.Parity;
import dev.mica.hal.UartConfig;

/** UART loopback and timeouts, PWM bookkeeping, ADC scaling, and boards from properties files. */
class SimPeripheralsTest {
    @Test
    void uartLoopbackReadsBackWhatWasWritten() {
        SimUart uart = SimBoard.create(Map.of()).uart("1");
        uart.configure(new UartConfig(9600, 8, Parity.NONE, 1, 50, 5));
        uart.write("hello".getBytes(), 0, 5);
        assertEquals(5, uart.available());
        byte[] into = new byte[10];
        long start = System.nanoTime();
        assertEquals(5, uart.read(into, 0, 10));
        assertEquals("hello", new String(into, 0, 5));
        assertEquals(0, uart.read(into, 0, 1), "nothing more arrives");
        assertTrue(System.nanoTime() - start >= 45_000_000L, "the read waited for its timeout");
    }

    @Test
    void uartWithoutLoopbackTalksToTheOtherEnd() {
        SimUart uart = SimBoard.create(Map.of("uart.loopback", "false")).uart("0");
        uart.write(new byte[] {1, 2}, 0, 2);
        assertArrayEquals(new byte[] {1, 2}, uart.takeTransmitted());
        assertEquals(0, uart.available());
        uart.receive(new byte[] {9}, 0, 1);
        byte[] into = new byte[1];
        assertEquals(1, uart.read(into, 0, 1));
        assertEquals(9, into[0]);
    }

    @Test
    void pwmKeepsTheDutyFormLastSet() {
        SimPwmChannel pwm = SimBoard.create(Map.of("pwm.pins", "12,13")).pwm("1");
        assertEquals(13, pwm.pin());
        pwm.setFrequency(1000);
        pwm.setDutyU16(32768);
        assertEquals(500_008, pwm.dutyNs());
        pwm.setFrequency(2000);
        assertEquals(32768, pwm.dutyU16(), "the fraction stays when the frequency changes");
        pwm.setDutyNs(100_000);
        pwm.setFrequency(1000);
        assertEquals(100_000, pwm.dutyNs(), "the pulse width stays when the frequency changes");
        assertEquals(6554, pwm.dutyU16());
        pwm.setEnabled(false);
        assertEquals(false, pwm.isEnabled());
    }

    @Test
    void adcScalesToTheReferenceAndClips() {
        SimBoard board = SimBoard.create(Map.of("adc.pins", "26,27", "adc.volts", "0=1.65, 1=5"));
        assertEquals(32768, board.adc("0").readU16());
        assertEquals(65535, board.adc("1").readU16());
        assertEquals(27, board.adc("1").pin());
        board.adc("0").setVolts(-1);
        assertEquals(0, board.adc("0").readU16());
    }

    @Test
    void boardAndChipsFromAPropertiesFile() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader("""
                board = bench
                i2c = 1
                wire = 2->3
                chip.env.type = bme280
                chip.env.bus = 1
                chip.env.address = 0x77
                chip.oled.type = ssd1306
                chip.oled.bus = 1
                chip.oled.height = 32
                """));
        try (SimBoard board = SimBoard.fromProperties(properties)) {
            assertEquals("bench", board.name());
            assertArrayEquals(new int[] {0x3C, 0x77}, board.i2c("1").scan());
            assertEquals(32, board.chips().stream().filter(c -> c.type().equals("ssd1306")).findFirst()
                    .orElseThrow().display().orElseThrow().height());
        }
    }
}
