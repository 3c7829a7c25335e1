package dev.mica.vm.modules;

import dev.mica.heap.HeapAccount;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;

/**
 * The {@code gc} module with MicroPython's API, over the interpreter's {@link HeapAccount}:
 * collect() traces the heap with the bound garbage collector (the gc bundle; without it there
 * is nothing to trace and the figures keep counting), mem_alloc/mem_free are the account's,
 * enable/disable switch automatic traces, threshold sets how much may be allocated between them.
 *
 * <p>MicroPython runs no {@code __del__} of Python classes; the one finaliser it runs on the unix
 * port that a program can observe is that of file objects, so collect() also closes the files
 * the program can no longer reach (found by a full JVM collection, only while files are open).
 */
final class GcModule {
    private GcModule() {}

    static PyModule create(BuiltinModules registry) {
        HeapAccount account = registry.runtime().heapAccount();
        FixedModule m = new FixedModule("gc");
        m.setAttr("collect", new PyBuiltinFunction("collect", 0, 0, false, (a, kw) -> {
            long before = account.used();
            account.collect();
            if (!registry.openFiles().isEmpty()) {
                System.gc();
                registry.openFiles().closeUnreachable();
            }
            // MicroPython answers with what it freed; here, in blocks
            return PyInt.of(Math.max(0, before - account.used()) / HeapAccount.BLOCK_BYTES);
        }));
        m.setAttr("disable", new PyBuiltinFunction("disable", 0, 0, false, (a, kw) -> {
            account.setAutoCollect(false);
            return PyNone.NONE;
        }));
        m.setAttr("enable", new PyBuiltinFunction("enable", 0, 0, false, (a, kw) -> {
            account.setAutoCollect(true);
            return PyNone.NONE;
        }));
        m.setAttr("isenabled", new PyBuiltinFunction("isenabled", 0, 0, false, (a, kw) -> Py.bool(account.isAutoCollect())));
        m.setAttr("mem_alloc", new PyBuiltinFunction("mem_alloc", 0, 0, false, (a, kw) -> PyInt.of(account.used())));
        m.setAttr("mem_free", new PyBuiltinFunction("mem_free", 0, 0, false, (a, kw) -> PyInt.of(account.free())));
        m.setAttr("threshold", new PyBuiltinFunction("threshold", 0, 1, false, (a, kw) -> {
            if (a.length == 0) {
                return PyInt.of(account.threshold());
            }
            long t = Ops.indexValue(a[0], "int");
            // MicroPython keeps the threshold in whole allocation blocks
            account.setThreshold(t < 0 ? -1 : t / HeapAccount.BLOCK_BYTES * HeapAccount.BLOCK_BYTES);
            return PyNone.NONE;
        }));
        return m.seal();
    }
}
