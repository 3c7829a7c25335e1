package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Digits as MicroPython v1.24's double-precision formatter gives them (measured on its unix port). */
class FloatFormatTest {
    private static double bits(long b) {
        return Double.longBitsToDouble(b);
    }

    @Test
    void reprUsesSixteenDigitsTrimmedAndMarksWholeNumbers() {
        assertEquals("0.1", FloatFormat.repr(0.1));
        assertEquals("0.3333333333333333", FloatFormat.repr(1.0 / 3));
        assertEquals("1.414213562373095", FloatFormat.repr(Math.sqrt(2)));
        assertEquals("123456789.0", FloatFormat.repr(123456789.0));
        assertEquals("100.0", FloatFormat.repr(100.0));
        assertEquals("1e+16", FloatFormat.repr(1e16));
        assertEquals("0.0001", FloatFormat.repr(0.0001));
        assertEquals("1.234e-05", FloatFormat.repr(0.00001234));
        assertEquals("-0.0", FloatFormat.repr(-0.0));
        assertEquals("inf", FloatFormat.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", FloatFormat.repr(Double.NEGATIVE_INFINITY));
        assertEquals("nan", FloatFormat.repr(Double.NaN));
    }

    @Test
    void reprKeepsMicroPythonsOwnLastDigits() {
        // the double nearest 1e23 and the one above it both print as 1e+23
        assertEquals("1e+23", FloatFormat.repr(bits(0x44b52d02c7e14af6L)));
        assertEquals("1e+23", FloatFormat.repr(bits(0x44b52d02c7e14af7L)));
        assertEquals("1.797693134862316e+308", FloatFormat.repr(Double.MAX_VALUE));
        assertEquals("1e-323", FloatFormat.repr(Double.MIN_VALUE));
    }

    @Test
    void fixedNotationRoundsHalfUpOnTheExtraDigit() {
        assertEquals("1", FloatFormat.format(0.5, 'f', 0, (char) 0));
        assertEquals("2", FloatFormat.format(1.5, 'f', 0, (char) 0));
        assertEquals("3", FloatFormat.format(2.5, 'f', 0, (char) 0));
        assertEquals("0.1000000000000000000000000", FloatFormat.format(0.1, 'f', 25, (char) 0));
        assertEquals(" 3.14", FloatFormat.format(3.14159, 'f', 2, ' '));
        assertEquals("+0.000000", FloatFormat.format(0.0, 'f', -1, '+'));
    }

    @Test
    void theBufferTrimsPrecisionAndTurnsHugeFixedIntoExponent() {
        assertEquals("1.000e+40", FloatFormat.format(1e40, 'f', 3, (char) 0));
        assertEquals("1.500000000000000000000000e+00", FloatFormat.format(1.5, 'e', 30, (char) 0));
        assertEquals("0.1", FloatFormat.format(0.1, 'g', 40, (char) 0));
    }

    @Test
    void carriesThatRunOffTheFront() {
        assertEquals("10e+00", FloatFormat.format(9.6, 'e', 0, (char) 0));
        assertEquals("-10", FloatFormat.format(-9.9, 'g', 1, (char) 0));
        assertEquals("100", FloatFormat.format(99.9, 'g', 2, (char) 0));
        assertEquals("1e+11", FloatFormat.format(9.6e10, 'g', 1, (char) 0));
    }

    @Test
    void exponentAndGeneralNotations() {
        assertEquals("+1.235e+04", FloatFormat.format(12345.678, 'e', 3, '+'));
        assertEquals("0.000000e+00", FloatFormat.format(0.0, 'e', -1, (char) 0));
        assertEquals("1E-30", FloatFormat.format(1e-30, 'G', -1, (char) 0));
        assertEquals("-INF", FloatFormat.format(Double.NEGATIVE_INFINITY, 'E', -1, (char) 0));
        assertEquals("100000", FloatFormat.format(100000.0, 'g', -1, (char) 0));
        assertEquals("1e+06", FloatFormat.format(1000000.0, 'g', -1, (char) 0));
        assertEquals("0.000123", FloatFormat.format(0.0001234, 'g', 3, (char) 0));
        assertEquals("1e-05", FloatFormat.format(1e-5, 'g', -1, (char) 0));
    }

    @Test
    void stringFormattingGoesThroughTheSameDigits() {
        assertEquals("25.000%", StrFormat.formatValue(new PyFloat(0.25), ".3%"));
        assertEquals("1.000000e+42%", StrFormat.formatValue(new PyFloat(1e40), "%"));
        assertEquals("-000003.14", StrFormat.formatValue(new PyFloat(-3.14159), "010.2f"));
        assertEquals("3", StrFormat.formatValue(new PyFloat(2.5), ".0"));
    }

    @Test
    void explicitAlignmentKeepsZeroFillBeforeTheSign() {
        assertEquals("00000000-2.675", StrFormat.formatValue(new PyFloat(-2.675), "0>#14g"));
        assertEquals("-000000002.675", StrFormat.formatValue(new PyFloat(-2.675), "014g"));
        assertEquals("000+3", StrFormat.formatValue(PyInt.of(3), "0>+5d"));
        assertEquals("-00003", StrFormat.formatValue(PyInt.of(-3), "+06"));
    }
}
