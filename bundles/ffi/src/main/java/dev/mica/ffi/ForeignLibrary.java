package dev.mica.ffi;

import java.nio.charset.StandardCharsets;

import dev.mica.obj.Py;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;
import dev.mica.obj.Errno;

/** {@code ffimod}: a shared library opened with {@code ffi.open}, whose symbols it looks up. */
final class ForeignLibrary extends PyObject {
    static final PyType TYPE = PyType.builtin("ffimod", PyType.OBJECT);

    static {
        TYPE.method("func", 4, 4, a -> new ForeignFunction(self(a).symbol(a[2]), Signature.of(a[1], a[3])));
        TYPE.method("var", 3, 3, a -> new ForeignVariable(self(a).symbol(a[2]), FfiModule.typeCode(a[1])));
        TYPE.method("addr", 2, 2, a -> PyInt.of(self(a).symbol(a[1])));
        TYPE.method("close", 1, 1, a -> {
            NativeCalls.dlclose(self(a).handle);
            return PyNone.NONE;
        });
    }

    private final long handle;

    private ForeignLibrary(long handle) {
        this.handle = handle;
    }

    /** dlopen's library, or the program itself for None; OSError with dlopen's errno when it fails. */
    static ForeignLibrary open(PyObject name) {
        byte[] path = name == PyNone.NONE ? null : FfiModule.string(name).getBytes(StandardCharsets.UTF_8);
        int[] error = new int[1];
        long handle = NativeCalls.dlopen(path, error);
        if (handle == 0) {
            throw Py.osError(error[0]);
        }
        return new ForeignLibrary(handle);
    }

    private static ForeignLibrary self(PyObject[] a) {
        return (ForeignLibrary) a[0];
    }

    private long symbol(PyObject name) {
        long address = NativeCalls.dlsym(handle, FfiModule.string(name).getBytes(StandardCharsets.UTF_8));
        if (address == 0) {
            throw Py.osError(Errno.ENOENT);
        }
        return address;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<ffimod 0x" + Long.toHexString(handle) + ">";
    }
}
