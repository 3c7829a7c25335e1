package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;

/** AT24C32 reads and writes as in the datasheet: two address bytes, page writes, sequential reads. */
class At24c32ChipTest {
    private static final int ADDRESS = 0x50;
    private I2cBus bus;
    private At24c32Chip chip;

    @BeforeEach
    void setUp() {
        SimBoard board = SimBoard.create(Map.of("i2c", "1", "pins", 4));
        chip = (At24c32Chip) board.attachChip(Map.of("type", "at24c32", "bus", "1")).device();
        bus = board.i2c("1");
    }

    /** {@code writeto_mem(addr, memaddr, data, addrsize=16)} */
    private void writeMem(int memoryAddress, byte[] data) {
        bus.transfer(List.of(I2cMessage.write(ADDRESS, new byte[] {(byte) (memoryAddress >> 8), (byte) memoryAddress}),
                I2cMessage.write(ADDRESS, data).with(I2cMessage.NO_START | I2cMessage.STOP)));
    }

    /** {@code readfrom_mem(addr, memaddr, n, addrsize=16)} */
    private byte[] readMem(int memoryAddress, int count) {
        byte[] into = new byte[count];
        bus.transfer(List.of(I2cMessage.write(ADDRESS, new byte[] {(byte) (memoryAddress >> 8), (byte) memoryAddress}),
                I2cMessage.read(ADDRESS, into).stop(true)));
        return into;
    }

    @Test
    void answersAtItsDefaultAddressAndStartsErased() {
        assertArrayEquals(new int[] {ADDRESS}, bus.scan());
        assertArrayEquals(I2cMaster.bytes(0xFF, 0xFF), readMem(0x0FFF, 2), "a read wraps from the last byte to the first");
    }

    @Test
    void theAddressIsMostSignificantByteFirst() {
        writeMem(0x0123, I2cMaster.bytes(1, 2, 3));
        assertArrayEquals(I2cMaster.bytes(1, 2, 3), readMem(0x0123, 3));
        byte[] memory = chip.contents();
        assertEquals(1, memory[0x123]);
        assertEquals(3, memory[0x125]);
        assertEquals(2, readMem(0xF124, 1)[0], "the four top address bits are ignored");
    }

    @Test
    void aWriteWrapsWithinItsPage() {
        writeMem(0x003E, I2cMaster.bytes(0xA1, 0xA2, 0xA3, 0xA4));
        byte[] memory = chip.contents();
        assertEquals((byte) 0xA1, memory[0x3E]);
        assertEquals((byte) 0xA2, memory[0x3F]);
        assertEquals((byte) 0xA3, memory[0x20], "past the page's end the address wraps to its start");
        assertEquals((byte) 0xA4, memory[0x21]);
        assertEquals((byte) 0xFF, memory[0x40]);
    }

    @Test
    void aReadWithoutAddressGoesOnFromTheLastOne() {
        writeMem(0x0200, I2cMaster.bytes(7, 8, 9));
        assertEquals(7, readMem(0x0200, 1)[0]);
        byte[] next = new byte[2];
        bus.transfer(List.of(I2cMessage.read(ADDRESS, next).stop(true)));
        assertArrayEquals(I2cMaster.bytes(8, 9), next);
    }
}
