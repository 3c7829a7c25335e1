package dev.mica.emit;

import dev.mica.obj.PyException;
import dev.mica.obj.PyObject;

/**
 * What compiled code needs from the call it runs in: the function's globals, its child code
 * objects, imports, interrupts and tracebacks. The VM makes one per call of a compiled function.
 */
public abstract class NativeFrame {
    protected NativeFrame() {}

    /** LOAD_GLOBAL of {@code names()[name]}: globals, then builtins, else NameError. */
    public abstract PyObject loadGlobal(int name);

    public abstract void storeGlobal(int name, PyObject value);

    public abstract void deleteGlobal(int name);

    /** MAKE_FUNCTION/MAKE_CLOSURE: the function of child code {@code child}; null where there is nothing. */
    public abstract PyObject makeFunction(int child, PyObject defaults, PyObject kwDefaults, PyObject[] closed);

    public abstract PyObject importName(int name, PyObject fromList, PyObject level);

    public abstract PyObject importFrom(PyObject module, int name);

    public abstract void importStar(PyObject module);

    /** LOAD_BUILD_CLASS. */
    public abstract PyObject buildClass();

    /** At backward jumps and calls: handles a pending KeyboardInterrupt or thread switch. */
    public abstract void checkInterrupts();

    /** For a generator: which yield to resume after (0: the start). */
    public abstract int resumePoint();

    /**
     * For a generator at a yield: the locals and the value stack (up to index {@code top})
     * are in the state array; the next resume continues after yield number {@code point}.
     */
    public abstract void suspend(int point, int top);

    /** For a resumed generator: the exception thrown into it (throw(), close()), or null. */
    public abstract PyObject takeInjected();

    /** RAISE_FROM: raises the exception ({@code cause} is only warned about, as in MicroPython). */
    public abstract PyException raiseFrom(PyObject exception, PyObject cause);

    /**
     * An exception handler of the function is entered for {@code caught} (the interpreter's
     * handled exception is set, as for bytecode); returns the exception object to push.
     */
    public abstract PyObject enterHandler(PyException caught);

    /** POP_EXCEPT_JUMP: the handler is done with its exception. */
    public abstract void leaveHandler();

    /**
     * The Python exception for a failure at instruction {@code position} (a negative position:
     * a re-raise, which adds no traceback line), with this function's
     * traceback line added; Java failures become the Python exceptions the interpreter gives.
     */
    public abstract PyException traceback(Throwable failure, int position);

    /*
     * Attribute access of instruction number {@code site} (its index in the instruction list):
     * the VM keeps a per-instruction cache of the class lookup, as for bytecode.
     */

    /** LOAD_ATTR at instruction {@code site}. */
    public PyObject loadAttr(PyObject o, int site, String name) {
        return NativeOps.loadAttr(o, name);
    }

    /** STORE_ATTR at instruction {@code site}; a null value deletes the attribute. */
    public void storeAttr(PyObject o, int site, String name, PyObject value) {
        NativeOps.storeAttr(o, name, value);
    }

    /** LOAD_METHOD at instruction {@code site}: {@code pair[0]} the function, {@code pair[1]} self or null. */
    public void loadMethod(PyObject o, int site, String name, PyObject[] pair) {
        NativeOps.loadMethod(o, name, pair);
    }
}
