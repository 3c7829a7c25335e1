package dev.mica.chip.ssd1306;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.mica.driver.sim.SimChip;

/**
 * The frozen {@code ssd1306} driver on the simulated controller: after show() the controller's
 * RAM holds the program's frame buffer and the panel lights the pixels the program drew, the
 * right way up.
 */
class Ssd1306DriverTest {
    private static SimChip display() {
        return InspectedBoards.lastChips().stream().filter(c -> c.type().equals("ssd1306")).findFirst().orElseThrow();
    }

    @Test
    void showSendsTheFrameBufferAndThePanelLightsWhatWasDrawn() {
        String printed = SimBoardRun.run("chip.oled.type=ssd1306;chip.oled.bus=1", """
                from machine import I2C
                import ssd1306
                oled = ssd1306.SSD1306_I2C(128, 64, I2C(1))
                oled.fill(0)
                oled.pixel(0, 0, 1)
                oled.hline(10, 63, 20, 1)
                oled.text('Mica', 40, 20, 1)
                oled.show()
                print(ssd1306.__file__, len(oled.buffer), I2C(1).readfrom(0x3C, 1))
                print(bytes(oled.buffer).hex())
                """);
        String[] lines = printed.split("\n");
        assertEquals("ssd1306.py 1024 b'\\x00'", lines[0], printed); // status: display on
        byte[] frame = hex(lines[1]);
        SimChip display = display();
        assertArrayEquals(frame, display.displayRam().orElseThrow());
        assertTrue(display.displayLit(0, 0));
        assertFalse(display.displayLit(1, 0));
        assertFalse(display.displayLit(127, 63));
        assertTrue(display.displayLit(10, 63) && display.displayLit(29, 63));
        assertFalse(display.displayLit(30, 63));
        int lit = 0;
        for (int y = 20; y < 28; y++) {
            for (int x = 40; x < 72; x++) {
                lit += display.displayLit(x, y) ? 1 : 0;
            }
        }
        assertTrue(lit > 20, "the text's pixels: " + lit);
    }

    @Test
    void aNarrowPanelUsesTheMiddleColumnsAndInvertAndPowerWork() {
        String printed = SimBoardRun.run("chip.oled.type=ssd1306;chip.oled.bus=0;chip.oled.height=32;chip.oled.width=64", """
                from machine import I2C
                import ssd1306
                oled = ssd1306.SSD1306_I2C(64, 32, I2C(0))
                oled.fill_rect(0, 0, 2, 32, 1)
                oled.show()
                oled.invert(True)
                """);
        assertEquals("", printed);
        SimChip display = display();
        byte[] ram = display.displayRam().orElseThrow();
        // columns 32 and 33 of pages 0..3 hold the rectangle; nothing else was written
        for (int page = 0; page < 4; page++) {
            assertEquals((byte) 0xFF, ram[page * 128 + 32]);
            assertEquals((byte) 0xFF, ram[page * 128 + 33]);
            assertEquals(0, ram[page * 128 + 34]);
        }
        assertFalse(display.displayLit(0, 5), "inverted");
        assertTrue(display.displayLit(2, 5), "inverted");
        assertEquals(0, Arrays.stream(new int[] {ram[31], ram[96]}).filter(b -> b != 0).count());
    }

    @Test
    void onSpiTheResetDataCommandAndChipSelectPinsDriveTheController() {
        String printed = SimBoardRun.run("chip.oled.type=ssd1306;chip.oled.interface=spi;chip.oled.bus=0;"
                + "chip.oled.cs.pin=17;chip.oled.dc.pin=16;chip.oled.reset.pin=20", """
                from machine import Pin, SPI
                import ssd1306
                oled = ssd1306.SSD1306_SPI(128, 64, SPI(0), Pin(16), Pin(20), Pin(17))
                oled.fill_rect(100, 8, 4, 8, 1)
                oled.show()
                print(Pin(17).value())
                """);
        assertEquals("1\n", printed); // chip select released after each transfer
        SimChip display = display();
        assertTrue(display.displayLit(100, 8) && display.displayLit(103, 15));
        assertFalse(display.displayLit(104, 8) || display.displayLit(100, 16));
        assertEquals((byte) 0xFF, display.displayRam().orElseThrow()[128 + 100]);
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
