package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mica.hal.DisplayView;
import dev.mica.hal.HalProperties;

/** The display routes through the dispatcher, over displays made by the test. */
class DisplayRoutesTest {
    /** A display whose picture the test sets. */
    static final class TestDisplay implements DisplayView {
        final int width;
        final int height;
        volatile int[] rgb;
        volatile long count;

        TestDisplay(int width, int height) {
            this.width = width;
            this.height = height;
            this.rgb = new int[width * height];
        }

        void light(int x, int y) {
            int[] next = rgb.clone();
            next[y * width + x] = 0xFFFFFF;
            rgb = next;
            count++;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public long changeCount() {
            return count;
        }

        @Override
        public Frame snapshot() {
            return new Frame(width, height, rgb.clone(), true, false, 0x7F, count);
        }
    }

    final Map<String, TestDisplay> displays = new LinkedHashMap<>();
    ApiDispatcher dispatcher;
    Sessions sessions;

    @BeforeEach
    void setUp() {
        sessions = new Sessions(new MutableClock(), Duration.ofMinutes(30), Duration.ofHours(12), 100, new SecureRandom());
        DisplayRoutes routes = new DisplayRoutes(visitor -> {
            for (Map.Entry<String, TestDisplay> display : displays.entrySet()) {
                visitor.visit(display.getKey(), Map.of(HalProperties.BOARD, "sim", HalProperties.BUS, "1",
                        HalProperties.ADDRESS, 0x3C, HalProperties.CHIP, "ssd1306"), display.getValue());
            }
        });
        dispatcher = new ApiDispatcher(routes.routes(), sessions, 1024, (message, failure) -> {
            throw new AssertionError(message, failure);
        });
    }

    private ApiResponse get(String path, Role role, String... query) {
        FakeExchange exchange = new FakeExchange("GET", path);
        if (role != null) {
            exchange.session(sessions.open("someone", role).id(), null);
        }
        for (int i = 0; i < query.length; i += 2) {
            exchange.query(query[i], query[i + 1]);
        }
        return dispatcher.dispatch(exchange);
    }

    private static BufferedImage decode(ApiResponse response) throws IOException {
        assertEquals(200, response.status(), response.text());
        assertEquals("image/png", response.contentType());
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aViewerListsTheDisplaysWithTheirPlaceAndState() {
        TestDisplay display = new TestDisplay(128, 64);
        displays.put("7", display);
        display.light(3, 4);
        ApiResponse response = get("/board/displays", Role.VIEWER);
        assertEquals(200, response.status(), response.text());
        List<Map<String, Object>> list = (List<Map<String, Object>>) Json.parse(response.text());
        assertEquals(1, list.size());
        Map<String, Object> entry = list.get(0);
        assertEquals("7", entry.get("id"));
        assertEquals("sim", entry.get("board"));
        assertEquals("1", entry.get("bus"));
        assertEquals(60L, ((Number) entry.get("address")).longValue());
        assertEquals("ssd1306", entry.get("chip"));
        assertEquals(128L, ((Number) entry.get("width")).longValue());
        assertEquals(64L, ((Number) entry.get("height")).longValue());
        assertEquals(true, entry.get("on"));
        assertEquals(1L, ((Number) entry.get("changeCount")).longValue());
        assertEquals(401, get("/board/displays", null).status(), "nothing without a session");
    }

    @Test
    void theImageIsThePictureScaledWithItsChangeCount() throws IOException {
        TestDisplay display = new TestDisplay(16, 8);
        displays.put("3", display);
        display.light(15, 7);
        display.light(0, 2);
        ApiResponse response = get("/board/displays/3/image.png", Role.VIEWER, "scale", "4");
        assertEquals("2", response.headers().get(DisplayRoutes.CHANGE_COUNT_HEADER));
        BufferedImage image = decode(response);
        assertEquals(64, image.getWidth());
        assertEquals(32, image.getHeight());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                boolean lit = (x / 4 == 15 && y / 4 == 7) || (x / 4 == 0 && y / 4 == 2);
                assertEquals(lit ? 0xFFFFFF : 0, image.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        assertEquals(16, decode(get("/board/displays/3/image.png", Role.VIEWER)).getWidth(), "scale 1 by default");
    }

    @Test
    void unknownDisplaysAndBadScalesAreRefusedWithAReason() {
        displays.put("3", new TestDisplay(8, 8));
        ApiResponse unknown = get("/board/displays/4/image.png", Role.VIEWER);
        assertEquals(404, unknown.status());
        assertTrue(unknown.text().contains("no display with id 4") && unknown.text().contains("/api/board/displays"),
                unknown.text());
        ApiResponse tooLarge = get("/board/displays/3/image.png", Role.VIEWER, "scale", "17");
        assertEquals(400, tooLarge.status());
        assertTrue(tooLarge.text().contains("'scale' must be from 1 to 16"), tooLarge.text());
        assertEquals(400, get("/board/displays/3/image.png", Role.VIEWER, "scale", "two").status());
        assertEquals(400, get("/board/displays/3/image.png", Role.VIEWER, "scale", "0").status());
    }
}
