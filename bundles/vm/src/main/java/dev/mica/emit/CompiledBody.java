package dev.mica.emit;

import dev.mica.obj.PyObject;

/**
 * One function compiled to JVM code. A class rather than an interface: a call site that sees
 * many compiled functions dispatches through the virtual-method table, which is cheaper than
 * the interface table.
 */
public abstract class CompiledBody {
    protected CompiledBody() {}

    /**
     * Runs one call. The VM has bound the arguments as for bytecode: local {@code i} is
     * {@code state[code.nState() - 1 - i]}, closed-over and cell locals hold their cells.
     * Returns the function's result; a Python exception leaves as a {@link dev.mica.obj.PyException}
     * with the function's traceback line added (see {@link NativeFrame#traceback}).
     */
    public abstract PyObject run(NativeFrame frame, Object[] state);
}
