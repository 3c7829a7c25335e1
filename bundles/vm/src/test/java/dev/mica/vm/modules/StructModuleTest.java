package dev.mica.vm.modules;

import static dev.mica.vm.modules.ModuleTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.mica.obj.Ops;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

class StructModuleTest {
    private final PyModule struct = StructModule.create();

    private PyObject pack(String fmt, PyObject... values) {
        PyObject[] args = new PyObject[values.length + 1];
        args[0] = PyStr.of(fmt);
        System.arraycopy(values, 0, args, 1, values.length);
        return call(struct, "pack", args);
    }

    private String unpack(String fmt, int... data) {
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = (byte) data[i];
        }
        return Ops.repr(call(struct, "unpack", PyStr.of(fmt), new PyBytes(bytes)));
    }

    private long calcsize(String fmt) {
        return ((PyInt) call(struct, "calcsize", PyStr.of(fmt))).value;
    }

    private static String errorText(Runnable action) {
        PyException e = assertThrows(PyException.class, action::run);
        return e.value().type().name() + ": " + e.value().argsText();
    }

    @Test
    void nativeFormatsAlignAndStandardOnesDoNot() {
        assertEquals(8, calcsize("bi"));
        assertEquals(5, calcsize("ib"));
        assertEquals(16, calcsize("bq"));
        assertEquals(9, calcsize("<bq"));
        assertEquals(8, calcsize("l"));
        assertEquals(4, calcsize(">l"));
        assertEquals(104, calcsize("100sI"));
        assertEquals(8, calcsize("7xx"));
    }

    @Test
    void byteOrdersLayOutIntegers() {
        assertEquals("b'\\x01\\x00\\x00\\x00'", pack("<i", PyInt.of(1)).repr());
        assertEquals("b'\\x00\\x00\\x00\\x01'", pack(">i", PyInt.of(1)).repr());
        assertEquals("b'\\x00\\x00\\x00{'", pack("!i", PyInt.of(123)).repr());
        assertEquals("b'\\x80\\x00\\x01\\x00\\x00'", pack("<bI", PyInt.of(-128), PyInt.of(256)).repr());
        assertEquals("(-128, 256)", unpack("<bI", 0x80, 0, 1, 0, 0));
        assertEquals("(18446744073709551615,)", unpack("<Q", -1, -1, -1, -1,
            -1, -1, -1, -1));
    }

    @Test
    void valuesAreTruncatedLikeC() {
        assertEquals("b','", pack("b", PyInt.of(300)).repr());
        assertEquals("b'\\xff'", pack("B", PyInt.of(-1)).repr());
        PyObject big = PyInt.of(java.math.BigInteger.ONE.shiftLeft(70).subtract(java.math.BigInteger.TWO));
        assertEquals("b'\\xfe\\xff'", pack("<H", big).repr());
    }

    @Test
    void stringsPadAndCountsRepeat() {
        assertEquals("b\"foo\\x00\\x00\\x00\\x10'\"", pack("<6sH", new PyBytes("foo".getBytes()), PyInt.of(10000)).repr());
        assertEquals("(b'01', 13106)", unpack("<2sH", '0', '1', '2', '3'));
        assertEquals("(1, 2, 3)", unpack("<3B", 1, 2, 3));
        assertEquals("b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00'", pack("<2I", PyInt.of(1)).repr());
    }

    @Test
    void floatsIncludingHalfPrecision() {
        assertEquals("b'\\x00>'", pack("<e", new PyFloat(1.5)).repr());
        assertEquals("(1.0,)", unpack("<e", 0, 0x3c));
        assertEquals("b'\\x00\\x00\\x80?'", pack("<f", PyInt.of(1)).repr());
    }

    @Test
    void packIntoAndUnpackFromTakeOffsetsFromEitherEnd() {
        PyByteArray buf = new PyByteArray(">>>123<<<".getBytes());
        call(struct, "pack_into", PyStr.of("<bbb"), buf, PyInt.of(-6), PyInt.of(0x44), PyInt.of(0x45), PyInt.of(0x46));
        assertEquals("bytearray(b'>>>DEF<<<')", buf.repr());
        PyObject r = call(struct, "unpack_from", PyStr.of("<b"), new PyBytes("0123456789".getBytes()), PyInt.of(-4));
        assertEquals("(54,)", r.repr());
    }

    @Test
    void errorsAreMicroPythons() {
        assertEquals("ValueError: buffer too small", errorText(() -> unpack("I", 0, 0, 0)));
        assertEquals("ValueError: buffer too small",
            errorText(() -> call(struct, "pack_into", PyStr.of("<bbb"), new PyByteArray(new byte[9]), PyInt.of(7), PyInt.of(1))));
        assertEquals("ValueError: bad typecode", errorText(() -> calcsize("z")));
        assertEquals("ValueError: bad typecode", errorText(() -> calcsize("1")));
        assertEquals("ValueError: bad typecode", errorText(() -> calcsize("=i")));
        assertEquals("TypeError: can't convert 'int' object to str implicitly", errorText(() -> call(struct, "calcsize", PyInt.of(1))));
        assertEquals("TypeError: object with buffer protocol required",
            errorText(() -> call(struct, "pack_into", PyStr.of("b"), new PyBytes(new byte[1]), PyInt.of(0), PyInt.of(1))));
    }
}
