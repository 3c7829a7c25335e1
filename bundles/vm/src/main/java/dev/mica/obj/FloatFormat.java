package dev.mica.obj;

/**
 * Float to text exactly as MicroPython v1.24 (double precision) writes it, for {@code repr},
 * {@code %e/%f/%g} and {@code format()}.
 *
 * <p>MicroPython neither prints the shortest decimal nor the correctly rounded one. It finds the
 * decimal exponent by comparing with powers of ten, then produces the digits one at a time by
 * repeatedly subtracting a power of ten (below the units it multiplies the remainder by ten
 * instead), computes one digit more than it shows and rounds the text on that digit. Its output
 * also goes through a fixed 32-byte buffer, which trims the precision of long requests and turns
 * {@code %f} of a huge number into {@code %e}. The last digits therefore often differ from a
 * correctly rounded conversion, and matching them needs the same double arithmetic, step for
 * step, which this class performs.
 */
public final class FloatFormat {
    /** The size of the text buffer (terminating NUL included) MicroPython formats floats into. */
    public static final int BUFFER_SIZE = 32;
    /** Significant digits of {@code repr(float)}. */
    public static final int REPR_PRECISION = 16;
    /** Room always needed for a sign, one digit and an exponent such as {@code e+199}. */
    private static final int MIN_ROOM = 7;
    /** log10(2), to estimate the decimal exponent from the binary one. */
    private static final double LOG10_OF_2 = 0.3010299956639812;

    private FloatFormat() {}

