package dev.mica.vm.modules;

import dev.mica.obj.PyArray;
import dev.mica.obj.PyModule;

/** The {@code array} module: the array.array type (typecodes b B h H i I l L q Q f d, and P O). */
public final class ArrayModule {
    private ArrayModule() {}

    public static PyModule create() {
        PyModule m = new PyModule("array");
        m.setAttr("array", PyArray.TYPE);
        return m;
    }
}
