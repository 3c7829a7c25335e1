package dev.mica.vm.modules;

import dev.mica.obj.FixedModule;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyModule;

/** The {@code collections} module: deque, namedtuple and OrderedDict, as MicroPython's unix port has them. */
final class CollectionsModule {
    private CollectionsModule() {}

    static PyModule create() {
        FixedModule m = new FixedModule("collections");
        m.setAttr("OrderedDict", OrderedDict.TYPE);
        m.setAttr("deque", Deque.TYPE);
        m.setAttr("namedtuple", new PyBuiltinFunction("namedtuple", 2, 2, false, (a, kw) -> NamedTuple.newType(a[0], a[1])));
        return m.seal();
    }
}
