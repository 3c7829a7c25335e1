package dev.mica.vm.modules;

import java.util.Map;

import dev.mica.obj.FixedModule;
import dev.mica.obj.FixedDict;
import dev.mica.obj.Errno;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyStr;

/** The {@code errno} module: MicroPython's error numbers and errorcode. */
public final class ErrnoModule {
    private ErrnoModule() {}

    static PyModule create() {
        FixedModule m = new FixedModule("errno");
        FixedDict errorcode = new FixedDict();
        for (Map.Entry<Integer, String> e : Errno.names().entrySet()) {
            m.setAttr(e.getValue(), PyInt.of(e.getKey()));
            errorcode.setItem(PyInt.of(e.getKey()), PyStr.name(e.getValue()));
        }
        m.setAttr("errorcode", errorcode.seal());
        return m.seal();
    }
}
