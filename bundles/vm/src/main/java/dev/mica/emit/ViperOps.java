package dev.mica.emit;

import dev.mica.obj.Buffers;
import dev.mica.obj.MemoryAddresses;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.Py;
import java.math.BigInteger;

/**
 * Viper's conversions between objects and machine words, as MicroPython's native glue does
 * them on a 64-bit port: int and uint are the low 64 bits of an int, bool is truthiness,
 * and a pointer is the address of an object's buffer (or an int taken as an address).
 * Addresses are the synthetic ones of {@link MemoryAddresses}; loads and stores through them
 * go through a {@link ViperMemory}.
 */
public final class ViperOps {
    private ViperOps() {}

    /** An object as viper int/uint: the low 64 bits of an int (TypeError for anything else). */
    public static long toInt(PyObject o) {
        if (o instanceof PyInt i) {
            return i.big == null ? i.value : i.big.longValue();
        }
        if (o instanceof PyInstance inst && inst.base() instanceof PyInt i) {
            return i.big == null ? i.value : i.big.longValue();
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    public static long toBool(PyObject o) {
        return NativeOps.isTrue(o) ? 1 : 0;
    }

    /** An object as a pointer: the address of its buffer, else an int taken as an address. */
    public static long toPointer(PyObject o) {
        if (Buffers.has(o)) {
            return MemoryAddresses.addressOf(o);
        }
        return toInt(o);
    }

    public static PyObject fromInt(long v) {
        return PyInt.of(v);
    }

    /** A uint (or pointer) as an object: the word read without sign. */
    public static PyObject fromUint(long v) {
        if (v >= 0) {
            return PyInt.of(v);
        }
        return PyInt.of(new BigInteger(Long.toUnsignedString(v)));
    }

    public static PyObject fromBool(long v) {
        return v != 0 ? PyBool.TRUE : PyBool.FALSE;
    }

    /** Unsigned comparison of two uint words: negative, zero or positive. */
    public static int compareUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** Viper's {@code //} on int words: rounds toward minus infinity, as MicroPython's small ints do. */
    public static long floorDivide(long num, long denom) {
        checkDivisor(denom);
        if (num >= 0) {
            if (denom < 0) {
                num += -denom - 1;
            }
        } else if (denom >= 0) {
            num += -denom + 1;
        }
        return num / denom;
    }

    /** Viper's {@code %} on int words: the result takes the sign of the divisor. */
    public static long modulo(long dividend, long divisor) {
        checkDivisor(divisor);
        long r = dividend % divisor;
        if ((r < 0 && divisor > 0) || (r > 0 && divisor < 0)) {
            r += divisor;
        }
        return r;
    }

    private static void checkDivisor(long d) {
        if (d == 0) {
            // the machine would trap; a Python error is the JVM's nearest equivalent
            throw Py.error(dev.mica.obj.PyBaseException.ZERO_DIVISION_ERROR, "divide by zero");
        }
    }
}
