package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.hal.HalProperties;
import dev.mica.hal.HalService;
import dev.mica.hal.I2cBus;
import dev.mica.hal.StandaloneBoard;

class SimBoardOpenerTest {
    private static StandaloneBoard.Opener opener() {
        return ServiceLoader.load(StandaloneBoard.Opener.class).stream()
                .map(ServiceLoader.Provider::get).filter(o -> o.kind().equals("sim")).findFirst().orElseThrow();
    }

    @Test
    void defaultBoardOffersItsServicesWithProperties() {
        try (StandaloneBoard board = opener().open("")) {
            List<HalService<?>> services = board.services();
            // GPIO, I2C 0 and 1, SPI 0 and 1, UART 0 and 1, ADC 0..2
            assertEquals(10, services.size());
            HalService<?> i2c1 = services.stream().filter(s -> s.type() == I2cBus.class
                    && "1".equals(s.properties().get(HalProperties.BUS))).findFirst().orElseThrow();
            assertEquals("sim", i2c1.properties().get(HalProperties.BOARD));
        }
    }

    @Test
    void boardFileAttachesChips(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("board.properties");
        Files.writeString(file, "board=bench\nchip.env.type=bme280\nchip.env.bus=0\n");
        try (StandaloneBoard board = opener().open(file.toString())) {
            I2cBus bus = (I2cBus) board.services().stream().filter(s -> s.type() == I2cBus.class
                    && "0".equals(s.properties().get(HalProperties.BUS))).findFirst().orElseThrow().service();
            assertArrayEquals(new int[] {0x76}, bus.scan());
            assertEquals("bench", board.services().get(0).properties().get(HalProperties.BOARD));
        }
    }

    @Test
    void missingFileIsAnArgumentError(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> opener().open(dir.resolve("nope.properties").toString()));
    }
}
