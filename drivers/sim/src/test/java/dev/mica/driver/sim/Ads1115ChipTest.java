package dev.mica.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ADS1115 pointer protocol, single-shot/continuous conversions and PGA scaling. */
class Ads1115ChipTest {
    private final ManualClock clock = new ManualClock();
    private SimChip chip;
    private I2cMaster adc;

    @BeforeEach
    void setUp() {
        SimBoard board = SimBoard.create(Map.of("i2c", "1"), clock);
        chip = board.attachChip(Map.of("type", "ads1115", "bus", "1", "ain0", "1.0", "ain1", "2.5", "ain3", "-0.1"));
        adc = new I2cMaster(board.i2c("1"), 0x48);
    }

    private int read16(int register) {
        int[] bytes = adc.readMem(register, 2);
        return (bytes[0] << 8) | bytes[1];
    }

    private void writeConfig(int config) {
        adc.writeto(0x01, config >> 8, config & 0xFF);
    }

    /** OS=1, the given MUX and PGA, single-shot, 128 SPS, comparator off. */
    private int convertOnce(int mux, int pga) {
        writeConfig(0x8000 | mux << 12 | pga << 9 | 0x0100 | 0b100 << 5 | 0x03);
        assertEquals(0, read16(1) & 0x8000, "OS reads 0 while converting");
        clock.advanceMillis(8);
        assertEquals(0x8000, read16(1) & 0x8000, "OS reads 1 when done");
        return read16(0);
    }

    @Test
    void resetValues() {
        assertEquals(0x8583, read16(1));
        assertEquals(0x8000, read16(2));
        assertEquals(0x7FFF, read16(3));
        assertEquals(0, read16(0));
    }

    @Test
    void singleEndedConversionScalesByThePga() {
        assertEquals(Math.round(1.0 / 4.096 * 32768), convertOnce(0b100, 0b001));
        assertEquals(Math.round(2.5 / 4.096 * 32768), convertOnce(0b101, 0b001));
        assertEquals(0x7FFF, convertOnce(0b101, 0b010), "2.5 V clips at +2.048 V full scale");
    }

    @Test
    void differentialConversionIsTwosComplementAndClips() {
        int code = convertOnce(0b000, 0b010);        // AIN0 - AIN1 = -1.5 V
        assertEquals(Math.round(-1.5 / 2.048 * 32768) & 0xFFFF, code);
        assertEquals(0x8000, convertOnce(0b000, 0b100), "clips at -0.512 V full scale");
        assertEquals(Math.round(1.1 / 2.048 * 32768), convertOnce(0b001, 0b010)); // AIN0 - AIN3
    }

    @Test
    void continuousModeFollowsTheInput() {
        writeConfig(0b100 << 12 | 0b001 << 9 | 0b111 << 5 | 0x03); // continuous, 860 SPS
        clock.advanceMillis(2);
        assertEquals(8000, read16(0));
        ((Ads1115Chip) chip.device()).setInputVolts(0, 2.048);
        clock.advanceMillis(2);
        assertEquals(16384, read16(0));
    }

    @Test
    void thresholdsAreReadWriteAndThePointerPersists() {
        adc.writeto(0x02, 0x12, 0x34);
        adc.writeto(0x03, 0x56, 0x78);
        assertArrayEquals(new int[] {0x12, 0x34}, adc.readMem(2, 2));
        assertEquals(0x5678, read16(3));
        adc.writeto(0x02);                           // pointer only, then a plain read
        byte[] into = new byte[2];
        adc.writeto(0x03);
        chip.board().i2c("1").transfer(java.util.List.of(dev.mica.hal.I2cMessage.read(0x48, into).stop(true)));
        assertEquals(0x56, into[0] & 0xFF);
    }
}
