package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.mica.hal.DisplayView;
import dev.mica.hal.HalProperties;
import dev.mica.hal.HalService;

/** The SSD1306 driven the way MicroPython's ssd1306 driver drives it over I2C. */
class Ssd1306ChipTest {
    private SimChip chip;
    private I2cMaster display;

    private void attach(int width, int height) {
        SimBoard board = SimBoard.create(Map.of("i2c", "0"));
        chip = board.attachChip(Map.of("type", "ssd1306", "bus", "0", "width", width, "height", height));
        display = new I2cMaster(board.i2c("0"), 0x3C);
    }

    /** One command per transaction with Co=1, D/C#=0, as the driver's write_cmd does. */
    private void command(int... bytes) {
        for (int b : bytes) {
            display.writeto(0x80, b);
        }
    }

    /** The driver's init_display command list (internal VCC). */
    private void initDisplay(int width, int height) {
        command(0xAE, 0x20, 0x00, 0x40, 0xA1, 0xA8, height - 1, 0xC8, 0xD3, 0x00,
                0xDA, width > 2 * height ? 0x02 : 0x12, 0xD5, 0x80, 0xD9, 0xF1, 0xDB, 0x30,
                0x81, 0xFF, 0xA4, 0xA6, 0xAD, 0x30, 0x8D, 0x14, 0xAF);
    }

    /** The driver's show(): full window, then the buffer after a 0x40 control byte (writevto). */
    private void show(int width, int height, byte[] buffer) {
        command(0x21, 0, width - 1, 0x22, 0, height / 8 - 1);
        display.writevto(new byte[] {0x40}, buffer);
    }

