package dev.mica.driver.sim;

import java.util.function.IntToLongFunction;

/**
 * The BME280 datasheet's fixed-point compensation formulas (section 4.2.3), and their
 * inversion: the simulator needs the raw ADC value that a driver will compensate back to the
 * configured temperature, pressure or humidity. The formulas are monotonic in the ADC value,
 * so a binary search over the ADC codes finds the closest one.
 */
final class Bme280Compensation {
    private final Bme280Calibration cal;

    Bme280Compensation(Bme280Calibration cal) {
        this.cal = cal;
    }

    /** The datasheet's t_fine, the temperature in the form pressure and humidity need. */
    int tFine(int adcT) {
        int var1 = (((adcT >> 3) - (cal.t1() << 1)) * cal.t2()) >> 11;
        int delta = (adcT >> 4) - cal.t1();
        int var2 = (((delta * delta) >> 12) * cal.t3()) >> 14;
        return var1 + var2;
    }

    /** Temperature in 0.01 °C. */
    static int centiCelsius(int tFine) {
        return (tFine * 5 + 128) >> 8;
    }

    /** Pressure in Pa as unsigned Q24.8 (the 64-bit formula). */
    long pressureQ24_8(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * cal.p6();
        var2 = var2 + ((var1 * cal.p5()) << 17);
        var2 = var2 + (((long) cal.p4()) << 35);
        var1 = ((var1 * var1 * cal.p3()) >> 8) + ((var1 * cal.p2()) << 12);
        var1 = ((((long) 1) << 47) + var1) * cal.p1() >> 33;
        if (var1 == 0) {
            return 0; // avoids a division by zero, as the datasheet does
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) cal.p9()) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) cal.p8()) * p) >> 19;
        return ((p + var1 + var2) >> 8) + (((long) cal.p7()) << 4);
    }

    /** Relative humidity in %RH as unsigned Q22.10. */
    int humidityQ22_10(int adcH, int tFine) {
        int v = tFine - 76800;
        v = ((((adcH << 14) - (cal.h4() << 20) - (cal.h5() * v)) + 16384) >> 15)
                * (((((((v * cal.h6()) >> 10) * (((v * cal.h3()) >> 11) + 32768)) >> 10) + 2097152)
                        * cal.h2() + 8192) >> 14);
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * cal.h1()) >> 4);
        v = Math.max(0, Math.min(v, 419430400));
        return v >>> 12;
    }

    /** The raw temperature code, a multiple of {@code step}, closest to the given °C. */
    int adcForTemperature(double celsius, int step) {
        long target = Math.round(celsius * 100);
        return closest(adc -> centiCelsius(tFine(adc)), target, 1 << 20, step, true);
    }

    /** The raw pressure code, a multiple of {@code step}, closest to the given hPa. */
    int adcForPressure(double hectopascal, int tFine, int step) {
        long target = Math.round(hectopascal * 100 * 256);
        return closest(adc -> pressureQ24_8(adc, tFine), target, 1 << 20, step, false);
    }

    /** The raw humidity code closest to the given %RH. */
    int adcForHumidity(double percent, int tFine) {
        long target = Math.round(percent * 1024);
        return closest(adc -> humidityQ22_10(adc, tFine), target, 1 << 16, 1, true);
    }

    /** Binary search over codes 0, step, 2*step, ... below {@code limit} of a monotonic formula. */
    private static int closest(IntToLongFunction formula, long target, int limit, int step, boolean increasing) {
        int low = 0;
        int high = limit / step - 1;
        while (low < high) { // first index whose value has reached the target
            int mid = (low + high) >>> 1;
            long value = formula.applyAsLong(mid * step);
            boolean reached = increasing ? value >= target : value <= target;
            if (reached) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        int best = low;
        if (low > 0 && Math.abs(formula.applyAsLong((low - 1) * step) - target)
                <= Math.abs(formula.applyAsLong(low * step) - target)) {
            best = low - 1;
        }
        return best * step;
    }
}
