package dev.mica.vm.bytecode;

import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyDict;
import dev.mica.vm.runtime.Runtime;

/**
 * The state of one running code object: locals and value stack in one array (local i at
 * {@code state[nState - 1 - i]}, the stack growing up from index 0, as MicroPython lays it
 * out), the exception-handler stack, and where to resume a generator.
 */
public final class Frame extends CompiledFrame implements dev.mica.heap.HeapTraceable {
    final CodeInfo code;
    final Runtime runtime;
    final PyDict globals;
    /** Namespace for LOAD_NAME/STORE_NAME: the module's globals or a class body's dict; null in functions. */
    final PyDict locals;
    final Object[] state;
    int sp = -1;
    int ip;
    final int[] excHandler;
    final int[] excSp;
    final boolean[] excFinally;
    final PyBaseException[] excPrev;
    int excTop = -1;
    /** Set when the last run stopped at a yield. */
    boolean yielded;
    boolean finished;

    private static final int[] NO_INTS = new int[0];
    private static final boolean[] NO_FLAGS = new boolean[0];
    private static final PyBaseException[] NO_EXCEPTIONS = new PyBaseException[0];

    public Frame(CodeInfo code, Runtime runtime, PyDict globals, PyDict locals) {
        this.code = code;
        this.runtime = runtime;
        this.globals = globals;
        this.locals = locals;
        this.state = new Object[code.nState + 1];
        int n = code.nExcStack;
        if (n == 0) {
            excHandler = NO_INTS;
            excSp = NO_INTS;
            excFinally = NO_FLAGS;
            excPrev = NO_EXCEPTIONS;
        } else {
            excHandler = new int[n];
            excSp = new int[n];
            excFinally = new boolean[n];
            excPrev = new PyBaseException[n];
        }
    }

    /** Makes a frame whose call returned as good as new for the next call of its function. */
    void clearForReuse() {
        java.util.Arrays.fill(state, null);
        if (excPrev.length != 0) {
            java.util.Arrays.fill(excPrev, null);
        }
        sp = -1;
        ip = 0;
        excTop = -1;
        callerGlobals = null;
    }

    /** A running frame lives on MicroPython's C stack; a generator's is counted by the generator. */
    @Override
    public long heapBytes() {
        return 0;
    }

    /** Locals and the value stack (every slot: what lies above the top is still there, as on a C stack). */
    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        for (Object o : state) {
            visitor.visit(o);
        }
        visitor.visit(globals);
        visitor.visit(locals);
        for (PyBaseException e : excPrev) {
            visitor.visit(e);
        }
    }

    void setLocal(int i, Object v) {
        state[code.nState - 1 - i] = v;
    }
}
