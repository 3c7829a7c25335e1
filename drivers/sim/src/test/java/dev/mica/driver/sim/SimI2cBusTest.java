package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mica.hal.HalException;
import dev.mica.hal.I2cMessage;

class SimI2cBusTest {
    private final SimBoard board = SimBoard.create(Map.of("i2c", "0,1"));

    @Test
    void absentAddressIsNoDevice() {
        HalException error = assertThrows(HalException.class,
                () -> new I2cMaster(board.i2c("1"), 0x50).writeto(0x00));
        assertEquals(HalException.ENODEV, error.errno());
    }

    @Test
    void scanListsAttachedChipsOnTheirBusOnly() {
        board.attachChip(Map.of("type", "bme280", "bus", "1"));
        board.attachChip(Map.of("type", "ssd1306", "bus", "1"));
        board.attachChip(Map.of("type", "ads1115", "bus", "0", "address", "0x49"));
        assertArrayEquals(new int[] {0x3C, 0x76}, board.i2c("1").scan());
        assertArrayEquals(new int[] {0x49}, board.i2c("0").scan());
        assertThrows(IllegalStateException.class, () -> board.attachChip(Map.of("type", "bme280", "bus", "1")));
    }

    @Test
    void writeWithoutStopThenReadIsARepeatedStart() {
        board.attachChip(Map.of("type", "bme280", "bus", "1", "address", "0x77"));
        SimI2cBus bus = board.i2c("1");
        assertEquals(1, bus.transfer(List.of(I2cMessage.write(0x77, new byte[] {(byte) 0xD0}))));
        byte[] id = new byte[1];
        bus.transfer(List.of(I2cMessage.read(0x77, id).stop(true)));
        assertEquals(0x60, id[0]);
    }

    @Test
    void detachedChipStopsAnswering() {
        SimChip chip = board.attachChip(Map.of("type", "bme280", "bus", "1"));
        chip.detach();
        assertEquals(0, board.i2c("1").scan().length);
        assertEquals(List.of(), board.chips());
    }
}
