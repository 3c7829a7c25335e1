package dev.mica.compiler.mpy;

/**
 * The text MicroPython's {@code repr} gives a float or complex, which is how a {@code .mpy} file
 * stores them.
 *
 * <p>MicroPython does not print the shortest or the correctly rounded decimal: it takes 16
 * significant digits one at a time, subtracting powers of ten in double arithmetic, computes one
 * digit more and rounds the text on it. The last digits therefore often differ from Java's (or C's
 * {@code %.16g}) output, and a byte-identical {@code .mpy} needs the same arithmetic, step for
 * step, which this class performs.
 */
final class FloatRepr {
    /** Significant digits of a double's repr. */
    private static final int PRECISION = 16;
    /** log10(2), to estimate the decimal exponent from the binary one. */
    private static final double LOG10_OF_2 = 0.3010299956639812;

    private static final int POW10_MIN = -350;
    private static final int POW10_MAX = 350;
    private static final double[] POW10 = powersOfTen();

    private FloatRepr() {}

    /** {@code repr(float)}: like {@code %.16g}, plus ".0" when the text would read as an int. */
    static String of(double v) {
        String s = formatG(v, PRECISION);
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('n') < 0) {
            s = s + ".0";
        }
        return s;
    }

    /** {@code repr(complex)}: {@code 2j}, or {@code (1+2j)} when the real part is not zero. */
    static String ofComplex(double re, double im) {
        if (re == 0.0) { // -0.0 included: the C test is a plain comparison
            return formatG(im, PRECISION) + "j";
        }
        String plus = (im >= 0 || Double.isNaN(im)) ? "+" : "";
        return "(" + formatG(re, PRECISION) + plus + formatG(im, PRECISION) + "j)";
    }

    /**
     * MicroPython's {@code 'g'} conversion: fixed notation while the decimal exponent lies in
     * [-4, precision), else a mantissa with {@code e+NN} or {@code e-NN}; trailing zeros dropped.
     */
    static String formatG(double value, int precision) {
        StringBuilder out = new StringBuilder(32);
        double f = value;
        if (Double.isNaN(f)) {
            return "nan";
        }
        if ((Double.doubleToRawLongBits(f) & Long.MIN_VALUE) != 0) {
            out.append('-');
            f = -f;
        }
        if (Double.isInfinite(f)) {
            return out.append("inf").toString();
        }
        int signLength = out.length();

        int prec = Math.max(precision, 1);
        boolean fixed = false;
        int exponent; // the absolute decimal exponent
        char exponentSign = 0; // '+', '-' or none (fixed notation)
        int numDigits;
        int firstDigitPower; // power of ten of the first digit produced
        int digitsBeforePoint = 0; // counts down to the position of the decimal point

        int guess = (int) (binaryExponent(f) * LOG10_OF_2);
        if (f == 0) {
            exponent = 0;
            numDigits = prec;
            firstDigitPower = 0;
        } else if (f < 1.0) {
            double original = f;
            exponent = -guess;
            double unit = pow10(-exponent);
            while (unit > f) {
                exponent++;
                unit = pow10(-exponent);
            }
            f /= unit;
            if (exponent <= 4) {
                // 0.000ddd: the leading zeros count as digits, the significant ones follow them
                fixed = true;
                prec += exponent - 1;
                numDigits = prec + 1;
                firstDigitPower = 0;
                f = original;
            } else {
                exponentSign = '-';
                numDigits = prec;
                firstDigitPower = -exponent;
            }
        } else {
            // f itself is not scaled, to keep its digits exact: the powers of ten are compared instead
            exponent = guess;
            double next = pow10(exponent + 1);
            while (f >= next) {
                exponent++;
                next = pow10(exponent + 1);
            }
            if (exponent < prec) {
                fixed = true;
                prec -= exponent + 1;
                digitsBeforePoint = exponent;
                numDigits = prec + exponent + 1;
            } else {
                exponentSign = '+';
                numDigits = prec;
            }
            firstDigitPower = exponent;
        }

        // One digit more than shown is computed; it decides the rounding.
        int digit = 0;
        for (int power = firstDigitPower; numDigits >= 0; power--) {
            double unit = power > 0 ? pow10(power) : 1.0;
            for (digit = 0; digit < 9 && f >= unit; digit++) {
                f -= unit;
            }
            if (numDigits > 0) {
                out.append((char) ('0' + digit));
                if (digitsBeforePoint == 0 && prec > 0) {
                    out.append('.');
                }
            }
            digitsBeforePoint--;
            numDigits--;
            if (power <= 0) {
                f *= 10.0; // below the units the remainder is scaled up rather than divided by 10^k
            }
        }
        if (digit >= 5) {
            exponent = roundUp(out, signLength, fixed, exponentSign, exponent);
            if (exponentSign == '-' && exponent == 0) {
                exponentSign = '+';
            }
        }

        if (prec > 0) {
            int end = out.length();
            while (out.charAt(end - 1) == '0') {
                end--;
            }
            if (out.charAt(end - 1) == '.') {
                end--;
            }
            out.setLength(end);
        }
        if (exponentSign != 0) {
            out.append('e').append(exponentSign);
            if (exponent >= 100) {
                out.append((char) ('0' + exponent / 100));
            }
            out.append((char) ('0' + exponent / 10 % 10)).append((char) ('0' + exponent % 10));
        }
        return out.toString();
    }

    /**
     * Adds one unit in the last shown digit. When the carry runs off the front (9.99 to 10.00), a
     * mantissa keeps its length and its exponent grows (shrinks, for a negative one), while fixed
     * notation gains a digit. Returns the exponent afterwards.
     */
    private static int roundUp(StringBuilder out, int start, boolean fixed, char exponentSign, int exponent) {
        int i = out.length() - 1;
        while (true) {
            char c = out.charAt(i);
            if (c == '.') {
                i--;
                continue;
            }
            if (c < '9') {
                out.setCharAt(i, (char) (c + 1));
                return exponent;
            }
            out.setCharAt(i, '0');
            if (i == start) {
                break;
            }
            i--;
        }
        if (!fixed && start + 1 < out.length() && out.charAt(start + 1) == '.') {
            // all shown digits are zeros now: "1." and zeros, as many characters as before
            int length = out.length() - start;
            out.setLength(start);
            out.append("1.");
            out.append("0".repeat(length - 2));
            return exponentSign == '-' ? exponent - 1 : exponent + 1;
        }
        out.insert(start, '1');
        return exponent;
    }

    /** The unbiased binary exponent field (-1023 for zero and subnormals). */
    private static int binaryExponent(double v) {
        return (int) ((Double.doubleToRawLongBits(v) >>> 52) & 0x7ff) - 1023;
    }

    private static double pow10(int n) {
        if (n < POW10_MIN) {
            return 0.0;
        }
        if (n > POW10_MAX) {
            return Double.POSITIVE_INFINITY;
        }
        return POW10[n - POW10_MIN];
    }

    /**
     * 10^n as the C library's {@code pow(10, n)} returns it on the platforms mpy-cross runs on
     * (glibc): correctly rounded except 10^23 and 10^210, where the result is one ulp above.
     */
    private static double[] powersOfTen() {
        double[] table = new double[POW10_MAX - POW10_MIN + 1];
        for (int n = POW10_MIN; n <= POW10_MAX; n++) {
            table[n - POW10_MIN] = Double.parseDouble("1e" + n);
        }
        for (int n : new int[] {23, 210}) {
            table[n - POW10_MIN] = Math.nextUp(table[n - POW10_MIN]);
        }
        return table;
    }
}
