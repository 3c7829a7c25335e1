package dev.mica.emit;

import dev.mica.code.Opcodes.BinaryOp;
import dev.mica.code.Opcodes.UnaryOp;
import dev.mica.obj.Ops;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyComplex;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.vm.bytecode.NativeSupport;

/**
 * Arithmetic for compiled code with the common number cases inline: two ints that fit in a
 * long, floats (with a float or an int on the other side) and two complex numbers. Each
 * method is small enough for the JIT to inline into the compiled function, where the constant
 * {@code op} folds the switches away; every other case (and every error) goes to the
 * interpreter's operation, so results, messages and heap charges are the same as for bytecode.
 */
public final class NativeNumbers {
    private NativeNumbers() {}

    /** True when one operand is a float and the other a float or an int (not a bool or subclass). */
    static boolean floats(PyObject a, PyObject b) {
        Class<?> ca = a.getClass();
        Class<?> cb = b.getClass();
        return ca == PyFloat.class ? cb == PyFloat.class || cb == PyInt.class : ca == PyInt.class && cb == PyFloat.class;
    }

    /** The value of a float or an int, as int-with-float arithmetic converts it. */
    static double real(PyObject o) {
        return o instanceof PyFloat f ? f.value : ((PyInt) o).toDouble();
    }

    private static boolean complexes(PyObject a, PyObject b) {
        return a.getClass() == PyComplex.class && b.getClass() == PyComplex.class;
    }

    static boolean smallInts(PyObject a, PyObject b) {
        return a.getClass() == PyInt.class && b.getClass() == PyInt.class && ((PyInt) a).big == null && ((PyInt) b).big == null;
    }

    /** ADD/INPLACE_ADD past the small-int case: floats and str + str, else the interpreter's. */
    public static PyObject add(int op, PyObject a, PyObject b) {
        if (floats(a, b)) {
            return new PyFloat(real(a) + real(b));
        }
        if (complexes(a, b)) {
            PyComplex x = (PyComplex) a;
            PyComplex y = (PyComplex) b;
            return new PyComplex(x.real + y.real, x.imag + y.imag);
        }
        if (a.getClass() == PyStr.class && b.getClass() == PyStr.class) {
            return a.binaryOp(op, b);
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** SUBTRACT/INPLACE_SUBTRACT past the small-int case. */
    public static PyObject subtract(int op, PyObject a, PyObject b) {
        if (floats(a, b)) {
            return new PyFloat(real(a) - real(b));
        }
        if (complexes(a, b)) {
            PyComplex x = (PyComplex) a;
            PyComplex y = (PyComplex) b;
            return new PyComplex(x.real - y.real, x.imag - y.imag);
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** MULTIPLY/INPLACE_MULTIPLY. */
    public static PyObject multiply(int op, PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            long u = ((PyInt) a).value;
            long v = ((PyInt) b).value;
            long hi = Math.multiplyHigh(u, v);
            long lo = u * v;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return PyInt.of(lo);
            }
        } else if (floats(a, b)) {
            return new PyFloat(real(a) * real(b));
        } else if (complexes(a, b)) {
            PyComplex x = (PyComplex) a;
            PyComplex y = (PyComplex) b;
            return new PyComplex(x.real * y.real - x.imag * y.imag, x.real * y.imag + x.imag * y.real);
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** TRUE_DIVIDE/INPLACE_TRUE_DIVIDE. */
    public static PyObject trueDivide(int op, PyObject a, PyObject b) {
        if (floats(a, b)) {
            double y = real(b);
            if (y != 0) {
                return new PyFloat(real(a) / y);
            }
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** FLOOR_DIVIDE/INPLACE_FLOOR_DIVIDE. */
    public static PyObject floorDivide(int op, PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            long u = ((PyInt) a).value;
            long v = ((PyInt) b).value;
            if (v != 0 && !(u == Long.MIN_VALUE && v == -1)) {
                return PyInt.of(Math.floorDiv(u, v));
            }
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** MODULO/INPLACE_MODULO (also str % args, which the interpreter's operation formats). */
    public static PyObject modulo(int op, PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            long v = ((PyInt) b).value;
            if (v != 0) {
                return PyInt.of(Math.floorMod(((PyInt) a).value, v));
            }
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** AND, OR, XOR and their in-place forms. */
    public static PyObject bitwise(int op, PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            long u = ((PyInt) a).value;
            long v = ((PyInt) b).value;
            switch (op) {
                case BinaryOp.AND, BinaryOp.INPLACE_AND -> {
                    return PyInt.of(u & v);
                }
                case BinaryOp.OR, BinaryOp.INPLACE_OR -> {
                    return PyInt.of(u | v);
                }
                case BinaryOp.XOR, BinaryOp.INPLACE_XOR -> {
                    return PyInt.of(u ^ v);
                }
                default -> {
                    return NativeSupport.binaryOp(op, a, b);
                }
            }
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** LSHIFT, RSHIFT and their in-place forms. */
    public static PyObject shift(int op, PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            long u = ((PyInt) a).value;
            long v = ((PyInt) b).value;
            if (v >= 0) {
                if (op == BinaryOp.RSHIFT || op == BinaryOp.INPLACE_RSHIFT) {
                    return PyInt.of(u >> Math.min(v, 63));
                }
                // a left shift that keeps every bit and the sign
                if (v < 63 && (u == 0 || Long.numberOfLeadingZeros(u < 0 ? ~u : u) > v + 1)) {
                    return PyInt.of(u << v);
                }
            }
        }
        return NativeSupport.binaryOp(op, a, b);
    }

    /** UNARY_OP: negation of small ints and floats inline. */
    public static PyObject unaryOp(int op, PyObject a) {
        if (op == UnaryOp.NEGATIVE) {
            if (a.getClass() == PyInt.class) {
                PyInt i = (PyInt) a;
                if (i.big == null && i.value != Long.MIN_VALUE) {
                    return PyInt.of(-i.value);
                }
            } else if (a.getClass() == PyFloat.class) {
                return new PyFloat(-((PyFloat) a).value);
            }
        }
        return Ops.unary(op, a);
    }
}
