package dev.mica.ffi;

import java.nio.charset.StandardCharsets;

import dev.mica.obj.Py;
import dev.mica.obj.PyObject;

/**
 * A C function's type in MicroPython's ffi type codes: the return type's code, then one code
 * per argument. Integers {@code b B h H i I l L q Q}, {@code f} float, {@code d} double,
 * pointers {@code p P C s} (s: a C string), {@code O} (a Python object, which Mica cannot
 * hand to C) and {@code v} (void, as a return type only).
 */
record Signature(byte[] codes) {
    private static final String CODES = "bBhHiIlLqQfdpPCsOv";

    char result() {
        return (char) codes[0];
    }

    char argument(int i) {
        return (char) codes[i + 1];
    }

    int arity() {
        return codes.length - 1;
    }

    /** Reads the return type (a str) and argument types (a str or any iterable of 1-char strs). */
    static Signature of(PyObject result, PyObject arguments) {
        StringBuilder codes = new StringBuilder().append(FfiModule.typeCode(result));
        PyObject iterator = arguments.iter();
        for (PyObject item = iterator.next(); item != null; item = iterator.next()) {
            char code = FfiModule.typeCode(item);
            if (CODES.indexOf(code) < 0 || code == 'v') {
                throw Py.typeError("unknown type");
            }
            codes.append(code);
        }
        byte[] bytes = codes.toString().getBytes(StandardCharsets.US_ASCII);
        if (CODES.indexOf(bytes[0]) < 0 || !NativeCalls.validSignature(bytes)) {
            throw Py.valueError("error in ffi_prep_cif");
        }
        return new Signature(bytes);
    }
}
