package dev.mica.obj;

import java.math.BigInteger;

/**
 * Items of array typecodes stored in bytes, laid out as on a 64-bit little-endian machine
 * (MicroPython's unix port): b/B 1 byte, h/H 2, i/I 4, l/L and q/Q 8, f 4, d 8, and
 * MicroPython's extensions P (pointer-sized int), O (object) and S (string pointer) 8 bytes.
 * The same codec serves array.array, memoryview and struct (which adds byte order).
 */
public final class Typecodes {
    private Typecodes() {}

    /** Item size with native layout, or 0 for an unknown typecode. */
    public static int sizeOrZero(char typecode) {
        switch (typecode) {
            case 'b': case 'B':
                return 1;
            case 'h': case 'H': case 'e':
                return 2;
            case 'i': case 'I': case 'f':
                return 4;
            case 'l': case 'L': case 'q': case 'Q': case 'd': case 'P': case 'O': case 'S':
                return 8;
            default:
                return 0;
        }
    }

    /** Item size with native layout; ValueError "bad typecode" for an unknown typecode. */
    public static int size(char typecode) {
        int n = sizeOrZero(typecode);
        if (n == 0) {
            throw Py.valueError("bad typecode");
        }
        return n;
    }

    /** Signed typecodes are the lower-case ones. */
    public static boolean isSigned(char typecode) {
        return typecode > 'Z';
    }

    /** Reads an unsigned/signed integer of {@code size} bytes; little-endian unless {@code bigEndian}. */
    public static long readInt(byte[] b, int off, int size, boolean signed, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int idx = bigEndian ? off + i : off + size - 1 - i;
            v = (v << 8) | (b[idx] & 0xff);
        }
        if (signed && size < 8) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        return v;
    }

    /** Writes the low {@code size} bytes of {@code v}. */
    public static void writeInt(byte[] b, int off, int size, long v, boolean bigEndian) {
        for (int i = 0; i < size; i++) {
            int idx = bigEndian ? off + size - 1 - i : off + i;
            b[idx] = (byte) (v >>> (8 * i));
        }
    }

    /** An int of an unsigned 64-bit pattern. */
    static PyInt unsigned64(long v) {
        if (v >= 0) {
            return PyInt.of(v);
        }
        return PyInt.of(BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64)));
    }

    /** The item at byte offset {@code off} as a Python value, with the native item size. */
    public static PyObject get(char typecode, byte[] b, int off, boolean bigEndian) {
        return get(typecode, b, off, sizeOrZero(typecode), bigEndian);
    }

    /** The item at byte offset {@code off}, integers taking {@code size} bytes (struct's standard sizes differ). */
    public static PyObject get(char typecode, byte[] b, int off, int size, boolean bigEndian) {
        switch (typecode) {
            case 'f':
                return new PyFloat(Float.intBitsToFloat((int) readInt(b, off, 4, false, bigEndian)));
            case 'd':
                return new PyFloat(Double.longBitsToDouble(readInt(b, off, 8, false, bigEndian)));
            case 'e':
                return new PyFloat(HalfFloat.decode((int) readInt(b, off, 2, false, bigEndian)));
            case 'O':
                return ObjectHandles.resolve(readInt(b, off, 8, false, bigEndian));
            case 'S':
                // a pointer to a C string: the text at that (synthetic) address
                return PyStr.of(new String(MemoryAddresses.cString(readInt(b, off, 8, false, bigEndian)),
                        java.nio.charset.StandardCharsets.UTF_8));
            default: {
                boolean signed = isSigned(typecode);
                long v = readInt(b, off, size, signed, bigEndian);
                return signed ? PyInt.of(v) : unsigned64(v);
            }
        }
    }

    /** Stores a Python value as the item at byte offset {@code off}, with the native item size. */
    public static void set(char typecode, byte[] b, int off, PyObject value, boolean bigEndian) {
        set(typecode, b, off, sizeOrZero(typecode), value, bigEndian);
    }

    /**
     * Stores a Python value as the item at byte offset {@code off}: floats for f/d/e, any int
     * (truncated to {@code size} bytes, as C does) otherwise.
     */
    public static void set(char typecode, byte[] b, int off, int size, PyObject value, boolean bigEndian) {
        switch (typecode) {
            case 'f':
                writeInt(b, off, 4, Float.floatToRawIntBits((float) floatOf(value)), bigEndian);
                return;
            case 'd':
                writeInt(b, off, 8, Double.doubleToRawLongBits(floatOf(value)), bigEndian);
                return;
            case 'e':
                writeInt(b, off, 2, HalfFloat.encode((float) floatOf(value)), bigEndian);
                return;
            case 'O':
                writeInt(b, off, 8, ObjectHandles.handle(value), bigEndian);
                return;
            default:
                writeInt(b, off, size, intBits(value), bigEndian);
        }
    }

    /** The low 64 bits of an int value (two's complement), with MicroPython's error for non-ints. */
    public static long intBits(PyObject value) {
        PyObject v = value instanceof PyInstance i && i.base() instanceof PyInt ? i.base() : value;
        if (v instanceof PyInt n) {
            return n.isBig() ? n.toBig().longValue() : n.value;
        }
        throw Py.typeError("can't convert " + value.type().name() + " to int");
    }

    /** A float from an int or float, with MicroPython's error otherwise. */
    public static double floatOf(PyObject value) {
        PyObject v = value instanceof PyInstance i && i.base() != null ? i.base() : value;
        if (v instanceof PyFloat f) {
            return f.value;
        }
        if (v instanceof PyInt n) {
            return n.toDouble();
        }
        throw Py.typeError("can't convert " + value.type().name() + " to float");
    }
}
