package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class ObjectModelTest {
    private static PyObject call(PyObject self, String method, PyObject... args) {
        return Ops.getAttr(self, method).call(args, null);
    }

    private static PyStr s(String v) {
        return PyStr.of(v);
    }

    @Test
    void intsOverflowIntoBigIntegersAndBack() {
        PyObject big = Ops.binary(Ops.ADD, PyInt.of(Long.MAX_VALUE), PyInt.of(1));
        assertEquals("9223372036854775808", big.repr());
        assertTrue(((PyInt) big).isBig());
        PyObject back = Ops.binary(Ops.SUBTRACT, big, PyInt.of(1));
        assertFalse(((PyInt) back).isBig());
        assertEquals(PyInt.of(Long.MAX_VALUE), back);
        assertEquals("1267650600228229401496703205376", Ops.binary(Ops.POWER, PyInt.of(2), PyInt.of(100)).repr());
        assertEquals(PyInt.of(new BigInteger("-9223372036854775808")), Ops.binary(Ops.MULTIPLY, PyInt.of(-1L << 31), PyInt.of(1L << 32)));
        assertSame(PyInt.of(7), PyInt.of(7));
    }

    @Test
    void integerDivisionFloorsAndZeroRaises() {
        assertEquals(PyInt.of(-4), Ops.binary(Ops.FLOOR_DIVIDE, PyInt.of(7), PyInt.of(-2)));
        assertEquals(PyInt.of(2), Ops.binary(Ops.MODULO, PyInt.of(-7), PyInt.of(3)));
        PyException e = assertThrows(PyException.class, () -> Ops.binary(Ops.MODULO, PyInt.of(1), PyInt.of(0)));
        assertEquals("ZeroDivisionError: divide by zero", e.getMessage());
    }

    @Test
    void floatsPrintLikeMicroPython() {
        assertEquals("0.3", new PyFloat(0.1 + 0.2).repr());
        assertEquals("1e+20", new PyFloat(1e20).repr());
        assertEquals("1.5e-07", new PyFloat(1.5e-7).repr());
        assertEquals("2.0", new PyFloat(2).repr());
        assertEquals("1000000000000000.0", new PyFloat(1e15).repr());
        assertEquals("1e+16", new PyFloat(1e16).repr());
        assertEquals("1.414213562373095", new PyFloat(Math.sqrt(2)).repr());
        assertEquals("inf", new PyFloat(Double.POSITIVE_INFINITY).repr());
    }

    @Test
    void unsupportedOperandsNameTheMethod() {
        PyException e = assertThrows(PyException.class, () -> Ops.binary(Ops.ADD, PyInt.of(1), s("a")));
        assertEquals("TypeError: unsupported types for __add__: 'int', 'str'", e.getMessage());
        PyException n = assertThrows(PyException.class, () -> Ops.unary(Ops.NEGATIVE, s("a")));
        assertEquals("TypeError: unsupported type for __neg__: 'str'", n.getMessage());
    }

    @Test
    void stringsIndexByCodePoint() {
        PyStr t = s("a\uD83D\uDE00b");
        assertEquals(3, t.len());
        assertEquals("b", t.getItem(PyInt.of(2)).str());
        assertEquals("\uD83D\uDE00", t.getItem(PyInt.of(-2)).str());
        assertEquals(PyInt.of(2), call(t, "find", s("b")));
    }

    @Test
    void stringMethods() {
        assertEquals("['a', 'b', 'c']", call(s(" a b  c "), "split").repr());
        assertEquals("['a', 'b,c']", call(s("a,b,c"), "split", s(","), PyInt.of(1)).repr());
        assertEquals("a-b", call(s("-"), "join", PyList.of(s("a"), s("b"))).str());
        assertEquals("xyx", call(s("  xyx\n"), "strip").str());
        assertEquals("1 + 2 = 3", call(s("{} + {} = {}"), "format", PyInt.of(1), PyInt.of(2), PyInt.of(3)).str());
        assertEquals("  3.14|ab   |007", call(s("{:6.2f}|{:<5}|{:03d}"), "format", new PyFloat(3.14159), s("ab"), PyInt.of(7)).str());
        assertEquals("x=5 'q' 0x1f   2.50", Ops.binary(Ops.MODULO, s("x=%d %r %#x %6.2f"),
                new PyTuple(PyInt.of(5), s("q"), PyInt.of(31), new PyFloat(2.5))).str());
        assertEquals("\"it's\"", PyStr.quote("it's"));
        assertEquals("'a\\'b\"c'", PyStr.quote("a'b\"c"));
    }

    @Test
    void listsAndTuples() {
        PyList l = PyList.of(PyInt.of(3), PyInt.of(1), PyInt.of(2));
        call(l, "sort");
        assertEquals("[1, 2, 3]", l.repr());
        call(l, "append", PyInt.of(4));
        assertEquals("[2, 3]", l.getItem(new PySlice(PyInt.of(1), PyInt.of(-1), PyNone.NONE)).repr());
        assertEquals("[4, 3, 2, 1]", l.getItem(new PySlice(PyNone.NONE, PyNone.NONE, PyInt.of(-1))).repr());
        assertEquals("(1,)", new PyTuple(PyInt.of(1)).repr());
        PyException e = assertThrows(PyException.class, () -> l.getItem(PyInt.of(10)));
        assertEquals("IndexError: list index out of range", e.getMessage());
    }

    @Test
    void dictsKeepInsertionOrderAndHashAcrossNumericTypes() {
        PyDict d = new PyDict();
        d.setItem(s("b"), PyInt.of(1));
        d.setItem(s("a"), PyInt.of(2));
        d.setItem(PyInt.of(1), s("one"));
        assertEquals("{'b': 1, 'a': 2, 1: 'one'}", d.repr());
        assertEquals("one", d.getItem(new PyFloat(1.0)).str());
        PyException e = assertThrows(PyException.class, () -> d.getItem(s("zz")));
        assertEquals("KeyError: zz", e.getMessage());
        assertThrows(PyException.class, () -> d.setItem(new PyList(), PyNone.NONE));
    }

    @Test
    void exceptionsFollowTheHierarchy() {
        assertTrue(PyBaseException.KEY_ERROR.isSubclassOf(PyBaseException.LOOKUP_ERROR));
        assertTrue(PyBaseException.ZERO_DIVISION_ERROR.isSubclassOf(PyBaseException.EXCEPTION));
        assertFalse(PyBaseException.KEYBOARD_INTERRUPT.isSubclassOf(PyBaseException.EXCEPTION));
        PyObject e = PyBaseException.VALUE_ERROR.call(new PyObject[] {s("a")}, null);
        assertEquals("ValueError('a',)", e.repr());
        assertEquals("a", e.str());
    }

    @Test
    void userClassesResolveMethodsAlongTheMro() {
        PyType base = PyType.userClass("Base", new PyType[0], new java.util.LinkedHashMap<>());
        base.setAttr("greet", new PyBuiltinFunction("greet", 1, 1, false, (a, kw) -> s("base")).asMethod());
        PyType left = PyType.userClass("Left", new PyType[] {base}, new java.util.LinkedHashMap<>());
        PyType right = PyType.userClass("Right", new PyType[] {base}, new java.util.LinkedHashMap<>());
        right.setAttr("greet", new PyBuiltinFunction("greet", 1, 1, false, (a, kw) -> s("right")).asMethod());
        PyType both = PyType.userClass("Both", new PyType[] {left, right}, new java.util.LinkedHashMap<>());
        PyObject obj = both.call(Py.NO_ARGS, null);
        assertEquals("right", call(obj, "greet").str());
        assertEquals("(<class 'Both'>, <class 'Left'>, <class 'Right'>, <class 'Base'>, <class 'object'>)",
                Ops.getAttr(both, "__mro__").repr());
    }
}
