package dev.mica.ffi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import dev.mica.obj.PyFloat;
import dev.mica.obj.Py;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/** Conversions between 64-bit native slots and Python values, by type code. */
final class NativeValues {
    private NativeValues() {}

    /** A native value as Python sees it: what a function returns, or a callback receives. */
    static PyObject toPython(long slot, char code) {
        switch (code) {
            case 'v':
                return PyNone.NONE;
            case 'f':
                return new PyFloat(Float.intBitsToFloat((int) slot));
            case 'd':
                return new PyFloat(Double.longBitsToDouble(slot));
            case 's':
                return slot == 0 ? PyNone.NONE : PyStr.of(cString(slot));
            case 'B':
                return PyInt.of(slot & 0xff);
            case 'H':
                return PyInt.of(slot & 0xffff);
            case 'I':
                return PyInt.of(slot & 0xffff_ffffL);
            case 'L':
            case 'Q':
                return slot >= 0 ? PyInt.of(slot) : PyInt.of(new BigInteger(Long.toUnsignedString(slot)));
            default:
                // signed integers arrive sign-extended; pointers are read as signed, as MicroPython does
                return PyInt.of(slot);
        }
    }

    /** A number as a slot of the given type: floats as their bits, integers cut to 64 bits. */
    static long numberSlot(PyObject value, char code) {
        if (code == 'f') {
            return Float.floatToRawIntBits((float) dev.mica.obj.Ops.toDouble(value)) & 0xffff_ffffL;
        }
        if (code == 'd') {
            return Double.doubleToRawLongBits(dev.mica.obj.Ops.toDouble(value));
        }
        return word(value);
    }

    /** The low 64 bits of an int's two's complement, as C receives a wider value. */
    static long word(PyObject value) {
        PyObject v = value instanceof PyInstance i && i.base() instanceof PyInt ? i.base() : value;
        if (v instanceof PyInt i) {
            return i.big != null ? i.big.longValue() : i.value;
        }
        throw Py.typeError("can't convert " + value.type().name() + " to int");
    }

    /** The NUL-terminated UTF-8 string at an address. */
    static String cString(long address) {
        long length = NativeCalls.strlen(address);
        byte[] bytes = new byte[(int) Math.min(length, Integer.MAX_VALUE - 8)];
        NativeCalls.read(address, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
