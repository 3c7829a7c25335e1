package dev.mica.obj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BufferProtocolTest {
    private static PyObject call(PyObject target, String method, PyObject... args) {
        return Ops.getAttr(target, method).call(args, null);
    }

    private static PyObject ints(long... values) {
        PyObject[] items = new PyObject[values.length];
        for (int i = 0; i < values.length; i++) {
            items[i] = PyInt.of(values[i]);
        }
        return PyList.of(items);
    }

    private static PyObject array(String typecode, long... values) {
        return PyArray.TYPE.call(new PyObject[] {PyStr.of(typecode), ints(values)}, null);
    }

    private static PyObject slice(long start, long stop) {
        return new PySlice(PyInt.of(start), PyInt.of(stop), PyNone.NONE);
    }

    private static String errorText(Runnable action) {
        PyException e = assertThrows(PyException.class, action::run);
        return e.value().type().name() + ": " + e.value().argsText();
    }

    @Test
    void everyBufferTypeShowsItsBytesAndTypecode() {
        BufferView b = Buffers.read(new PyBytes(new byte[] {1, 2}));
        assertEquals('B', b.typecode());
        assertFalse(b.writable());
        assertArrayEquals(new byte[] {1, 2}, b.toByteArray());

        BufferView ba = Buffers.read(new PyByteArray(new byte[] {3}));
        assertTrue(ba.writable());
        assertEquals(3, ba.byteAt(0));

        BufferView s = Buffers.read(PyStr.of("é"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), s.toByteArray());
        assertFalse(s.writable());

        BufferView h = Buffers.read(array("h", 1, -2));
        assertEquals('h', h.typecode());
        assertEquals(2, h.itemSize());
        assertArrayEquals(new byte[] {1, 0, (byte) 0xfe, (byte) 0xff}, h.toByteArray());
    }

    @Test
    void objectsWithoutABufferAreRefused() {
        assertNull(Buffers.view(PyInt.of(1)));
        assertFalse(Buffers.has(PyNone.NONE));
        assertEquals("TypeError: object with buffer protocol required", errorText(() -> Buffers.read(PyInt.of(1))));
        assertEquals("TypeError: object with buffer protocol required",
            errorText(() -> Buffers.write(new PyBytes(new byte[1]))));
    }

    @Test
    void aMemoryviewSliceWritesThroughToItsBytearray() {
        PyByteArray target = new PyByteArray(new byte[6]);
        PyObject view = PyMemoryView.of(target).getItem(slice(2, 5));
        assertEquals(3, view.len());
        view.setItem(PyInt.of(0), PyInt.of(7));
        view.setItem(slice(1, 3), new PyBytes(new byte[] {8, 9}));
        assertArrayEquals(new byte[] {0, 0, 7, 8, 9, 0}, target.bytes());
        BufferView v = Buffers.write(view);
        assertEquals(2, v.offset());
        assertEquals(3, v.length());
    }

    @Test
    void aReadOnlyMemoryviewRefusesStores() {
        PyObject view = PyMemoryView.of(new PyBytes(new byte[] {1, 2}));
        assertEquals("TypeError: 'memoryview' object doesn't support item assignment",
            errorText(() -> view.setItem(PyInt.of(0), PyInt.of(5))));
        assertEquals("ValueError: lhs and rhs should be compatible",
            errorText(() -> PyMemoryView.of(new PyByteArray(new byte[4])).setItem(slice(0, 2), new PyBytes(new byte[3]))));
    }

    @Test
    void bytearraySliceAssignmentGrowsAndShrinks() {
        PyByteArray b = new PyByteArray(new byte[] {0, 1, 2, 3, 4});
        b.setItem(slice(1, 3), new PyBytes(new byte[] {9, 9, 9, 9}));
        assertArrayEquals(new byte[] {0, 9, 9, 9, 9, 3, 4}, b.bytes());
        b.setItem(slice(0, 6), new PyByteArray(new byte[0]));
        assertArrayEquals(new byte[] {4}, b.bytes());
        b.setItem(slice(1, 1), b);
        assertArrayEquals(new byte[] {4, 4}, b.bytes());
        assertEquals("NotImplementedError: array/bytes required on right side",
            errorText(() -> b.setItem(slice(0, 1), ints(1))));
    }

    @Test
    void arrayItemsWrapAsCIntegersAndReadBackSigned() {
        PyObject a = array("b", 300, -1);
        assertEquals("array('b', [44, -1])", a.repr());
        assertEquals("array('Q', [18446744073709551615])", array("Q", -1).repr());
        assertEquals("array('I', [4294967295])", array("I", 0xffffffffL).repr());
        assertEquals("ValueError: bad typecode", errorText(() -> array("z")));
        assertEquals("TypeError: can't convert float to int",
            errorText(() -> call(array("h"), "append", new PyFloat(1.5))));
    }

    @Test
    void arraysCompareOnlyCompatibleLayouts() {
        assertTrue(Ops.eq(array("b", 1, 2), array("B", 1, 2)));
        assertTrue(Ops.eq(array("b", 97), new PyByteArray(new byte[] {97})));
        assertFalse(Ops.eq(array("b", 97), new PyBytes(new byte[] {97})));
        assertEquals("NotImplementedError: ", errorText(() -> Ops.eq(array("b"), array("h"))));
        assertEquals("NotImplementedError: ", errorText(() -> Ops.eq(array("f"), array("f", 1))));
        assertSame(PyBool.TRUE, Ops.binary(Ops.LESS, array("B", 1), array("B", 2)));
    }

    @Test
    void bytesEqualsAnyBufferButNotStr() {
        PyBytes abc = new PyBytes("abc".getBytes(StandardCharsets.US_ASCII));
        assertTrue(Ops.eq(abc, new PyByteArray("abc".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(Ops.eq(abc, PyMemoryView.of(abc)));
        assertFalse(Ops.eq(abc, PyStr.of("abc")));
        assertEquals(28198, new PyBytes(new byte[] {'a', 'b'}).pyHash());
    }

    @Test
    void bytesMethodsKeepTheTypeOfSelf() {
        PyByteArray b = new PyByteArray(" a,b ".getBytes(StandardCharsets.US_ASCII));
        assertEquals("bytearray(b'a,b')", call(b, "strip").repr());
        assertEquals("[bytearray(b' a'), bytearray(b'b ')]", call(b, "split", new PyBytes(new byte[] {','})).repr());
        PyBytes same = new PyBytes(new byte[] {'x'});
        assertSame(same, call(same, "strip"));
        assertEquals("TypeError: can't convert 'str' object to bytes implicitly", errorText(() -> call(same, "find", PyStr.of("x"))));
    }

    @Test
    void halfFloatsRoundTrip() {
        for (float f : new float[] {0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f}) {
            assertEquals(f, HalfFloat.decode(HalfFloat.encode(f)));
        }
        assertEquals(0x3e00, HalfFloat.encode(1.5f));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.decode(HalfFloat.encode(1e20f)));
    }
}
