package dev.mica.driver.sim;

import java.util.Arrays;

/**
 * A Microchip/Atmel AT24C32 serial EEPROM on I2C (0x50..0x57): 4096 bytes behind a two-byte
 * memory address, most significant byte first (the top four bits are ignored). A write
 * transaction sets the address and then stores bytes within one 32-byte page, the address
 * wrapping to the start of that page; a read transaction reads on from the current address,
 * wrapping at the end of the memory. A random read is the address write followed by a read
 * after a repeated START. The write cycle completes at once: the chip never refuses a START.
 */
final class At24c32Chip implements I2cTarget {
    static final int SIZE = 4096;
    static final int PAGE = 32;

    private final byte[] memory = new byte[SIZE];
    private int pointer;
    /** Address bytes still expected in the current write transaction (2, 1, then 0 for data). */
    private int addressBytesDue;

    At24c32Chip() {
        Arrays.fill(memory, (byte) 0xFF); // an erased EEPROM reads all ones
    }

    @Override
    public synchronized boolean start(boolean read) {
        addressBytesDue = read ? 0 : 2;
        return true;
    }

    @Override
    public synchronized boolean write(int value) {
        if (addressBytesDue == 2) {
            pointer = (value & 0x0F) << 8 | (pointer & 0xFF);
            addressBytesDue = 1;
        } else if (addressBytesDue == 1) {
            pointer = (pointer & 0xF00) | (value & 0xFF);
            addressBytesDue = 0;
        } else {
            memory[pointer] = (byte) value;
            pointer = (pointer & ~(PAGE - 1)) | ((pointer + 1) & (PAGE - 1));
        }
        return true;
    }

    @Override
    public synchronized int read() {
        int value = memory[pointer] & 0xFF;
        pointer = (pointer + 1) % SIZE;
        return value;
    }

    @Override
    public synchronized void stop() {
        addressBytesDue = 0;
    }

    /** A copy of the memory, for tests. */
    synchronized byte[] contents() {
        return memory.clone();
    }
}
