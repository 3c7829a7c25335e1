package dev.mica.emit;

import dev.mica.obj.PyObject;

/** One function compiled to JVM code. */
public interface CompiledBody {
    /**
     * Runs one call. The VM has bound the arguments as for bytecode: local {@code i} is
     * {@code state[code.nState() - 1 - i]}, closed-over and cell locals hold their cells.
     * Returns the function's result; a Python exception leaves as a {@link dev.mica.obj.PyException}
     * with the function's traceback line added (see {@link NativeFrame#traceback}).
     */
    PyObject run(NativeFrame frame, Object[] state);
}
