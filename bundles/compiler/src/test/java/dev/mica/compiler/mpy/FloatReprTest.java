package dev.mica.compiler.mpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are what MicroPython v1.24.1 (double precision) prints for the same doubles. */
class FloatReprTest {
    private static void assertRepr(String expected, double value) {
        assertEquals(expected, FloatRepr.of(value), () -> "repr of " + Double.toString(value));
    }

    @Test
    void shortDecimalsReadBack() {
        assertRepr("0.1", 0.1);
        assertRepr("0.3", 0.3);
        assertRepr("1.1", 1.1);
        assertRepr("12345.678", 12345.678);
        assertRepr("0.3333333333333333", 1.0 / 3);
        assertRepr("0.6666666666666666", 2.0 / 3);
        assertRepr("2.718281828459045", 2.718281828459045);
    }

    @Test
    void integralValuesShowThePoint() {
        assertRepr("100.0", 100.0);
        assertRepr("0.0", 0.0);
        assertRepr("-0.0", -0.0);
        assertRepr("9007199254740992.0", 9007199254740992.0);
        assertRepr("1000000000000000.0", 1e15);
    }

    @Test
    void sixteenDigitsRoundedFromTheDigitsMicroPythonComputes() {
        // not Java's shortest text nor C's %.16g: the 17th digit comes from repeated subtraction
        assertRepr("1234567890123457.0", 1234567890123456.7);
        assertRepr("1.234567890123457e+17", 123456789012345678.0);
        assertRepr("1.797693134862316e+308", Double.MAX_VALUE);
        assertRepr("2.500000000000025e-310", 2.5e-310);
        assertRepr("1e-323", Double.MIN_VALUE);
    }

    @Test
    void carryIntoANewLeadingDigit() {
        assertRepr("1.0", 0.99999999999999999);
        assertRepr("10.0", 9.9999999999999995);
        assertRepr("1e+23", 9.999999999999999e22);
    }

    @Test
    void exponentForms() {
        assertRepr("1e+16", 1e16);
        assertRepr("1e+22", 1e22);
        assertRepr("1e+23", 1e23);
        assertRepr("1e+100", 1e100);
        assertRepr("1e-05", 1e-5);
        assertRepr("1e-07", 1e-7);
        assertRepr("1e-300", 1e-300);
        assertRepr("0.0001", 1e-4);
        assertRepr("0.00012345", 0.00012345);
    }

    @Test
    void specialValues() {
        assertRepr("inf", Double.POSITIVE_INFINITY);
        assertRepr("-inf", Double.NEGATIVE_INFINITY);
        assertRepr("nan", Double.NaN);
    }

    @Test
    void complexNumbers() {
        assertEquals("(1+2j)", FloatRepr.ofComplex(1, 2));
        assertEquals("2j", FloatRepr.ofComplex(0, 2));
        assertEquals("1j", FloatRepr.ofComplex(-0.0, 1));
        // the sign test is "imag >= 0", which -0.0 passes, and then -0.0 prints its own sign
        assertEquals("(1.5+-0j)", FloatRepr.ofComplex(1.5, -0.0));
        assertEquals("-0j", FloatRepr.ofComplex(-0.0, -0.0));
        assertEquals("(1+nanj)", FloatRepr.ofComplex(1, Double.NaN));
        assertEquals("1e+23j", FloatRepr.ofComplex(0, 1e23));
        assertEquals("(-2.5-1j)", FloatRepr.ofComplex(-2.5, -1));
    }
}
