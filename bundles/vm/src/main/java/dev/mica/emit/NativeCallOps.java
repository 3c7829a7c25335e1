package dev.mica.emit;

import dev.mica.obj.PyObject;
import dev.mica.vm.bytecode.NativeSupport;

/**
 * CALL_FUNCTION and CALL_METHOD with up to three positional arguments and no keywords, the
 * common calls: compiled code passes the arguments one by one, so a call of a Python function
 * fills the callee's frame without building an argument array. Results and errors are those
 * of {@link NativeOps#call} and {@link NativeOps#callMethod}.
 */
public final class NativeCallOps {
    private NativeCallOps() {}

    public static PyObject call0(PyObject fn) {
        return NativeSupport.callArgs(fn, 0, null, null, null);
    }

    public static PyObject call1(PyObject fn, PyObject a) {
        return NativeSupport.callArgs(fn, 1, a, null, null);
    }

    public static PyObject call2(PyObject fn, PyObject a, PyObject b) {
        return NativeSupport.callArgs(fn, 2, a, b, null);
    }

    public static PyObject call3(PyObject fn, PyObject a, PyObject b, PyObject c) {
        return NativeSupport.callArgs(fn, 3, a, b, c);
    }

    /** CALL_METHOD without arguments: {@code self} is null when LOAD_METHOD found a plain attribute. */
    public static PyObject callMethod0(PyObject fn, PyObject self) {
        return self == null ? NativeSupport.callArgs(fn, 0, null, null, null) : NativeSupport.callArgs(fn, 1, self, null, null);
    }

    public static PyObject callMethod1(PyObject fn, PyObject self, PyObject a) {
        return self == null ? NativeSupport.callArgs(fn, 1, a, null, null) : NativeSupport.callArgs(fn, 2, self, a, null);
    }

    public static PyObject callMethod2(PyObject fn, PyObject self, PyObject a, PyObject b) {
        return self == null ? NativeSupport.callArgs(fn, 2, a, b, null) : NativeSupport.callArgs(fn, 3, self, a, b);
    }
}
