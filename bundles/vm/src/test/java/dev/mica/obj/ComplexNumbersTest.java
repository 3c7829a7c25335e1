package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComplexNumbersTest {
    private static PyComplex z(double re, double im) {
        return new PyComplex(re, im);
    }

    private static PyObject complexOf(PyObject... args) {
        return PyComplex.TYPE.call(args, null);
    }

    private static String error(Runnable action) {
        return assertThrows(PyException.class, action::run).getMessage();
    }

    @Test
    void printsLikeMicroPython() {
        assertEquals("1j", z(0, 1).repr());
        assertEquals("-0j", z(0, -0.0).repr());
        assertEquals("(1+2j)", z(1, 2).repr());
        assertEquals("(1.5+0j)", z(1.5, 0).repr());
        assertEquals("(-1.5+-0j)", z(-1.5, -0.0).repr());
        assertEquals("(3-4j)", z(3, -4).repr());
        assertEquals("(nan+nanj)", z(Double.NaN, Double.NaN).repr());
        assertEquals("(1e-05+1e+20j)", z(1e-5, 1e20).repr());
        assertEquals("(0.1+0.2j)", z(0.1, 0.2).str());
    }

    @Test
    void parsesText() {
        assertEquals("1j", complexOf(PyStr.of("j")).repr());
        assertEquals("(1+1j)", complexOf(PyStr.of(" +1+J ")).repr());
        assertEquals("(-1-2j)", complexOf(PyStr.of("-1-2j")).repr());
        assertEquals("1500j", complexOf(PyStr.of("1.5e3j")).repr());
        assertEquals("(inf+0j)", complexOf(PyStr.of("inf")).repr());
        assertEquals("-infj", complexOf(PyStr.of("-infinityj")).repr());
        for (String bad : new String[] {"", "1+2", "1j+2", "1 + 2j", "1+2j+3", "1e", "x"}) {
            assertEquals("ValueError: invalid syntax for number", error(() -> complexOf(PyStr.of(bad))), bad);
        }
    }

    @Test
    void constructsFromNumbers() {
        assertEquals("0j", complexOf().repr());
        assertEquals("(2+0j)", complexOf(PyInt.of(2)).repr());
        assertEquals("(-2+1j)", complexOf(z(0, 1), z(0, 2)).repr());
        assertEquals("TypeError: can't convert list to complex", error(() -> complexOf(new PyList())));
        assertEquals("TypeError: can't convert str to float", error(() -> complexOf(PyInt.of(1), PyStr.of("x"))));
    }

    @Test
    void mixesWithIntsAndFloatsOnEitherSide() {
        assertEquals("(4+4j)", Ops.binary(Ops.ADD, PyInt.of(1), z(3, 4)).repr());
        assertEquals("(-0.5-4j)", Ops.binary(Ops.SUBTRACT, new PyFloat(2.5), z(3, 4)).repr());
        assertEquals("(-7+24j)", Ops.binary(Ops.MULTIPLY, z(3, 4), z(3, 4)).repr());
        assertEquals("(-1+2j)", Ops.binary(Ops.TRUE_DIVIDE, z(3, 4), z(1, -2)).repr());
        assertEquals("-2j", Ops.binary(Ops.TRUE_DIVIDE, PyInt.of(2), z(0, 1)).repr());
        assertEquals("(1+0j)", Ops.binary(Ops.POWER, z(0, 0), PyInt.of(0)).repr());
        PyComplex root = (PyComplex) Ops.binary(Ops.POWER, PyInt.of(-8), new PyFloat(1.0 / 3));
        assertEquals(1.0, root.real, 1e-12);
        assertEquals(Math.sqrt(3), root.imag, 1e-12);
        assertEquals(new PyFloat(5.0).repr(), z(3, -4).abs().repr());
    }

    @Test
    void comparesForEqualityOnly() {
        assertTrue(Ops.eq(PyInt.of(1), z(1, 0)));
        assertTrue(Ops.eq(z(1, 0), new PyFloat(1)));
        assertFalse(Ops.eq(z(0, 1), PyInt.of(1)));
        PyComplex nan = z(Double.NaN, 0);
        assertFalse(Ops.eq(nan, nan));
        assertEquals(PyInt.of(1).pyHash(), z(1, 0).pyHash());
        assertEquals("TypeError: unsupported types for __lt__: 'complex', 'complex'",
            error(() -> Ops.binary(Ops.LESS, z(0, 1), z(0, 2))));
        assertEquals("TypeError: unsupported types for __or__: 'int', 'complex'",
            error(() -> Ops.binary(Ops.OR, PyInt.of(1), z(0, 1))));
    }

    @Test
    void reportsMicroPythonErrors() {
        assertEquals("ZeroDivisionError: complex divide by zero", error(() -> Ops.binary(Ops.TRUE_DIVIDE, z(0, 1), PyInt.of(0))));
        assertEquals("ZeroDivisionError: 0.0 to a complex power", error(() -> Ops.binary(Ops.POWER, z(0, 0), z(0, 1))));
        assertEquals("TypeError: can't truncate-divide a complex number", error(() -> Ops.binary(Ops.FLOOR_DIVIDE, z(0, 1), PyInt.of(2))));
        assertEquals("TypeError: unsupported type for __invert__: 'complex'", error(() -> Ops.unary(Ops.INVERT, z(0, 1))));
        assertNull(z(0, 1).binaryOp(Ops.ADD, new PyList()));
    }

    @Test
    void exposesRealAndImagAsFloats() {
        assertInstanceOf(PyFloat.class, Ops.getAttr(z(3, 4), "real"));
        assertEquals("4.0", Ops.getAttr(z(3, 4), "imag").repr());
        assertEquals("AttributeError: 'complex' object has no attribute 'conjugate'", error(() -> Ops.getAttr(z(3, 4), "conjugate")));
    }

    @Test
    void floatFloorDivisionKeepsTheSignOfZero() {
        assertEquals("-0.0", Ops.binary(Ops.MODULO, new PyFloat(1), new PyFloat(-1)).repr());
        assertEquals("-6.0", Ops.binary(Ops.FLOOR_DIVIDE, new PyFloat(-12.5 / 6), new PyFloat(2.5 / 6)).repr());
        assertEquals("-0.0", Ops.binary(Ops.FLOOR_DIVIDE, new PyFloat(0), new PyFloat(-2)).repr());
        assertEquals("1.0", Ops.binary(Ops.POWER, new PyFloat(-1), new PyFloat(Double.POSITIVE_INFINITY)).repr());
        assertEquals("1.0", Ops.binary(Ops.POWER, new PyFloat(1), new PyFloat(Double.NaN)).repr());
    }
}