    /** {@code repr(float)}: {@code %.16g}, plus ".0" when the text would read as an int. */
    public static String repr(double v) {
        String s = format(v, 'g', REPR_PRECISION, (char) 0);
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('n') < 0) {
            s += ".0";
        }
        return s;
    }

    /**
     * One conversion: {@code fmt} is one of e, f, g (upper case gives upper-case letters),
     * {@code prec} below 0 means 6, {@code sign} is '+', ' ' or 0 (shown for non-negative
     * values only).
     */
    public static String format(double v, char fmt, int prec, char sign) {
        return format(v, fmt, prec, sign, BUFFER_SIZE);
    }

    static String format(double value, char fmt, int prec, char sign, int bufferSize) {
        // out holds the text; the chars beyond its length stay '\0', as MicroPython's rounding
        // may look one place past the last digit
        char[] out = new char[bufferSize + 2];
        int len = 0;
        double f = value;
        if ((Double.doubleToRawLongBits(f) < 0) && !Double.isNaN(f)) {
            out[len++] = '-';
            f = -f;
        } else if (sign != 0) {
            out[len++] = sign;
        }
        int remaining = bufferSize - 1 - len; // room for digits and exponent
        boolean upper = Character.isUpperCase(fmt);
        if (Double.isInfinite(f) || Double.isNaN(f)) {
            String word = Double.isNaN(f) ? "nan" : "inf";
            return new String(out, 0, len) + (upper ? word.toUpperCase() : word);
        }
        if (prec < 0) {
            prec = 6;
        }
        char exponentChar = upper ? 'E' : 'e';
        fmt = Character.toLowerCase(fmt);
        final char requested = fmt;
        if (fmt == 'g' && prec == 0) {
            prec = 1;
        }
        int e; // the absolute decimal exponent
        int pointCountdown = 0; // digits still to come before the decimal point
        char exponentSign = 0; // '+', '-' or none (no exponent shown)
        int numDigits = 0;
        int firstPower = 0; // the power of ten of the first digit produced

        int guess = (int) (binaryExponent(f) * LOG10_OF_2);
        if (f == 0) {
            e = 0;
            if (fmt == 'f') {
                if (prec + 2 > remaining) {
                    prec = remaining - 2;
                }
                numDigits = prec + 1;
            } else {
                if (prec + 6 > remaining) {
                    prec = remaining - 6;
                }
                if (fmt == 'e') {
                    exponentSign = '+';
                }
            }
        } else if (f < 1.0) {
            double original = f;
            e = -guess;
            double unit = pow10(-e);
            while (unit > f) {
                e++;
                unit = pow10(-e);
            }
            // a division, since 10^e * 10^-e can be slightly below one
            f /= unit;
            if (fmt == 'f' || (fmt == 'g' && e <= 4)) {
                // 0.000ddd: digits from the units on, the leading zeros count for %g
                fmt = 'f';
                if (requested == 'g') {
                    prec += e - 1;
                }
                if (prec + 2 > remaining) {
                    prec = remaining - 2;
                }
                numDigits = prec + 1;
                f = original;
            } else {
                exponentSign = '-';
                if (prec > remaining - MIN_ROOM) {
                    prec = remaining - MIN_ROOM;
                    if (fmt == 'g') {
                        prec++;
                    }
                }
                firstPower = -e;
            }
        } else {
            // f is not scaled, to keep its digits exact: powers of ten are compared instead
            e = guess;
            double next = pow10(e + 1);
            while (f >= next) {
                e++;
                next = pow10(e + 1);
            }
            if (fmt == 'f') {
                if (e >= remaining) {
                    fmt = 'e'; // too long for the buffer in fixed notation
                } else if (e + prec + 2 > remaining) {
                    prec = remaining - e - 2;
                    if (prec < 0) {
                        prec++; // no decimal point is written then, which frees a place
                    }
                }
            }
            if (fmt == 'e' && prec > remaining - MIN_ROOM) {
                prec = remaining - MIN_ROOM;
            }
            if (fmt == 'g' && prec + MIN_ROOM - 1 > remaining) {
                prec = remaining - (MIN_ROOM - 1);
            }
            if (fmt == 'g' && e < prec) {
                fmt = 'f';
                prec -= e + 1;
            }
            if (fmt == 'f') {
                pointCountdown = e;
                numDigits = prec + e + 1;
            } else {
                exponentSign = '+';
            }
            firstPower = e;
        }
        if (prec < 0) {
            prec = 0;
        }
        if (fmt == 'e') {
            numDigits = prec + 1;
        } else if (fmt == 'g') {
            if (prec == 0) {
                prec = 1;
            }
            numDigits = prec;
        }

        // One digit more than shown is computed; it decides the rounding.
        int digit = 0;
        for (int power = firstPower; numDigits >= 0; power--) {
            double unit = power > 0 ? pow10(power) : 1.0;
            for (digit = 0; digit < 9 && f >= unit; digit++) {
                f -= unit;
            }
            if (numDigits > 0) {
                out[len++] = (char) ('0' + digit);
                if (pointCountdown == 0 && prec > 0) {
                    out[len++] = '.';
                }
            }
            pointCountdown--;
            numDigits--;
            if (power <= 0) {
                f *= 10.0;
            }
        }
        if (digit >= 5) {
            int[] state = {len, e, exponentSign};
            roundUp(out, state, fmt, bufferSize);
            len = state[0];
            e = state[1];
            exponentSign = (char) state[2];
        }

        if (requested == 'g' && prec > 0) {
            while (out[len - 1] == '0') {
                len--;
            }
            if (out[len - 1] == '.') {
                len--;
            }
        }
        StringBuilder text = new StringBuilder(len + 6).append(out, 0, len);
        if (exponentSign != 0) {
            text.append(exponentChar).append(exponentSign);
            if (e >= 100) {
                text.append((char) ('0' + e / 100));
            }
            text.append((char) ('0' + e / 10 % 10)).append((char) ('0' + e % 10));
        }
        return text.toString();
    }

    /**
     * Adds one unit in the last shown digit; state is {length, exponent, exponent sign}. When
     * the carry runs off the front, a mantissa {@code 9.99} becomes {@code 1.00} with the
     * exponent moved by one, while other text gains a leading 1 (dropping its last character if
     * the buffer is full).
     */
    private static void roundUp(char[] out, int[] state, char fmt, int bufferSize) {
        int len = state[0];
        int i = len - 1;
        while (true) {
            char c = out[i];
            if (c == '.') {
                i--;
                continue;
            }
            if (c < '0' || c > '9') {
                i++; // the sign: the carry stops on the digit after it
                break;
            }
            if (c < '9') {
                out[i]++;
                break;
            }
            out[i] = '0';
            if (i == 0) {
                break;
            }
            i--;
        }
        if (out[i] != '0') {
            return;
        }
        if (out[i + 1] == '.' && fmt != 'f') {
            // 9.99 became 0.00: write 1.00 in the same length and correct the exponent
            out[i] = '.';
            out[i + 1] = '0';
            if (state[2] == '-') {
                state[1]--;
                if (state[1] == 0) {
                    state[2] = '+';
                }
            } else {
                state[1]++;
            }
        } else if (len + 1 < bufferSize) {
            len++;
        }
        System.arraycopy(out, i, out, i + 1, len - i - 1);
        out[i] = '1';
        state[0] = len;
    }

    /** The unbiased binary exponent field (-1023 for zero and subnormals). */
    private static int binaryExponent(double v) {
        return (int) ((Double.doubleToRawLongBits(v) >>> 52) & 0x7ff) - 1023;
    }

    /** 10^n as MicroPython computes it: the C library's {@code pow(10, n)}. */
    static double pow10(int n) {
        return PowersOfTen.of(n);
    }
}
