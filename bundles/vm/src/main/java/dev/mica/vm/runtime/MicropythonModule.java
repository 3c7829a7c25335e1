package dev.mica.vm.runtime;

import dev.mica.vm.obj.PyBuiltinFunction;
import dev.mica.vm.obj.PyInt;
import dev.mica.vm.obj.PyModule;
import dev.mica.vm.obj.PyNone;
import dev.mica.vm.obj.PyObject;

/** The {@code micropython} module: what a program needs of it at run time. */
final class MicropythonModule {
    private MicropythonModule() {}

    static PyModule create() {
        PyModule m = new PyModule("micropython");
        m.setAttr("const", new PyBuiltinFunction("const", 1, 1, false, (a, kw) -> a[0]));
        m.setAttr("opt_level", new PyBuiltinFunction("opt_level", 0, 1, false, (a, kw) -> PyInt.of(0)));
        PyObject identity = new PyBuiltinFunction("native", 1, 1, false, (a, kw) -> a[0]);
        m.setAttr("native", identity);
        m.setAttr("viper", identity);
        m.setAttr("bytecode", identity);
        m.setAttr("schedule", new PyBuiltinFunction("schedule", 2, 2, false, (a, kw) -> {
            a[0].call(new PyObject[] {a[1]}, null);
            return PyNone.NONE;
        }));
        m.setAttr("heap_lock", new PyBuiltinFunction("heap_lock", 0, 0, false, (a, kw) -> PyNone.NONE));
        m.setAttr("heap_unlock", new PyBuiltinFunction("heap_unlock", 0, 0, false, (a, kw) -> PyInt.of(0)));
        return m;
    }
}
