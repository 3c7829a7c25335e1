package dev.mica.vm.bytecode;

import java.util.List;

import dev.mica.code.CompiledModule;
import dev.mica.code.Constant;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;

/** What the code of one compiled module shares: interned names and constant objects. */
public final class ModuleContext {
    final String sourceFile;
    final String[] names;
    final PyStr[] nameObjects;
    final PyObject[] constants;
    /** Where LOAD_GLOBAL found each name last (shared by the module's bytecode and compiled code). */
    final dev.mica.obj.GlobalCache globalCache;
    private final boolean fromMpyFile;

    public ModuleContext(CompiledModule module) {
        this(module, false);
    }

    /** {@code fromMpyFile}: the code was read from a {@code .mpy} file, not made by the compiler. */
    public ModuleContext(CompiledModule module, boolean fromMpyFile) {
        this.fromMpyFile = fromMpyFile;
        this.sourceFile = module.sourceFile();
        List<String> q = module.qstrs();
        names = new String[q.size()];
        nameObjects = new PyStr[q.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = q.get(i).intern();
            nameObjects[i] = PyStr.name(names[i]);
        }
        globalCache = new dev.mica.obj.GlobalCache(names.length);
        constants = new PyObject[module.constants().size()];
        for (int i = 0; i < constants.length; i++) {
            constants[i] = toObject(module.constants().get(i));
        }
    }

    public String sourceFile() {
        return sourceFile;
    }

    /**
     * Whether the code came from a {@code .mpy} file. The loader checks what it can (operands,
     * sizes, jump targets) but not how deep each instruction takes the value stack, so a Java
     * failure inside such code means the file's bytecode is inconsistent, not a VM bug.
     */
    public boolean fromMpyFile() {
        return fromMpyFile;
    }

    static PyObject toObject(Constant c) {
        if (c instanceof Constant.Singleton s) {
            switch (s) {
                case NONE:
                    return PyNone.NONE;
                case FALSE:
                    return PyBool.FALSE;
                case TRUE:
                    return PyBool.TRUE;
                default:
                    return PyNone.ELLIPSIS;
            }
        }
        if (c instanceof Constant.Str s) {
            return PyStr.of(s.value());
        }
        if (c instanceof Constant.Bytes b) {
            return new PyBytes(b.value());
        }
        if (c instanceof Constant.Int i) {
            return PyInt.of(i.value());
        }
        if (c instanceof Constant.Float f) {
            return new PyFloat(f.value());
        }
        if (c instanceof Constant.Complex z) {
            return new dev.mica.obj.PyComplex(z.real(), z.imag());
        }
        if (c instanceof Constant.Tuple t) {
            PyObject[] items = new PyObject[t.items().size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = toObject(t.items().get(i));
            }
            return new PyTuple(items);
        }
        throw dev.mica.obj.Py.error(dev.mica.obj.PyBaseException.NOT_IMPLEMENTED_ERROR, "unsupported constant");
    }
}
