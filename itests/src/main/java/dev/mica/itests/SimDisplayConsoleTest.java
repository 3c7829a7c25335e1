package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated SSD1306 in the web console: an app draws with the frozen {@code ssd1306}
 * driver over {@code machine.I2C}, and the console's list and PNG of the display show exactly
 * the app's frame buffer, frame after frame; the display leaves the list with its chip.
 */
class SimDisplayConsoleTest {
    static final String APP = """
            import os, time
            from machine import I2C
            import ssd1306
            oled = ssd1306.SSD1306_I2C(128, 64, I2C(1))
            oled.text('Mica', 0, 0)
            oled.rect(0, 40, 128, 24, 1)
            oled.pixel(127, 0, 1)
            oled.show()
            print('frame1', bytes(oled.buffer).hex())
            while 'next' not in os.listdir():
                time.sleep_ms(20)
            oled.fill(0)
            oled.fill_rect(10, 10, 30, 20, 1)
            oled.text('live', 60, 30)
            oled.show()
            print('frame2', bytes(oled.buffer).hex())
            """;

    @TempDir
    Path storage;
    private SimBoards sim;
    private GatewayFixture gateway;
    private ConsoleClient console;

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
    @SuppressWarnings("unchecked")
    void theConsoleShowsWhatAnAppDrawsOnTheSimulatedSsd1306() throws Exception {
        sim.addChip(Map.of("type", "ssd1306", "bus", "1"));
        sim.awaitChip("ssd1306", "1");
        gateway.writeApp("oled", APP);
        gateway.useStorage();
        console = ConsoleTest.awaitAdminLogin(gateway, storage);

        gateway.log.awaitApp("oled", "frame1 ");
        Map<String, Object> display = display();
        assertEquals(128L, display.get("width"), display.toString());
        assertEquals(64L, display.get("height"), display.toString());
        assertEquals(true, display.get("on"), display.toString());
        assertEquals("ssd1306", display.get("chip"), display.toString());
        String id = (String) display.get("id");
        long firstCount = (Long) display.get("changeCount");
        byte[] first = SimBoardAppTest.hex(frame("frame1 "));
        assertPngShows(first, id, 3, firstCount);

        ConsoleClient.BinaryAnswer unknown = console.getBytes("/api/board/displays/999999/image.png");
        assertEquals(404, unknown.status());
        assertTrue(new String(unknown.body()).contains("no display with id 999999"), new String(unknown.body()));
        assertEquals(400, console.getBytes("/api/board/displays/" + id + "/image.png?scale=17").status());

        // the app draws the next frame: the count moves and the picture follows
        Files.writeString(gateway.appFolder("oled").resolve("next"), "");
        gateway.log.awaitApp("oled", "frame2 ");
        Map<String, Object> after = display();
        assertEquals(id, after.get("id"));
        long secondCount = (Long) after.get("changeCount");
        assertTrue(secondCount > firstCount, firstCount + " -> " + secondCount);
        assertPngShows(SimBoardAppTest.hex(frame("frame2 ")), id, 1, secondCount);

        // the display's view goes with its chip
        sim.close();
        Await.until(() -> {
            try {
                return ((List<?>) MiniJson.parse(console.get("/api/board/displays").body())).isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, () -> "the display stayed listed after its chip was removed");
    }

    /** The one display on I2C bus 1 at 0x3C, as the console lists it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> display() throws Exception {
        ConsoleClient.Answer answer = console.get("/api/board/displays");
        assertEquals(200, answer.status(), answer.body());
        List<Map<String, Object>> displays = ((List<Map<String, Object>>) MiniJson.parse(answer.body())).stream()
                .filter(d -> "1".equals(d.get("bus")) && Long.valueOf(0x3C).equals(d.get("address"))).toList();
        assertEquals(1, displays.size(), answer.body());
        return displays.get(0);
    }

    private String frame(String prefix) {
        return gateway.log.ofApp("oled").stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix)).substring(prefix.length());
    }

    /** The console's PNG of the display has every pixel of the app's MONO_VLSB frame buffer, the right way up. */
    private void assertPngShows(byte[] buffer, String id, int scale, long count) throws Exception {
        ConsoleClient.BinaryAnswer png = console.getBytes("/api/board/displays/" + id + "/image.png?scale=" + scale);
        assertEquals(200, png.status(), new String(png.body()));
        assertEquals("image/png", png.header("Content-Type"));
        assertEquals(String.valueOf(count), png.header("X-Mica-Change-Count"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertEquals(128 * scale, image.getWidth());
        assertEquals(64 * scale, image.getHeight());
        int litPixels = 0;
        for (int y = 0; y < 64 * scale; y++) {
            for (int x = 0; x < 128 * scale; x++) {
                int column = x / scale;
                int row = y / scale;
                boolean drawn = ((buffer[(row / 8) * 128 + column] >> (row % 8)) & 1) != 0;
                boolean shown = (image.getRGB(x, y) & 0xFFFFFF) != 0;
                assertEquals(drawn, shown, "pixel " + column + "," + row);
                litPixels += shown ? 1 : 0;
            }
        }
        assertTrue(litPixels > 100 * scale * scale, "the frame has something drawn: " + litPixels);
    }
}
