package dev.mica.vm.runtime;

import java.util.Map;
import java.util.Set;

import dev.mica.code.CompileOptions;
import dev.mica.vm.modules.MemoryReport;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * The {@code micropython} module.
 *
 * <p>{@code heap_lock}/{@code heap_unlock} keep MicroPython's lock depth (heap_unlock returns
 * it) in the interpreter's {@link dev.mica.heap.HeapAccount}, which refuses allocations while it
 * is raised.
 */
public final class MicropythonModule {
    private MicropythonModule() {}

    public static PyModule create(Runtime rt) {
        FixedModule m = new FixedModule("micropython");
        m.setAttr("const", new PyBuiltinFunction("const", 1, 1, false, (a, kw) -> a[0]));
        m.setAttr("opt_level", new PyBuiltinFunction("opt_level", 0, 1, false, (a, kw) -> {
            CompileOptions current = rt.compileOptions();
            if (a.length == 0) {
                return PyInt.of(current.optimizationLevel());
            }
            long level = Ops.indexValue(a[0], "int");
            // MicroPython stores any value; the compiler knows levels 0..3 and treats more as 3
            int clamped = (int) Math.max(0, Math.min(3, level));
            rt.setCompileOptions(new CompileOptions(clamped, current.emitMode()));
            return PyNone.NONE;
        }));
        m.setAttr("RingIO", dev.mica.vm.modules.RingIO.TYPE);
        m.setAttr("schedule", new PyBuiltinFunction("schedule", 2, 2, false, (a, kw) -> {
            rt.schedule(a[0], a[1]);
            return PyNone.NONE;
        }));
        m.setAttr("heap_lock", new PyBuiltinFunction("heap_lock", 0, 0, false, (a, kw) -> {
            rt.heapAccount().lock();
            return PyNone.NONE;
        }));
        m.setAttr("heap_unlock", new PyBuiltinFunction("heap_unlock", 0, 0, false, (a, kw) -> {
            return PyInt.of(rt.heapAccount().unlock());
        }));
        m.setAttr("heap_locked", new PyBuiltinFunction("heap_locked", 0, 0, false, (a, kw) -> {
            return PyInt.of(rt.heapAccount().lockDepth());
        }));
        m.setAttr("kbd_intr", new PyBuiltinFunction("kbd_intr", 1, 1, false, (a, kw) -> {
            Ops.indexValue(a[0], "int");
            return PyNone.NONE;
        }));
        MemoryReport memory = new MemoryReport(rt.heapAccount());
        m.setAttr("mem_total", new PyBuiltinFunction("mem_total", 0, 0, false, (a, kw) -> PyInt.of(memory.totalAllocated())));
        m.setAttr("mem_current", new PyBuiltinFunction("mem_current", 0, 0, false, (a, kw) -> PyInt.of(memory.current())));
        m.setAttr("mem_peak", new PyBuiltinFunction("mem_peak", 0, 0, false, (a, kw) -> PyInt.of(memory.peak())));
        m.setAttr("stack_use", new PyBuiltinFunction("stack_use", 0, 0, false, (a, kw) -> PyInt.of(rt.depth)));
        m.setAttr("mem_info", new PyBuiltinFunction("mem_info", 0, 1, false, (a, kw) -> {
            rt.writeOut(a.length == 0 ? memory.text(rt.depth, rt.maxDepth) : memory.verboseText(rt.depth, rt.maxDepth));
            return PyNone.NONE;
        }));
        m.setAttr("qstr_info", new PyBuiltinFunction("qstr_info", 0, 1, false, (a, kw) -> {
            Set<String> names = runtimeQstrs(rt);
            long data = 0;
            for (String n : names) {
                data += n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            }
            StringBuilder sb = new StringBuilder();
            sb.append("qstr pool: n_pool=1, n_qstr=").append(names.size()).append(", n_str_data_bytes=").append(data)
                    .append(", n_total_bytes=").append(data + 8L * names.size()).append('\n');
            if (a.length > 0 && a[0].isTrue()) {
                for (String n : names) {
                    sb.append("Q(").append(n).append(")\n");
                }
            }
            rt.writeOut(sb.toString());
            return PyNone.NONE;
        }));
        return m.seal();
    }

    /**
     * The qstrs MicroPython would have made while running: what is not in its static table of
     * names built into the firmware. Here: the module search path and the names of the code the
     * interpreter has run (file names, identifiers, short string constants), less the names the
     * built-in objects already carry (builtins, built-in modules and types and their attributes).
     */
    private static Set<String> runtimeQstrs(Runtime rt) {
        Set<String> builtIn = new java.util.HashSet<>(rt.builtinModules().names());
        Set<PyType> types = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Map.Entry<PyObject, PyObject> e : rt.builtins().map().entrySet()) {
            builtIn.add(e.getKey().str());
            collectType(e.getValue(), builtIn, types);
        }
        for (PyModule made : rt.builtinModules().madeModules()) {
            for (Map.Entry<PyObject, PyObject> e : made.globals().map().entrySet()) {
                builtIn.add(e.getKey().str());
                collectType(e.getValue(), builtIn, types);
            }
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (PyObject entry : rt.path().toArray()) {
            String p = entry.str();
            if (!p.isEmpty() && !p.startsWith(".")) {
                names.add(p);
            }
        }
        for (String n : rt.qstrsSeen()) {
            if (!n.isEmpty() && !n.startsWith("<") && !n.startsWith("__") && !builtIn.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    private static void collectType(PyObject value, Set<String> names, Set<PyType> seen) {
        if (value instanceof PyType t && t.isBuiltin() && seen.add(t)) {
            names.add(t.name());
            for (PyType k : t.mro()) {
                if (k.isBuiltin() && seen.add(k)) {
                    names.add(k.name());
                }
                if (k.isBuiltin()) {
                    names.addAll(k.dict().keySet());
                }
            }
        }
    }
}