    /** A MONO_VLSB frame buffer: byte per 8 vertical pixels, pages of {@code width} bytes. */
    private static byte[] pattern(int width, int height) {
        byte[] buffer = new byte[width * height / 8];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (expectedLit(x, y)) {
                    buffer[(y / 8) * width + x] |= (byte) (1 << (y % 8));
                }
            }
        }
        return buffer;
    }

    /** A diagonal, a filled box in the top-left corner and a dot near the bottom right. */
    private static boolean expectedLit(int x, int y) {
        return x == y || (x < 10 && y < 5) || (x == 120 && y == 30);
    }

    private BufferedImage png() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(chip.displayPng(1).orElseThrow()));
    }

    private static boolean lit(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) & 0xFFFFFF) != 0;
    }

    @Test
    void initSequenceAndFrameShowUprightOn128x64() throws IOException {
        attach(128, 64);
        initDisplay(128, 64);
        show(128, 64, pattern(128, 64));
        BufferedImage image = png();
        assertEquals(128, image.getWidth());
        assertEquals(64, image.getHeight());
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                assertEquals(expectedLit(x, y), lit(image, x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void narrowPanel128x32UsesSequentialComAndFourPages() throws IOException {
        attach(128, 32);
        initDisplay(128, 32);
        show(128, 32, pattern(128, 32));
        BufferedImage image = png();
        assertEquals(32, image.getHeight());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 128; x++) {
                assertEquals(expectedLit(x, y), lit(image, x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void invertRotateContrastAndPowerOff() throws IOException {
        attach(128, 64);
        initDisplay(128, 64);
        show(128, 64, pattern(128, 64));
        command(0xA7);                               // invert(1)
        assertFalse(lit(png(), 0, 0));
        assertTrue(lit(png(), 20, 0));
        command(0xA6, 0xC0, 0xA0);                   // invert(0), rotate(0): turned by 180 degrees
        BufferedImage rotated = png();
        assertTrue(lit(rotated, 127, 63));
        assertTrue(lit(rotated, 127 - 120, 63 - 30));
        assertFalse(lit(rotated, 0, 0));
        command(0x81, 0x10);                         // contrast(16)
        assertEquals(0x10, chip.display().orElseThrow().contrast());
        command(0xAE);                               // poweroff()
        BufferedImage off = png();
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                assertFalse(lit(off, x, y));
            }
        }
    }

    @Test
    void controlByteWithCoBitAlternatesCommandsAndData() {
        attach(128, 64);
        // Co=1 command 0xB2 (page 2), Co=1 command 0x05 (column 5), Co=0 data stream
        display.writeto(0x80, 0xB2, 0x80, 0x05, 0x40, 0xAA, 0xBB);
        byte[] ram = chip.display().orElseThrow().ram();
        assertEquals((byte) 0xAA, ram[2 * 128 + 5]);
        assertEquals((byte) 0xBB, ram[2 * 128 + 6]);
        // Co=0 command stream: multi-byte commands collect their arguments across bytes
        display.writeto(0x00, 0x20, 0x01, 0x21, 10, 11, 0x22, 1, 2);
        display.writeto(0x40, 1, 2, 3, 4, 5);        // vertical mode: down pages 1..2, then next column
        ram = chip.display().orElseThrow().ram();
        assertEquals(2, ram[2 * 128 + 10]);
        assertEquals(3, ram[128 + 11]);
        assertEquals(4, ram[2 * 128 + 11]);
        assertEquals(5, ram[128 + 10], "the window wraps to its start");
    }

    @Test
    void pageModeWrapsWithinThePage() {
        attach(128, 64);
        display.writeto(0x00, 0xB7, 0x0E, 0x17);     // page 7, column 0x7E
        display.writeto(0x40, 1, 2, 3);
        byte[] ram = chip.display().orElseThrow().ram();
        assertEquals(2, ram[7 * 128 + 127]);
        assertEquals(3, ram[7 * 128 + 126], "back to the column start, same page");
    }

    @Test
    void chargePumpOffWithInternalVccLeavesThePanelDark() throws IOException {
        attach(128, 64);
        initDisplay(128, 64);
        command(0xA5);                               // entire display on
        assertTrue(lit(png(), 5, 5));
        command(0x8D, 0x10);                         // charge pump disabled
        assertFalse(lit(png(), 5, 5));
    }

    private DisplayView view() {
        return (DisplayView) chip.services().get(0).service();
    }

    @Test
    void theDisplayViewIsOfferedWithBoardBusChipAndAddress() {
        attach(128, 64);
        List<HalService<?>> services = chip.services();
        assertEquals(1, services.size());
        assertEquals(DisplayView.class, services.get(0).type());
        assertEquals(Map.of(HalProperties.BOARD, "sim", HalProperties.BUS, "0", HalProperties.CHIP, "ssd1306",
                HalProperties.ADDRESS, 0x3C), services.get(0).properties());
        assertSame(chip.display().orElseThrow(), services.get(0).service());
        SimChip sensor = chip.board().attachChip(Map.of("type", "bme280", "bus", "0"));
        assertEquals(List.of(), sensor.services(), "a sensor has no picture to show");
    }

    @Test
    void theSnapshotIsThePanelTheRightWayUpWithItsState() {
        attach(128, 32);
        DisplayView.Frame dark = view().snapshot();
        assertEquals(128, dark.width());
        assertEquals(32, dark.height());
        assertFalse(dark.on(), "off after reset");
        assertEquals(0x7F, dark.contrast(), "the reset contrast");
        initDisplay(128, 32);
        show(128, 32, pattern(128, 32));
        DisplayView.Frame frame = view().snapshot();
        assertTrue(frame.on());
        assertFalse(frame.inverted());
        assertEquals(0xFF, frame.contrast());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 128; x++) {
                assertEquals(expectedLit(x, y) ? 0xFFFFFF : 0x000000, frame.pixel(x, y), "pixel " + x + "," + y);
            }
        }
        command(0xA7, 0x81, 0x20);                   // invert(1), contrast(32)
        DisplayView.Frame inverted = view().snapshot();
        assertTrue(inverted.inverted());
        assertEquals(0x20, inverted.contrast());
        assertEquals(0x000000, inverted.pixel(0, 0));
        assertEquals(0xFFFFFF, inverted.pixel(20, 0));
        command(0xA6, 0xC0, 0xA0);                   // rotate(0): the panel shows it turned by 180 degrees
        DisplayView.Frame rotated = view().snapshot();
        assertEquals(0xFFFFFF, rotated.pixel(127, 31));
        assertEquals(0x000000, rotated.pixel(0, 0));
        command(0xAE);                               // poweroff(): all black, RAM kept
        DisplayView.Frame off = view().snapshot();
        assertFalse(off.on());
        for (int pixel : off.rgb()) {
            assertEquals(0, pixel);
        }
        assertNotEquals(0, chip.displayRam().orElseThrow()[0]);
    }

    @Test
    void theChangeCountMovesOnlyWhenThePictureMayHaveChanged() {
        attach(128, 64);
        initDisplay(128, 64);
        long initialised = view().changeCount();
        byte[] frame = pattern(128, 64);
        show(128, 64, frame);
        long drawn = view().changeCount();
        assertTrue(drawn > initialised, "a drawn frame moves the count");
        assertEquals(drawn, view().snapshot().changeCount());
        show(128, 64, frame);
        assertEquals(drawn, view().changeCount(), "the same frame again changes no pixel");
        command(0xD5, 0xF0, 0xD9, 0x22, 0xE3);       // clock, precharge, NOP: nothing visible
        assertEquals(drawn, view().changeCount());
        command(0xA7);
        long inverted = view().changeCount();
        assertTrue(inverted > drawn, "inversion moves the count");
        command(0x81, 0x01);
        assertTrue(view().changeCount() > inverted, "contrast moves the count");
        long beforePixel = view().changeCount();
        frame[5] ^= 1;
        show(128, 64, frame);
        assertTrue(view().changeCount() > beforePixel, "one changed pixel moves the count");
    }

    @Test
    void aDisplayOnSpiIsOfferedWithoutAddressAndItsResetMovesTheCount() {
        SimBoard board = SimBoard.create(Map.of("spi", "0", "pins", "24"));
        SimChip spiChip = board.attachChip(Map.of("type", "ssd1306", "interface", "spi", "bus", "0",
                "cs", "0", "dc.pin", "18", "reset.pin", "19", "height", "32"));
        HalService<?> service = spiChip.services().get(0);
        assertEquals(Map.of(HalProperties.BOARD, "sim", HalProperties.BUS, "0", HalProperties.CHIP, "ssd1306"),
                service.properties());
        DisplayView spiView = (DisplayView) service.service();
        assertEquals(32, spiView.height());
        dev.mica.hal.GpioPin reset = board.gpio().pin(19);
        reset.configure(dev.mica.hal.PinMode.OUTPUT, dev.mica.hal.Pull.NONE);
        reset.write(true);
        long before = spiView.changeCount();
        reset.write(false);
        assertTrue(spiView.changeCount() > before, "a reset changes the display's state");
        board.close();
    }
}
