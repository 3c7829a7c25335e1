package dev.mica.vm.modules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import dev.mica.code.CompileOptions;
import dev.mica.interp.InterpreterConfig;
import dev.mica.obj.Ops;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.vm.runtime.Runtime;

/** A runtime without a compiler, and calls into Python objects, for tests of the built-in modules. */
final class ModuleTestSupport {
    private ModuleTestSupport() {}

    static Runtime runtime(Path storageRoot) {
        Runtime rt = new Runtime(() -> null, CompileOptions.DEFAULT, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), List.of(), List.of());
        rt.builtinModules().configure(InterpreterConfig.standard().withStorageRoot(storageRoot));
        return rt;
    }

    static PyObject call(PyObject target, String method, PyObject... args) {
        return Ops.getAttr(target, method).call(args, null);
    }

    static PyObject open(Runtime rt, String name, String mode) {
        return rt.builtins().getStr("open").call(new PyObject[] {PyStr.of(name), PyStr.of(mode)}, null);
    }

    /** The errno of the OSError that {@code action} raises. */
    static long errnoOf(Runnable action) {
        try {
            action.run();
        } catch (PyException e) {
            if (e.matches(dev.mica.obj.PyBaseException.OS_ERROR)) {
                return ((PyInt) e.value().args()[0]).value;
            }
            throw e;
        }
        throw new AssertionError("no OSError raised");
    }
}
