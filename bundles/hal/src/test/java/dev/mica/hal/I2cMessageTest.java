package dev.mica.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class I2cMessageTest {
    @Test
    void flagsComposeAsMicroPythonCallsNeed() {
        I2cMessage data = I2cMessage.write(0x3C, new byte[] {1, 2}).with(I2cMessage.NO_START | I2cMessage.STOP);
        assertTrue(data.continuesPrevious());
        assertTrue(data.hasStop());
        assertFalse(data.stop(false).hasStop());
        assertTrue(data.stop(false).continuesPrevious());
        assertEquals(2, data.length());
    }

    @Test
    void rejectsBadAddressesAndSlices() {
        assertThrows(IllegalArgumentException.class, () -> I2cMessage.read(0x80, new byte[1]));
        assertThrows(IndexOutOfBoundsException.class, () -> new I2cMessage(0x10, true, new byte[2], 1, 2, 0));
    }

    @Test
    void exceptionCarriesErrnoWithoutStackTrace() {
        HalException error = new HalException(HalException.ENODEV, "gone");
        assertEquals(19, error.errno());
        assertEquals(0, error.getStackTrace().length);
    }
}
