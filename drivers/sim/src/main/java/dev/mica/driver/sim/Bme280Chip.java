package dev.mica.driver.sim;

/**
 * A Bosch BME280 humidity/pressure/temperature sensor on I2C (address 0x76 or 0x77).
 * <p>
 * Register map, reset, sleep/forced/normal modes with the datasheet's typical measurement
 * and standby times, oversampling-dependent resolution, the IIR filter, the
 * {@code measuring}/{@code im_update} status bits, and ctrl_hum taking effect only after a
 * ctrl_meas write. The raw values are computed from the configured environment by inverting
 * the compensation formulas, so that a driver using the datasheet's formulas reads the
 * environment back. Measurements happen lazily when the master starts a transaction; data
 * registers are shadowed for the length of a burst read, as on the real chip.
 */
final class Bme280Chip implements I2cTarget {
    static final int CHIP_ID = 0x60;
    static final int REG_CALIB00 = 0x88;
    static final int REG_ID = 0xD0;
    static final int REG_RESET = 0xE0;
    static final int REG_CALIB26 = 0xE1;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_STATUS = 0xF3;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_CONFIG = 0xF5;
    static final int REG_PRESS_MSB = 0xF7;
    static final int RESET_COMMAND = 0xB6;

    private static final int MODE_SLEEP = 0;
    private static final int MODE_NORMAL = 3;
    private static final long NVM_COPY_NANOS = 2_000_000; // start-up time: im_update is set meanwhile
    /** Standby times of config.t_sb in microseconds (datasheet table 27). */
    private static final long[] STANDBY_MICROS = {500, 62_500, 125_000, 250_000, 500_000, 1_000_000, 10_000, 20_000};

    private final SimClock clock;
    private final Bme280Calibration calibration;
    private final Bme280Compensation compensation;
    private final byte[] calib88;
    private final byte[] calibE1;

    private double temperatureCelsius;
    private double pressureHectopascal;
    private double humidityPercent;

    private int ctrlHum;
    private int ctrlMeas;
    private int config;
    private int activeHumidityOversampling;
    private int mode;
    private long resetAt;
    private long measurementEnd = -1;
    private long cycleStart;
    private long cyclesDone;
    private double filteredTemperatureAdc = Double.NaN;
    private double filteredPressureAdc = Double.NaN;
    private int rawTemperature;
    private int rawPressure;
    private int rawHumidity;

    private int pointer;
    private boolean expectRegisterAddress;

    Bme280Chip(SimClock clock, Bme280Calibration calibration, double celsius, double hectopascal, double percent) {
        this.clock = clock;
        this.calibration = calibration;
        this.compensation = new Bme280Compensation(calibration);
        this.calib88 = calibration.block88();
        this.calibE1 = calibration.blockE1();
        setEnvironment(celsius, hectopascal, percent);
        powerOnReset();
    }

    Bme280Calibration calibration() {
        return calibration;
    }

    /** Changes the air around the sensor; the next measurement reports it. */
    synchronized void setEnvironment(double celsius, double hectopascal, double percent) {
        if (celsius < -40 || celsius > 85 || hectopascal < 300 || hectopascal > 1100 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("outside the BME280 operating range: "
                    + celsius + " °C, " + hectopascal + " hPa, " + percent + " %RH");
        }
        advance(clock.nanoTime()); // measurements due before the change saw the old air
        temperatureCelsius = celsius;
        pressureHectopascal = hectopascal;
        humidityPercent = percent;
    }

    private void powerOnReset() {
        ctrlHum = 0;
        ctrlMeas = 0;
        config = 0;
        activeHumidityOversampling = 0;
        mode = MODE_SLEEP;
        measurementEnd = -1;
        filteredTemperatureAdc = Double.NaN;
        filteredPressureAdc = Double.NaN;
        rawTemperature = 0x80000; // the reset values of the data registers
        rawPressure = 0x80000;
        rawHumidity = 0x8000;
        resetAt = clock.nanoTime();
    }

    @Override
    public synchronized boolean start(boolean read) {
        advance(clock.nanoTime());
        expectRegisterAddress = !read;
        return true;
    }

    @Override
    public synchronized boolean write(int value) {
        if (expectRegisterAddress) {
            pointer = value;
        } else {
            writeRegister(pointer, value); // writes come as (register, value) pairs: no auto-increment
        }
        expectRegisterAddress = !expectRegisterAddress;
        return true;
    }

    @Override
    public synchronized int read() {
        int value = readRegister(pointer);
        pointer = (pointer + 1) & 0xFF;
        return value;
    }

    @Override
    public synchronized void stop() {
        expectRegisterAddress = false;
    }

    private void writeRegister(int register, int value) {
        long now = clock.nanoTime();
        switch (register) {
            case REG_RESET -> {
                if (value == RESET_COMMAND) {
                    powerOnReset();
                }
            }
            case REG_CTRL_HUM -> ctrlHum = value & 0x07;
            case REG_CTRL_MEAS -> {
                ctrlMeas = value & 0xFF;
                activeHumidityOversampling = ctrlHum; // ctrl_hum applies from the ctrl_meas write on
                mode = value & 0x03;
                if (mode == 1 || mode == 2) {
                    measurementEnd = now + measurementNanos();
                } else if (mode == MODE_NORMAL) {
                    cycleStart = now;
                    cyclesDone = 0;
                } else {
                    measurementEnd = -1;
                }
            }
            case REG_CONFIG -> {
                config = value & 0xFD; // bit 1 is reserved
                if (mode == MODE_NORMAL) {
                    cycleStart = now; // a new standby time starts a new cycle sequence
                    cyclesDone = 0;
                }
                if (filterCoefficient() == 1) {
                    filteredTemperatureAdc = Double.NaN;
                    filteredPressureAdc = Double.NaN;
                }
            }
            default -> { } // calibration, id, status and data are read-only
        }
    }

