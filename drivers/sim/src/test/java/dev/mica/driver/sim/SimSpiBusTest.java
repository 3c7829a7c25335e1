package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mica.hal.BitOrder;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;
import dev.mica.hal.SpiBus;
import dev.mica.hal.SpiConfig;

class SimSpiBusTest {
    private final SimBoard board = SimBoard.create(Map.of("spi", "0", "pins", "24"));

    @Test
    void misoLoopsBackMosiWhenNoDeviceAnswers() {
        SpiBus spi = board.spi("0");
        byte[] tx = {1, 2, 3, (byte) 0xFF};
        byte[] rx = new byte[4];
        spi.transfer(SpiBus.NO_CHIP_SELECT, tx, 0, rx, 0, 4, 0);
        assertArrayEquals(tx, rx);
        spi.transfer(0, null, 0, rx, 0, 4, 0x5A);    // read(n, write=0x5A)
        assertArrayEquals(new byte[] {0x5A, 0x5A, 0x5A, 0x5A}, rx);
        assertThrows(HalException.class, () -> spi.configure(new SpiConfig(1_000_000, 0, 0, 16, BitOrder.MSB_FIRST)));
        spi.configure(new SpiConfig(10_000_000, 1, 1, 8, BitOrder.LSB_FIRST));
        assertEquals(10_000_000, spi.config().baudrate());
    }

    @Test
    void ssd1306OverSpiUsesDcCsAndResetPins() {
        SimChip chip = board.attachChip(Map.of("type", "ssd1306", "interface", "spi", "bus", "0",
                "cs.pin", "17", "dc.pin", "18", "reset.pin", "19"));
        GpioPin cs = board.gpio().pin(17);
        GpioPin dc = board.gpio().pin(18);
        GpioPin res = board.gpio().pin(19);
        dc.configure(PinMode.OUTPUT, Pull.NONE);
        res.configure(PinMode.OUTPUT, Pull.NONE);
        cs.configure(PinMode.OUTPUT, Pull.NONE);
        cs.write(true);
        res.write(true);
        res.write(false);                            // the reset pulse as the driver sends it
        res.write(true);
        SpiBus spi = board.spi("0");
        dc.write(false);
        cs.write(false);
        spi.transfer(SpiBus.NO_CHIP_SELECT, new byte[] {(byte) 0x8D, 0x14, (byte) 0xAF, (byte) 0xA5}, 0, null, 0, 4, 0);
        cs.write(true);
        Ssd1306Controller display = chip.display().orElseThrow();
        assertTrue(display.isDisplayOn());
        assertTrue(display.isLit(0, 0));
        dc.write(true);
        spi.transfer(SpiBus.NO_CHIP_SELECT, new byte[] {0x7E}, 0, null, 0, 1, 0);
        assertEquals(0, display.ram()[0], "not selected: the display ignores the bus");
        cs.write(false);
        spi.transfer(SpiBus.NO_CHIP_SELECT, new byte[] {0x7E}, 0, null, 0, 1, 0);
        assertEquals(0x7E, display.ram()[0]);
        res.write(false);
        assertEquals(false, display.isDisplayOn(), "RES# low resets the controller");
    }
}
