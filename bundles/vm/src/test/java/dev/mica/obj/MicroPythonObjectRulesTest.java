package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Object-model behaviour that has to match MicroPython exactly: parsing, bytes, hashes, order, formatting. */
class MicroPythonObjectRulesTest {
    /** hash('a') and hash('hello') as MicroPython v1.24.1's unix port prints them. */
    private static final long HASH_OF_A = 46532;
    private static final long HASH_OF_HELLO = 60903;

    private static PyInt parse(String text, int base) {
        return IntParser.parse(text.getBytes(StandardCharsets.UTF_8), base);
    }

    private static String message(Runnable r) {
        return assertThrows(PyException.class, r::run).getMessage();
    }

    private static PyObject call(PyObject self, String method, PyObject... args) {
        return Ops.getAttr(self, method).call(args, null);
    }

    @Test
    void intTextFollowsMicroPythonsPrefixAndUnderscoreRules() {
        assertEquals(PyInt.of(31), parse("0x1f", 0));
        assertEquals(PyInt.of(31), parse("0x_1f", 16));
        assertEquals(PyInt.of(123), parse("0123", 0));
        assertEquals(PyInt.of(0), parse("_", 10));
        assertEquals(PyInt.of(12), parse(" \t 12  ", 10));
        assertEquals("ValueError: invalid syntax for integer with base 16: ''", message(() -> parse("0x", 16)));
        assertEquals("ValueError: invalid syntax for integer with base 8: '8'", message(() -> parse("0o8", 8)));
        // the long-int path starts over and does not accept underscores
        assertEquals("ValueError: invalid syntax for integer with base 10: '99999999999999999999_9'",
                message(() -> parse("99999999999999999999_9", 10)));
        assertEquals("ValueError: int() arg 2 must be >= 2 and <= 36", message(() -> parse("1", 37)));
    }

    @Test
    void intConstructorReadsTextInBaseZero() {
        assertEquals(PyInt.of(0x80000000L), PyInt.TYPE.call(new PyObject[] {PyStr.of("0x80000000")}, null));
        assertEquals(PyInt.of(12), PyInt.TYPE.call(new PyObject[] {new PyBytes("12".getBytes(StandardCharsets.US_ASCII))}, null));
        assertEquals("TypeError: can't convert 'int' object to str implicitly",
                message(() -> PyInt.TYPE.call(new PyObject[] {PyInt.of(1), PyInt.of(2)}, null)));
    }

    @Test
    void toBytesChecksRoomAsMicroPythonDoes() {
        PyObject b = call(PyInt.of(-128), "to_bytes", PyInt.of(1), PyStr.of("big"));
        assertEquals("b'\\x80'", b.repr());
        assertEquals("OverflowError: buffer too small", message(() -> call(PyInt.of(-129), "to_bytes", PyInt.of(1), PyStr.of("big"))));
        PyObject minus2to64 = Ops.unary(Ops.NEGATIVE, Ops.binary(Ops.POWER, PyInt.of(2), PyInt.of(64)));
        // a long int is laid out in whole 16-bit digits: 2**64 needs five of them
        assertEquals("OverflowError: buffer too small", message(() -> call(minus2to64, "to_bytes", PyInt.of(9), PyStr.of("big"))));
        assertEquals("b'\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'", call(minus2to64, "to_bytes", PyInt.of(10), PyStr.of("big")).repr());
        PyObject fromLittle = call(PyInt.TYPE, "from_bytes", new PyBytes(new byte[] {1, 2}), PyStr.of("little"));
        assertEquals(PyInt.of(513), fromLittle);
    }

    @Test
    void hashesAreMicroPythons() {
        assertEquals(HASH_OF_A, PyStr.of("a").pyHash());
        assertEquals(HASH_OF_HELLO, PyStr.of("hello").pyHash());
        assertEquals(328, PyStr.of("héllo").pyHash());
        assertEquals(djb2("héllo"), PyStr.of("héllo").pyHash());
        assertEquals(3, PyFloat.hashOf(3.9));
        assertEquals(0, PyFloat.hashOf(Double.NaN));
        PyObject big = Ops.binary(Ops.LSHIFT, PyInt.of(1), PyInt.of(66));
        assertEquals(0, big.pyHash());
        PyObject odd = Ops.binary(Ops.OR, Ops.binary(Ops.LSHIFT, PyInt.of(1), PyInt.of(70)), PyInt.of(5));
        assertEquals(5, odd.pyHash());
    }

    private static long djb2(String s) {
        long h = 5381;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h * 33) ^ (b & 0xff);
        }
        h &= 0xffff;
        return h == 0 ? 1 : h;
    }

    @Test
    void setsIterateInMicroPythonsTableOrder() {
        PySet display = new PySet(3);
        display.add(PyInt.of(3));
        display.add(PyInt.of(1));
        display.add(PyInt.of(2));
        assertEquals("{3, 1, 2}", display.repr());
        PySet grown = new PySet();
        for (int v : new int[] {3, 1, 2}) {
            grown.add(PyInt.of(v));
        }
        // grown from empty through table sizes 2 and 4
        assertEquals("{1, 2, 3}", grown.repr());
        call(grown, "discard", PyInt.of(2));
        call(grown, "add", PyInt.of(6));
        assertEquals("{1, 6, 3}", grown.repr());
        assertEquals(PyInt.of(1), call(grown, "pop"));
        assertEquals(2, grown.len());
    }

    @Test
    void formatSpecifiersFollowMicroPython() {
        PyObject fmt = PyStr.TYPE.lookup("format");
        assertEquals(PyStr.of("ab0000"), fmt.call(new PyObject[] {PyStr.of("{:06s}"), PyStr.of("ab")}, null));
        assertEquals(PyStr.of("   1.23457"), fmt.call(new PyObject[] {PyStr.of("{:10}"), new PyFloat(1.23456789)}, null));
        assertEquals(PyStr.of("12d,687"), fmt.call(new PyObject[] {PyStr.of("{:,x}"), PyInt.of(1234567)}, null));
        assertEquals("ValueError: can't switch from automatic field numbering to manual field specification",
                message(() -> fmt.call(new PyObject[] {PyStr.of("{}{0}"), PyInt.of(1), PyInt.of(2)}, null)));
        assertEquals("ValueError: '=' alignment not allowed in string format specifier",
                message(() -> fmt.call(new PyObject[] {PyStr.of("{:=5}"), PyStr.of("s")}, null)));
        assertEquals("TypeError: can't convert 'NoneType' object to str implicitly",
                message(() -> fmt.call(new PyObject[] {PyStr.of("{:5}"), PyNone.NONE}, null)));
    }

    @Test
    void percentFormattingUsesTheDictAsTheSingleArgument() {
        PyDict d = new PyDict();
        d.putStr("a", PyInt.of(1));
        assertEquals("TypeError: format string needs more arguments", message(() -> StrFormat.percent("%(a)s %s", d)));
        assertEquals("{'a': 1} 1", StrFormat.percent("%s %(a)s", d));
        assertEquals("TypeError: format string didn't convert all arguments", message(() -> StrFormat.percent("=%s=", new PyTuple(PyInt.of(1), PyInt.of(2)))));
        assertEquals("ValueError: incomplete format key", message(() -> StrFormat.percent("%(a", d)));
    }

    @Test
    void stripReturnsTheSameStringWhenNothingChanges() {
        PyStr s = PyStr.of("abc");
        assertSame(s, call(s, "strip"));
        assertEquals(PyStr.of("abc"), call(PyStr.of(" abc "), "strip"));
    }
}