    private int readRegister(int register) {
        if (register >= REG_CALIB00 && register < REG_CALIB00 + calib88.length) {
            return calib88[register - REG_CALIB00] & 0xFF;
        }
        if (register >= REG_CALIB26 && register < REG_CALIB26 + calibE1.length) {
            return calibE1[register - REG_CALIB26] & 0xFF;
        }
        return switch (register) {
            case REG_ID -> CHIP_ID;
            case REG_CTRL_HUM -> ctrlHum;
            case REG_STATUS -> status();
            case REG_CTRL_MEAS -> (ctrlMeas & 0xFC) | mode;
            case REG_CONFIG -> config;
            case 0xF7 -> rawPressure >> 12;
            case 0xF8 -> (rawPressure >> 4) & 0xFF;
            case 0xF9 -> (rawPressure & 0x0F) << 4;
            case 0xFA -> rawTemperature >> 12;
            case 0xFB -> (rawTemperature >> 4) & 0xFF;
            case 0xFC -> (rawTemperature & 0x0F) << 4;
            case 0xFD -> rawHumidity >> 8;
            case 0xFE -> rawHumidity & 0xFF;
            default -> 0;
        };
    }

    private int status() {
        long now = clock.nanoTime();
        boolean measuring = switch (mode) {
            case 1, 2 -> measurementEnd >= 0 && now < measurementEnd;
            case MODE_NORMAL -> Math.floorMod(now - cycleStart, cyclePeriodNanos()) < measurementNanos();
            default -> false;
        };
        boolean nvmCopying = now - resetAt < NVM_COPY_NANOS;
        return (measuring ? 0x08 : 0) | (nvmCopying ? 0x01 : 0);
    }

    /** Completes the measurements that are due by {@code now}. */
    private void advance(long now) {
        if ((mode == 1 || mode == 2) && measurementEnd >= 0 && now >= measurementEnd) {
            measure();
            mode = MODE_SLEEP; // forced mode falls back to sleep after one measurement
            measurementEnd = -1;
        } else if (mode == MODE_NORMAL) {
            long elapsed = now - cycleStart - measurementNanos();
            long completed = elapsed < 0 ? 0 : elapsed / cyclePeriodNanos() + 1;
            // each cycle feeds the IIR filter; beyond a few dozen it has settled anyway
            for (long n = Math.max(cyclesDone, completed - 64); n < completed; n++) {
                measure();
            }
            cyclesDone = Math.max(cyclesDone, completed);
        }
    }

    /** One conversion of the configured environment into the data registers. */
    private void measure() {
        int temperatureOversampling = (ctrlMeas >> 5) & 0x07;
        int pressureOversampling = (ctrlMeas >> 2) & 0x07;
        int filter = filterCoefficient();
        if (temperatureOversampling != 0) {
            int ideal = compensation.adcForTemperature(temperatureCelsius, 1);
            if (filter > 1) {
                filteredTemperatureAdc = filterStep(filteredTemperatureAdc, ideal, filter);
                rawTemperature = (int) Math.round(filteredTemperatureAdc);
            } else {
                rawTemperature = compensation.adcForTemperature(temperatureCelsius, resolutionStep(temperatureOversampling));
            }
        } else {
            rawTemperature = 0x80000; // skipped measurements read as 0x80000
        }
        // pressure and humidity are compensated with the t_fine the driver will compute
        int tFine = compensation.tFine(rawTemperature);
        if (pressureOversampling != 0) {
            if (filter > 1) {
                int ideal = compensation.adcForPressure(pressureHectopascal, tFine, 1);
                filteredPressureAdc = filterStep(filteredPressureAdc, ideal, filter);
                rawPressure = (int) Math.round(filteredPressureAdc);
            } else {
                rawPressure = compensation.adcForPressure(pressureHectopascal, tFine, resolutionStep(pressureOversampling));
            }
        } else {
            rawPressure = 0x80000;
        }
        rawHumidity = activeHumidityOversampling != 0 ? compensation.adcForHumidity(humidityPercent, tFine) : 0x8000;
    }

    private static double filterStep(double previous, int sample, int coefficient) {
        return Double.isNaN(previous) ? sample : (previous * (coefficient - 1) + sample) / coefficient;
    }

    /** Without the filter, results have 16 + (osrs - 1) bits (x1: 16 bits ... x16: 20 bits). */
    private static int resolutionStep(int oversamplingCode) {
        int bits = 16 + Math.min(oversamplingCode, 5) - 1;
        return 1 << (20 - bits);
    }

    private int filterCoefficient() {
        int code = (config >> 2) & 0x07;
        return code == 0 ? 1 : 1 << Math.min(code, 4);
    }

    private static int oversamplingFactor(int code) {
        return code == 0 ? 0 : 1 << (Math.min(code, 5) - 1);
    }

    /** Typical measurement time (datasheet 9.1): 1 + 2·osrs_t + (2·osrs_p + 0.5) + (2·osrs_h + 0.5) ms. */
    private long measurementNanos() {
        int t = oversamplingFactor((ctrlMeas >> 5) & 0x07);
        int p = oversamplingFactor((ctrlMeas >> 2) & 0x07);
        int h = oversamplingFactor(activeHumidityOversampling);
        double millis = 1 + 2.0 * t + (p > 0 ? 2.0 * p + 0.5 : 0) + (h > 0 ? 2.0 * h + 0.5 : 0);
        return (long) (millis * 1_000_000);
    }

    private long cyclePeriodNanos() {
        return measurementNanos() + STANDBY_MICROS[(config >> 5) & 0x07] * 1000;
    }
}
