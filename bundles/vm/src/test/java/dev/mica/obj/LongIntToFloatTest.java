package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Long ints become floats as on MicroPython's unix port (16-bit digits, each step rounded). */
class LongIntToFloatTest {
    private static long bits(String decimal) {
        return Double.doubleToRawLongBits(PyInt.toDouble(new BigInteger(decimal)));
    }

    @Test
    void roundingStepByStepCanEndBelowTheNearestDouble() {
        // the nearest doubles end in ...aeb and ...fa1
        assertEquals(0x4454313ec85d9aeaL, bits("1489933501339848605582"));
        assertEquals(0x445b97a5dfb5ffa0L, bits("2035957904135252219451"));
        assertEquals(0xc454313ec85d9aeaL, bits("-1489933501339848605582"));
    }

    @Test
    void exactValuesAndOverflow() {
        assertEquals(0x1p80, PyInt.toDouble(BigInteger.ONE.shiftLeft(80)));
        assertEquals(-0x1p70 + 1, PyInt.toDouble(BigInteger.ONE.shiftLeft(70).negate().add(BigInteger.ONE)));
        assertEquals(Double.POSITIVE_INFINITY, PyInt.toDouble(BigInteger.ONE.shiftLeft(2000)));
    }

    @Test
    void trueDivisionOfLongIntsDividesTheirFloats() {
        PyObject quotient = PyInt.of(BigInteger.ONE.shiftLeft(2000)).binaryOp(Ops.TRUE_DIVIDE, PyInt.of(BigInteger.ONE.shiftLeft(1990)));
        assertTrue(Double.isNaN(((PyFloat) quotient).value)); // inf / inf, as MicroPython
    }
}
