package dev.mica.obj;

/**
 * Decimal text to float exactly as MicroPython v1.24 (double precision) reads it, for literals,
 * {@code float(str)}, {@code complex(str)} and the float constants of {@code .mpy} files.
 *
 * <p>MicroPython does not round correctly: it accumulates up to about 200 significant digits in
 * a double (ten times the value plus the digit, each step rounded), counts the dropped digits
 * into the exponent and finally scales by {@code pow(10, exponent)}, dividing for small negative
 * exponents (whose powers of ten are exact) and multiplying otherwise, after a first scaling by
 * 1e-307 for exponents that would leave the normal range. Some values therefore end one unit in
 * the last place away from the nearest double, and {@code 0e999} is nan (zero times infinity).
 */
public final class FloatParser {
    /** Above this the accumulated value takes no more digits (they only move the exponent). */
    private static final double ACCUMULATE_MAX = 1e200;
    /** The exponent of the smallest normal power of ten, and that power. */
    private static final int SMALL_NORMAL_EXPONENT = -307;
    private static final double SMALL_NORMAL = 1e-307;
    /** The largest n for which 10^n is exact in a double. */
    private static final int EXACT_POWER_MAX = 22;
    /** Exponent digits stop accumulating here, where the result is anyway 0 or infinity. */
    private static final int EXPONENT_LIMIT = (Integer.MAX_VALUE / 2 - 9) / 10;

    private FloatParser() {}

    /**
     * {@code float(text)}: optional ASCII spaces, an optional sign, then inf, infinity, nan
     * (any case) or a decimal number (underscores ignored), optional spaces.
     *
     * @throws PyException ValueError "invalid syntax for number" for anything else
     */
    public static double parseFloat(CharSequence text) {
        int n = text.length();
        int pos = skipSpaces(text, 0);
        boolean negative = false;
        if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            negative = text.charAt(pos) == '-';
            pos++;
        }
        int start = pos;
        double value;
        if (matches(text, pos, "inf")) {
            pos += 3;
            if (matches(text, pos, "inity")) {
                pos += 5;
            }
            value = Double.POSITIVE_INFINITY;
        } else if (matches(text, pos, "nan")) {
            pos += 3;
            value = Double.NaN;
        } else {
            int[] end = new int[1];
            value = readDecimal(text, pos, end);
            if (end[0] < 0) {
                throw invalid();
            }
            pos = end[0];
        }
        if (pos == start) {
            throw invalid();
        }
        if (skipSpaces(text, pos) != n) {
            throw invalid();
        }
        return negative ? -value : value;
    }

    /**
     * The value of an unsigned decimal number that makes up all of {@code text} (digits, an
     * optional point and fraction, an optional exponent; underscores ignored), as the compiler
     * needs for a float literal.
     *
     * @throws NumberFormatException when the text is not such a number
     */
    public static double parseDecimal(CharSequence text) {
        int[] end = new int[1];
        double value = readDecimal(text, 0, end);
        if (end[0] != text.length() || text.length() == 0) {
            throw new NumberFormatException(text.toString());
        }
        return value;
    }

    /**
     * Reads the decimal number that starts at {@code pos} and stops before the first character
     * that cannot continue it; stores that position in {@code end[0]}, or -1 when the text ends
     * just after an exponent mark (and its sign), which MicroPython rejects.
     */
    static double readDecimal(CharSequence text, int pos, int[] end) {
        int n = text.length();
        final int integerPart = 0;
        final int fractionPart = 1;
        final int exponentPart = 2;
        int part = integerPart;
        double value = 0;
        boolean exponentNegative = false;
        int exponent = 0;
        int exponentExtra = 0; // digits dropped from the integer part, minus fraction digits taken
        // zeros are held back until a non-zero digit follows, so that trailing ones cost nothing
        int pendingIntegerZeros = 0;
        int pendingFractionZeros = 0;
        while (pos < n) {
            char c = text.charAt(pos++);
            if (c >= '0' && c <= '9') {
                int digit = c - '0';
                if (part == exponentPart) {
                    if (exponent < EXPONENT_LIMIT) {
                        exponent = 10 * exponent + digit;
                    }
                } else if (digit == 0 || value >= ACCUMULATE_MAX) {
                    if (part == integerPart) {
                        pendingIntegerZeros++;
                    } else {
                        pendingFractionZeros++;
                    }
                } else {
                    for (; pendingIntegerZeros > 0; pendingIntegerZeros--) {
                        exponentExtra += exponentShift(value, true);
                        value = accumulate(value, 0);
                    }
                    for (; pendingFractionZeros > 0; pendingFractionZeros--) {
                        exponentExtra += exponentShift(value, false);
                        value = accumulate(value, 0);
                    }
                    exponentExtra += exponentShift(value, part == integerPart);
                    value = accumulate(value, digit);
                }
            } else if (part == integerPart && c == '.') {
                part = fractionPart;
            } else if (part != exponentPart && (c | 0x20) == 'e') {
                part = exponentPart;
                if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    exponentNegative = text.charAt(pos) == '-';
                    pos++;
                }
                if (pos == n) {
                    end[0] = -1;
                    return Double.NaN;
                }
            } else if (c != '_') {
                pos--;
                break;
            }
        }
        end[0] = pos;
        if (exponentNegative) {
            exponent = -exponent;
        }
        exponent += exponentExtra + pendingIntegerZeros;
        if (exponent < SMALL_NORMAL_EXPONENT) {
            exponent -= SMALL_NORMAL_EXPONENT;
            value *= SMALL_NORMAL;
        }
        if (exponent < 0 && exponent >= -EXACT_POWER_MAX) {
            value /= PowersOfTen.of(-exponent);
        } else {
            value *= PowersOfTen.of(exponent);
        }
        return value;
    }

    /** The value after taking one more digit, while there is room for it. */
    private static double accumulate(double value, int digit) {
        return value < ACCUMULATE_MAX ? 10 * value + digit : value;
    }

    /**
     * How taking one more digit moves the exponent: a fraction digit that is kept lowers it,
     * an integer digit that is dropped raises it.
     */
    private static int exponentShift(double valueBefore, boolean integer) {
        if (valueBefore < ACCUMULATE_MAX) {
            return integer ? 0 : -1;
        }
        return integer ? 1 : 0;
    }

    private static boolean matches(CharSequence text, int pos, String word) {
        if (pos + word.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((text.charAt(pos + i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips the spaces MicroPython's parser skips (ASCII space, \t, \n, \v, \f, \r). */
    private static int skipSpaces(CharSequence text, int pos) {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static PyException invalid() {
        return Py.valueError("invalid syntax for number");
    }
}
