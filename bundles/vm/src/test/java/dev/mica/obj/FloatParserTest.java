package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values as MicroPython v1.24's double-precision parser gives them (measured on its unix port). */
class FloatParserTest {
    private static long bits(String text) {
        return Double.doubleToRawLongBits(FloatParser.parseFloat(text));
    }

    @Test
    void plainDecimals() {
        assertEquals(0.1, FloatParser.parseFloat("0.1"));
        assertEquals(0.5, FloatParser.parseFloat(".5"));
        assertEquals(1000.5, FloatParser.parseFloat("1_000.5"));
        assertEquals(-2.5, FloatParser.parseFloat("  -2.5\n"));
        assertEquals(1.0, FloatParser.parseFloat("1e "));
        assertEquals(0.0, FloatParser.parseFloat("."));
    }

    @Test
    void roundingDiffersFromTheNearestDoubleWhereMicroPythonsDoes() {
        assertEquals(0x44b52d02c7e14af7L, bits("1e23")); // the nearest is ...af6
        assertEquals(0x45f8ee90ff6c373dL, bits("123456789012345678901234567890"));
        assertEquals(0x4415af1d78b58c40L, bits("9".repeat(30) + "e-10"));
        assertEquals(0x0031fa182c40c60dL, bits("1.00000000000000000000e-307"));
        assertEquals(0x000fffffffffffffL, bits("2.2250738585072014e-308"));
        assertEquals(1L, bits("4.9e-324"));
    }

    @Test
    void outOfRangeAndSpecialValues() {
        assertEquals(0.0, FloatParser.parseFloat("1e-400"));
        assertEquals(Double.POSITIVE_INFINITY, FloatParser.parseFloat("1e400"));
        assertTrue(Double.isNaN(FloatParser.parseFloat("0e999"))); // zero times infinity
        assertEquals(Double.NEGATIVE_INFINITY, FloatParser.parseFloat("  -inf  "));
        assertEquals(Double.POSITIVE_INFINITY, FloatParser.parseFloat("Infinity"));
        assertTrue(Double.isNaN(FloatParser.parseFloat(" NaN")));
    }

    @Test
    void malformedTextIsAValueError() {
        for (String text : new String[] {"1e", "1e+", "", "-", "abc", "1.5j", "in", "infin", "1.2.3", "1e5e5", "0x10"}) {
            PyException e = assertThrows(PyException.class, () -> FloatParser.parseFloat(text), text);
            assertEquals("invalid syntax for number", Ops.str(e.value().args()[0]), text);
        }
    }

    @Test
    void literalTextMustBeOneUnsignedNumber() {
        assertEquals(2.5e10, FloatParser.parseDecimal("2.5e10"));
        assertThrows(NumberFormatException.class, () -> FloatParser.parseDecimal("2.5x"));
        assertThrows(NumberFormatException.class, () -> FloatParser.parseDecimal(""));
        assertThrows(NumberFormatException.class, () -> FloatParser.parseDecimal("1e"));
    }
}
