package dev.mica.vm.modules;

import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;

/**
 * The {@code gc} module with MicroPython's API. Collections are the JVM's; the memory figures
 * come from {@link HeapEstimate}. {@code enable}/{@code disable} and {@code threshold} keep
 * their state for the program to read back: the JVM collects on its own schedule either way.
 */
final class GcModule {
    private GcModule() {}

    static PyModule create(BuiltinModules registry) {
        long heapSize = registry.heapSize();
        boolean[] enabled = {true};
        long[] threshold = {-1};
        FixedModule m = new FixedModule("gc");
        m.setAttr("collect", new PyBuiltinFunction("collect", 0, 0, false, (a, kw) -> {
            long freed = HeapEstimate.collect(heapSize);
            registry.openFiles().closeUnreachable();
            return PyInt.of(freed);
        }));
        m.setAttr("disable", new PyBuiltinFunction("disable", 0, 0, false, (a, kw) -> {
            enabled[0] = false;
            return PyNone.NONE;
        }));
        m.setAttr("enable", new PyBuiltinFunction("enable", 0, 0, false, (a, kw) -> {
            enabled[0] = true;
            return PyNone.NONE;
        }));
        m.setAttr("isenabled", new PyBuiltinFunction("isenabled", 0, 0, false, (a, kw) -> Py.bool(enabled[0])));
        m.setAttr("mem_alloc", new PyBuiltinFunction("mem_alloc", 0, 0, false, (a, kw) -> PyInt.of(HeapEstimate.used(heapSize))));
        m.setAttr("mem_free", new PyBuiltinFunction("mem_free", 0, 0, false, (a, kw) -> PyInt.of(HeapEstimate.free(heapSize))));
        m.setAttr("threshold", new PyBuiltinFunction("threshold", 0, 1, false, (a, kw) -> {
            if (a.length == 0) {
                return PyInt.of(threshold[0]);
            }
            long t = Ops.indexValue(a[0], "int");
            // MicroPython keeps the threshold in whole allocation blocks
            threshold[0] = t < 0 ? -1 : t / HeapEstimate.BLOCK_BYTES * HeapEstimate.BLOCK_BYTES;
            return PyNone.NONE;
        }));
        return m.seal();
    }
}
