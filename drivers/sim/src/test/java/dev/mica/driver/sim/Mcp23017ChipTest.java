package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;

/** MCP23017 register semantics as in the datasheet (BANK=0 addresses unless noted). */
class Mcp23017ChipTest {
    private static final int IODIRA = 0x00, IODIRB = 0x01, IPOLA = 0x02, GPINTENB = 0x05, DEFVALB = 0x07,
            INTCONB = 0x09, IOCON = 0x0A, GPPUA = 0x0C, INTFB = 0x0F, INTCAPB = 0x11, GPIOA = 0x12,
            GPIOB = 0x13, OLATA = 0x14;
    private SimBoard board;
    private Mcp23017Chip chip;
    private I2cMaster expander;

    @BeforeEach
    void setUp() {
        board = SimBoard.create(Map.of("i2c", "1", "pins", 8));
        chip = (Mcp23017Chip) board.attachChip(Map.of("type", "mcp23017", "bus", "1", "address", "0x21",
                "intb.pin", "3")).device();
        expander = new I2cMaster(board.i2c("1"), 0x21);
    }

    @Test
    void resetStateAndSequentialRead() {
        int[] all = expander.readMem(0x00, 0x16);
        assertEquals(0xFF, all[IODIRA]);
        assertEquals(0xFF, all[IODIRB]);
        for (int address = 2; address < 0x16; address++) {
            assertEquals(0, all[address], "register " + address);
        }
        assertEquals(0xFF, expander.readMem(0x15, 2)[1], "the pointer wraps from OLATB to IODIRA");
    }

    @Test
    void outputsFollowTheLatchAndGpioWritesGoToOlat() {
        expander.writeMem(IODIRA, 0x0F);             // A0..A3 inputs, A4..A7 outputs
        expander.writeMem(GPIOA, 0xA5);
        assertEquals(0xA5, expander.readRegister(OLATA));
        assertEquals(0xA0, expander.readRegister(GPIOA), "undriven inputs without pull-up read low");
        assertTrue(chip.pinLevel(7));
        assertFalse(chip.pinLevel(6));
        expander.writeMem(GPPUA, 0x03);
        chip.setInput(2, true);
        assertEquals(0xA7, expander.readRegister(GPIOA));
        expander.writeMem(IPOLA, 0xFF);              // polarity inverts inputs only
        assertEquals(0xA0 | 0x08, expander.readRegister(GPIOA));
    }

    @Test
    void byteModeTogglesWithinThePair() {
        expander.writeMem(IOCON, 0x20);              // SEQOP=1
        chip.setInput(0, true);
        chip.setInput(8, false);
        chip.setInput(9, true);
        assertArrayEquals(new int[] {0x01, 0x02, 0x01}, expander.readMem(GPIOA, 3));
    }

    @Test
    void bank1LayoutSplitsThePorts() {
        expander.writeMem(IOCON, 0x80);              // BANK=1: port B registers move to 0x10..
        assertEquals(0x80, expander.readRegister(0x05), "IOCON is at 0x05 in BANK=1");
        expander.writeMem(0x10, 0x00);               // IODIRB
        expander.writeMem(0x1A, 0x3C);               // OLATB
        assertEquals(0x3C, expander.readRegister(0x19));
        assertTrue(chip.pinLevel(10));
    }

    @Test
    void interruptOnChangeLatchesCaptureAndDrivesTheIntPin() throws Exception {
        board.gpio().pin(3).configure(PinMode.INPUT, Pull.NONE);
        expander.writeMem(IOCON, 0x02);              // INTPOL: active high
        assertFalse(board.gpio().pin(3).read());
        expander.writeMem(GPINTENB, 0x03);
        chip.setInput(8, true);                      // B0 changes
        assertEquals(0x01, expander.readRegister(INTFB));
        assertTrue(board.gpio().pin(3).read(), "INTB asserted");
        chip.setInput(9, true);                      // a second change while pending is not captured
        assertEquals(0x01, expander.readRegister(INTCAPB), "captured when B0 changed");
        assertEquals(0, expander.readRegister(INTFB), "reading INTCAP clears the interrupt");
        assertFalse(board.gpio().pin(3).read());
    }

    @Test
    void defvalComparisonFiresAgainWhileThePinDiffers() {
        expander.writeMem(IOCON, 0x04);              // ODR: open drain, pulls low when active
        board.gpio().pin(3).configure(PinMode.INPUT, Pull.UP);
        expander.writeMem(DEFVALB, 0x00);
        expander.writeMem(INTCONB, 0x01);
        expander.writeMem(GPINTENB, 0x01);
        chip.setInput(8, true);
        assertFalse(board.gpio().pin(3).read(), "INTB pulls the line low");
        assertEquals(0x01, expander.readRegister(GPIOB));
        assertEquals(0x01, expander.readRegister(INTFB), "still differs from DEFVAL: interrupts again");
        chip.setInput(8, false);
        expander.readRegister(GPIOB);
        assertEquals(0x00, expander.readRegister(INTFB));
        assertTrue(board.gpio().pin(3).read(), "released to the pull-up");
    }
}
