package dev.mica.emit;

import dev.mica.obj.Py;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyRange;
import dev.mica.vm.runtime.Builtins;

/**
 * Calls of the built-in functions that loops call most, by the global name compiled code loads
 * them with ({@code len(x)}, {@code range(n)}, ...). When the name still means the built-in,
 * the call runs it directly: no argument array, and nothing between the loop and the
 * operation that the JIT cannot inline. When the program has rebound the name, the call is
 * the general one. The emitter calls a method here for every global name and number of
 * arguments it has a public method for (the loaded function first, then the arguments).
 */
public final class BuiltinCalls {
    private BuiltinCalls() {}

    public static PyObject len(PyObject fn, PyObject a) {
        return Builtins.isBuiltin(fn, Builtins.LEN) ? Builtins.len(a) : NativeCallOps.call1(fn, a);
    }

    public static PyObject ord(PyObject fn, PyObject a) {
        return Builtins.isBuiltin(fn, Builtins.ORD) ? Builtins.ord(a) : NativeCallOps.call1(fn, a);
    }

    public static PyObject chr(PyObject fn, PyObject a) {
        return Builtins.isBuiltin(fn, Builtins.CHR) ? Builtins.chr(a) : NativeCallOps.call1(fn, a);
    }

    public static PyObject abs(PyObject fn, PyObject a) {
        return Builtins.isBuiltin(fn, Builtins.ABS) ? Builtins.abs(a) : NativeCallOps.call1(fn, a);
    }

    public static PyObject isinstance(PyObject fn, PyObject a, PyObject b) {
        return Builtins.isBuiltin(fn, Builtins.ISINSTANCE) ? Py.bool(Builtins.isInstance(a, b)) : NativeCallOps.call2(fn, a, b);
    }

    public static PyObject getattr(PyObject fn, PyObject o, PyObject name) {
        return Builtins.isBuiltin(fn, Builtins.GETATTR) ? Builtins.getattr(o, name, null) : NativeCallOps.call2(fn, o, name);
    }

    public static PyObject getattr(PyObject fn, PyObject o, PyObject name, PyObject fallback) {
        return Builtins.isBuiltin(fn, Builtins.GETATTR) ? Builtins.getattr(o, name, fallback) : NativeCallOps.call3(fn, o, name, fallback);
    }

    public static PyObject setattr(PyObject fn, PyObject o, PyObject name, PyObject value) {
        return Builtins.isBuiltin(fn, Builtins.SETATTR) ? Builtins.setattr(o, name, value) : NativeCallOps.call3(fn, o, name, value);
    }

    public static PyObject hasattr(PyObject fn, PyObject o, PyObject name) {
        return Builtins.isBuiltin(fn, Builtins.HASATTR) ? Builtins.hasattr(o, name) : NativeCallOps.call2(fn, o, name);
    }

    public static PyObject range(PyObject fn, PyObject stop) {
        return fn == PyRange.TYPE ? PyRange.of(stop) : NativeCallOps.call1(fn, stop);
    }

    public static PyObject range(PyObject fn, PyObject start, PyObject stop) {
        return fn == PyRange.TYPE ? PyRange.of(start, stop) : NativeCallOps.call2(fn, start, stop);
    }

    public static PyObject range(PyObject fn, PyObject start, PyObject stop, PyObject step) {
        return fn == PyRange.TYPE ? PyRange.of(start, stop, step) : NativeCallOps.call3(fn, start, stop, step);
    }
}
