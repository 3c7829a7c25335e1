package dev.mica.ffi;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/**
 * The unix port's {@code ffi} module: C functions in shared libraries called from Python,
 * through libffi. Native code is outside every guard the interpreter keeps (the heap limit,
 * the storage root, the sandbox of an app), so this bundle belongs to the command line and is
 * not part of the gateway's distribution.
 *
 * <p>{@code as_bytearray(address, size)} copies the memory into a new bytearray: a bytearray
 * lives on the Java heap and cannot alias C memory as MicroPython's does.
 */
@Component(service = ModuleProvider.class)
public final class FfiModule implements ModuleProvider {
    @Override
    public String name() {
        return "ffi";
    }

    @Override
    public boolean extensible() {
        return false;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        String unavailable = NativeCalls.unavailable();
        if (unavailable != null) {
            throw Py.error(PyBaseException.IMPORT_ERROR, "ffi: " + unavailable);
        }
        FixedModule m = new FixedModule("ffi");
        m.setAttr("open", new PyBuiltinFunction("open", 1, 2, false, (a, kw) -> ForeignLibrary.open(a[0])));
        m.setAttr("func", new PyBuiltinFunction("func", 3, 3, false,
                (a, kw) -> new ForeignFunction(address(a[1]), Signature.of(a[0], a[2]))));
        m.setAttr("callback", new PyBuiltinFunction("callback", 3, 3, true, (a, kw) -> {
            Py.checkKeywords(kw, "lock");
            PyObject lock = Py.keyword(a, kw, "lock");
            return new ForeignCallback(environment, a[1], Signature.of(a[0], a[2]), lock != null && lock.isTrue());
        }));
        m.setAttr("as_bytearray", new PyBuiltinFunction("as_bytearray", 2, 2, false, (a, kw) -> {
            long size = NativeValues.word(a[1]);
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw Py.valueError("size out of range");
            }
            byte[] copy = new byte[(int) size];
            NativeCalls.read(address(a[0]), copy, 0, copy.length);
            return new PyByteArray(copy);
        }));
        return m.seal();
    }

    private static long address(PyObject value) {
        return NativeValues.word(value);
    }

    /** A str argument, with MicroPython's TypeError for anything else. */
    static String string(PyObject value) {
        if (!(value instanceof PyStr s)) {
            throw Py.typeError("can't convert '" + value.type().name() + "' object to str implicitly");
        }
        return s.value();
    }

    /** The type code a type string starts with. */
    static char typeCode(PyObject type) {
        String s = string(type);
        if (s.isEmpty()) {
            throw Py.typeError("unknown type");
        }
        return s.charAt(0);
    }
}
