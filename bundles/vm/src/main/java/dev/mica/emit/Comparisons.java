package dev.mica.emit;

import static dev.mica.emit.NativeNumbers.floats;
import static dev.mica.emit.NativeNumbers.real;
import static dev.mica.emit.NativeNumbers.smallInts;

import dev.mica.code.Opcodes.BinaryOp;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.vm.bytecode.NativeSupport;

/**
 * The comparison operators for compiled code, one method each: small ints and floats compared
 * inline, everything else (and every error) as the interpreter's operation. One method per
 * operator, rather than one taking the operator, keeps each small enough that the JIT inlines
 * it into large compiled functions too.
 */
public final class Comparisons {
    private Comparisons() {}

    private static PyObject truth(boolean b) {
        return b ? PyBool.TRUE : PyBool.FALSE;
    }

    public static PyObject less(PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            return truth(((PyInt) a).value < ((PyInt) b).value);
        }
        if (floats(a, b)) {
            return truth(real(a) < real(b));
        }
        return NativeSupport.binaryOp(BinaryOp.LESS, a, b);
    }

    public static PyObject more(PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            return truth(((PyInt) a).value > ((PyInt) b).value);
        }
        if (floats(a, b)) {
            return truth(real(a) > real(b));
        }
        return NativeSupport.binaryOp(BinaryOp.MORE, a, b);
    }

    public static PyObject lessEqual(PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            return truth(((PyInt) a).value <= ((PyInt) b).value);
        }
        if (floats(a, b)) {
            return truth(real(a) <= real(b));
        }
        return NativeSupport.binaryOp(BinaryOp.LESS_EQUAL, a, b);
    }

    public static PyObject moreEqual(PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            return truth(((PyInt) a).value >= ((PyInt) b).value);
        }
        if (floats(a, b)) {
            return truth(real(a) >= real(b));
        }
        return NativeSupport.binaryOp(BinaryOp.MORE_EQUAL, a, b);
    }

    public static PyObject equal(PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            return truth(((PyInt) a).value == ((PyInt) b).value);
        }
        if (floats(a, b)) {
            return truth(real(a) == real(b));
        }
        return NativeSupport.binaryOp(BinaryOp.EQUAL, a, b);
    }

    public static PyObject notEqual(PyObject a, PyObject b) {
        if (smallInts(a, b)) {
            return truth(((PyInt) a).value != ((PyInt) b).value);
        }
        if (floats(a, b)) {
            return truth(real(a) != real(b));
        }
        return NativeSupport.binaryOp(BinaryOp.NOT_EQUAL, a, b);
    }
}
