package dev.mica.modules.re;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/**
 * The {@code re} module: MicroPython's small regular expressions (re1.5 syntax, a backtracking
 * matcher over bytes). The module functions take a pattern as str, bytes or a compiled re.
 */
@Component(service = ModuleProvider.class)
public final class ReModule implements ModuleProvider {
    /** The flag of re.compile that prints the compiled program (MicroPython's value). */
    private static final int DEBUG = 0x1000;

    @Override
    public String name() {
        return "re";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        PyObject callable = Ops.getAttr(environment.importModule("builtins"), "callable");
        FixedModule m = new FixedModule("re");
        m.setAttr("DEBUG", PyInt.of(DEBUG));
        m.setAttr("compile", new PyBuiltinFunction("compile", 1, 2, false, (a, kw) -> {
            RegexProgram program = RegexCompiler.compile(Subject.bytesOf(a[0]));
            if (a.length > 1 && (Ops.indexValue(a[1], "int") & DEBUG) != 0) {
                // the listing goes where print() output goes
                PyObject stdout = Ops.getAttr(environment.importModule("sys"), "stdout");
                Ops.getAttr(stdout, "write").call(new PyObject[] {PyStr.of(RegexDump.of(program))}, null);
            }
            return new CompiledPattern(program, environment, callable);
        }));
        m.setAttr("match", new PyBuiltinFunction("match", 2, 4, false,
                (a, kw) -> pattern(a[0], environment, callable).match(a[1], true)));
        m.setAttr("search", new PyBuiltinFunction("search", 2, 4, false,
                (a, kw) -> pattern(a[0], environment, callable).match(a[1], false)));
        m.setAttr("sub", new PyBuiltinFunction("sub", 3, 5, false,
                (a, kw) -> pattern(a[0], environment, callable).sub(a[1], a[2], a.length > 3 ? Ops.indexValue(a[3], "int") : 0)));
        return m.seal();
    }

    private static CompiledPattern pattern(PyObject p, ModuleEnvironment environment, PyObject callable) {
        if (p instanceof CompiledPattern c) {
            return c;
        }
        return new CompiledPattern(RegexCompiler.compile(Subject.bytesOf(p)), environment, callable);
    }
}
