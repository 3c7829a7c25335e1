package dev.mica.driver.sim;

/**
 * A Texas Instruments ADS1115 16-bit ADC on I2C (0x48..0x4B). The first byte of a write sets
 * the register pointer (0 conversion, 1 config, 2 Lo_thresh, 3 Hi_thresh); two more bytes,
 * MSB first, write that register; reads return the pointed register MSB first.
 * <p>
 * Conversions take 1/DR seconds. In single-shot mode (MODE=1) writing OS=1 starts one and OS
 * reads 0 until it is done; in continuous mode a new result is ready every period. A result is
 * the configured input voltage (per MUX: differential pair or against GND) divided by the PGA
 * full-scale range, in 16-bit two's complement, clipped at 0x7FFF and 0x8000. The comparator
 * settings are stored but the ALERT/RDY pin is not simulated.
 */
final class Ads1115Chip implements I2cTarget {
    static final int REG_CONVERSION = 0, REG_CONFIG = 1, REG_LO_THRESH = 2, REG_HI_THRESH = 3;
    static final int CONFIG_RESET = 0x8583;
    private static final int OS = 0x8000;
    private static final int MODE_SINGLE_SHOT = 0x0100;
    private static final double[] FULL_SCALE_VOLTS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
    private static final int[] SAMPLES_PER_SECOND = {8, 16, 32, 64, 128, 250, 475, 860};

    private final SimClock clock;
    private final double[] inputVolts = new double[4];
    private int config = CONFIG_RESET;
    private int loThreshold = 0x8000;
    private int hiThreshold = 0x7FFF;
    private int conversion;
    private long singleShotDone = -1;
    private long continuousStart;
    private long continuousDone;

    private int pointer;
    private int bytesInTransaction;
    private int pendingMsb;
    private boolean reading;

    Ads1115Chip(SimClock clock) {
        this.clock = clock;
    }

    /** Sets the voltage at input AIN0..AIN3 (against GND). */
    synchronized void setInputVolts(int input, double volts) {
        advance(clock.nanoTime()); // conversions due before the change saw the old voltage
        inputVolts[input] = volts;
    }

    synchronized double inputVolts(int input) {
        return inputVolts[input];
    }

    @Override
    public synchronized boolean start(boolean read) {
        advance(clock.nanoTime());
        reading = read;
        bytesInTransaction = 0;
        return true;
    }

    @Override
    public synchronized boolean write(int value) {
        int index = bytesInTransaction++;
        if (index == 0) {
            pointer = value & 0x03; // P[7:2] must be zero
        } else if (index % 2 == 1) {
            pendingMsb = value;
        } else {
            writeRegister(pointer, (pendingMsb << 8) | value);
        }
        return true;
    }

    @Override
    public synchronized int read() {
        int value = readRegister(pointer);
        return bytesInTransaction++ % 2 == 0 ? value >> 8 : value & 0xFF;
    }

    @Override
    public synchronized void stop() {
        bytesInTransaction = 0;
    }

    private void writeRegister(int register, int value) {
        long now = clock.nanoTime();
        advance(now);
        switch (register) {
            case REG_CONFIG -> {
                boolean busy = singleShotDone >= 0;
                boolean wasContinuous = (config & MODE_SINGLE_SHOT) == 0;
                config = (config & OS) | (value & ~OS);
                if ((config & MODE_SINGLE_SHOT) == 0) {
                    if (!wasContinuous) {
                        continuousStart = now;
                        continuousDone = 0;
                    }
                } else if ((value & OS) != 0 && !busy) {
                    singleShotDone = now + periodNanos();
                    config &= ~OS; // OS reads 0 while the conversion runs
                }
            }
            case REG_LO_THRESH -> loThreshold = value;
            case REG_HI_THRESH -> hiThreshold = value;
            default -> { } // the conversion register is read-only
        }
    }

    private int readRegister(int register) {
        return switch (register) {
            case REG_CONVERSION -> conversion;
            case REG_CONFIG -> config;
            case REG_LO_THRESH -> loThreshold;
            default -> hiThreshold;
        };
    }

    private void advance(long now) {
        if (singleShotDone >= 0 && now >= singleShotDone) {
            conversion = convert();
            singleShotDone = -1;
            config |= OS; // done: the device powers down
        }
        if ((config & MODE_SINGLE_SHOT) == 0) {
            long completed = (now - continuousStart) / periodNanos();
            if (completed > continuousDone) {
                conversion = convert();
                continuousDone = completed;
            }
        }
    }

    private long periodNanos() {
        return 1_000_000_000L / SAMPLES_PER_SECOND[(config >> 5) & 0x07];
    }

    /** The result code for the current MUX and PGA settings. */
    private int convert() {
        double volts = switch ((config >> 12) & 0x07) {
            case 0 -> inputVolts[0] - inputVolts[1];
            case 1 -> inputVolts[0] - inputVolts[3];
            case 2 -> inputVolts[1] - inputVolts[3];
            case 3 -> inputVolts[2] - inputVolts[3];
            default -> inputVolts[((config >> 12) & 0x07) - 4];
        };
        double fullScale = FULL_SCALE_VOLTS[(config >> 9) & 0x07];
        long code = Math.round(volts / fullScale * 32768);
        code = Math.max(-32768, Math.min(32767, code));
        return (int) code & 0xFFFF;
    }
}
