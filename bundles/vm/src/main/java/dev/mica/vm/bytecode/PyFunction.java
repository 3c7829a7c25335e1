package dev.mica.vm.bytecode;

import dev.mica.code.Opcodes;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyCell;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;
import dev.mica.vm.runtime.Runtime;

/** A function defined in Python: code, globals, defaults and closed-over cells. */
public final class PyFunction extends PyObject {
    final CodeInfo code;
    final Runtime runtime;
    final PyDict globals;
    final PyObject[] defaults;
    final PyDict kwDefaults;
    final PyObject[] closed;
    /**
     * The number of arguments with which a call can fill the frame straight from the caller's
     * stack (exactly the positional parameters after a closure's cells; no defaults, *args,
     * **kwargs or keyword-only parameters involved), or -1 when calls always bind arguments.
     */
    private final int directArity;

    public PyFunction(CodeInfo code, Runtime runtime, PyDict globals, PyObject[] defaults, PyDict kwDefaults, PyObject[] closed) {
        dev.mica.heap.HeapAccount.chargeCurrent(bytesFor(defaults, closed));
        this.code = code;
        this.runtime = runtime;
        this.globals = globals;
        this.defaults = defaults;
        this.kwDefaults = kwDefaults;
        this.closed = closed;
        boolean direct = (code.scopeFlags & (Opcodes.SCOPE_FLAG_VARARGS | Opcodes.SCOPE_FLAG_VARKEYWORDS)) == 0
                && code.nKwonlyArgs == 0;
        // a closure's cells come first among its positional parameters; callers pass the rest
        this.directArity = direct ? code.nPosArgs - (closed == null ? 0 : closed.length) : -1;
    }

    /**
     * MicroPython's function object (type, context, child table, bytecode, flags) with its
     * default arguments inline, and the closure object around it when it closes over cells.
     */
    private static long bytesFor(PyObject[] defaults, PyObject[] closed) {
        long bytes = dev.mica.heap.HeapAccount.blocks(32 + 8L * (defaults == null ? 0 : defaults.length));
        if (closed != null && closed.length > 0) {
            bytes += dev.mica.heap.HeapAccount.blocks(24 + 8L * closed.length);
        }
        return bytes;
    }

    @Override
    public long heapBytes() {
        return bytesFor(defaults, closed);
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        visitor.visit(globals);
        if (defaults != null) {
            for (PyObject d : defaults) {
                visitor.visit(d);
            }
        }
        visitor.visit(kwDefaults);
        if (closed != null) {
            for (PyObject c : closed) {
                visitor.visit(c);
            }
        }
    }

    public CodeInfo code() {
        return code;
    }

    public PyDict globals() {
        return globals;
    }

    @Override
    public PyType type() {
        return PyBuiltinFunction.TYPE;
    }

    @Override
    public boolean isMethodFunction() {
        return true;
    }

    @Override
    public String repr() {
        return "<function " + code.name + " at 0x" + Long.toHexString(Py.id(this)) + ">";
    }

    @Override
    public PyObject getAttr(String name) {
        if (name == "__name__") {
            return PyStr.name(code.name);
        }
        if (name == "__globals__") {
            return globals;
        }
        return super.getAttr(name);
    }

    @Override
    public PyObject call(PyObject[] args, String[] kwNames) {
        if (kwNames == null && args.length == directArity) {
            // exactly the positional parameters: no binding needed (as calls from bytecode)
            return callFromStack(args, 0, args.length, null);
        }
        Frame f = new Frame(code, runtime, globals, null);
        bindArguments(f, args, kwNames);
        return runBound(f);
    }

    /**
     * The frame of this function's last compiled call, cleared, for the next call: a plain call's
     * frame never outlives the call (a generator keeps its own frame, a traceback copies lines),
     * and its allocation is a large part of a short call. Only one is kept, so a recursive call
     * makes its own. It is taken and given back while holding the interpreter's lock, so two
     * threads never get the same frame.
     */
    private Frame spareFrame;

    /** A frame for a call: the spare one if there is one, else a new one. */
    private Frame takeFrame() {
        Frame f = spareFrame;
        if (f != null) {
            spareFrame = null;
            return f;
        }
        return new Frame(code, runtime, globals, null);
    }

    /**
     * True when a call with exactly the positional parameters can fill the frame directly:
     * no defaults needed, no *args/**kwargs or keyword-only parameters.
     */
    boolean simpleCall(int nArgs) {
        return nArgs == directArity;
    }

    /** A call that passes {@code n} positional arguments straight from a value stack (and an optional self). */
    PyObject callFromStack(Object[] stack, int base, int n, PyObject self) {
        Frame f = takeFrame();
        Object[] st = f.state;
        int top = code.nState - 1;
        int k = 0;
        PyObject[] cl = closed;
        if (cl != null) {
            for (; k < cl.length; k++) {
                st[top - k] = cl[k];
            }
        }
        if (self != null) {
            st[top - k] = self;
            k++;
        }
        for (int i = 0; i < n; i++) {
            st[top - k - i] = stack[base + i];
        }
        return start(f);
    }

    /**
     * A call with {@code n} (at most three) positional arguments given one by one, for a
     * function where {@link #simpleCall} holds for {@code n}: fills the frame without an array.
     */
    PyObject callArgs(int n, PyObject a, PyObject b, PyObject c) {
        Frame f = takeFrame();
        Object[] st = f.state;
        int top = code.nState - 1;
        PyObject[] cl = closed;
        if (cl != null) {
            for (int k = 0; k < cl.length; k++) {
                st[top - k] = cl[k];
            }
            top -= cl.length;
        }
        if (n > 0) {
            st[top] = a;
            if (n > 1) {
                st[top - 1] = b;
                if (n > 2) {
                    st[top - 2] = c;
                }
            }
        }
        return start(f);
    }

    /** Runs a call whose frame has its arguments: makes its cells, then runs it. */
    private PyObject start(Frame f) {
        if (code.cells.length != 0) {
            makeCells(f);
        }
        return runBound(f);
    }

    /** Runs a call whose frame has its arguments and cells: as generator, compiled code or bytecode. */
    private PyObject runBound(Frame f) {
        if (code.generator) {
            return startGenerator(f);
        }
        dev.mica.emit.CompiledBody body = compiledBody();
        if (body == null) {
            return VirtualMachine.runFunction(f);
        }
        PyObject result = NativeCalls.run(f, body);
        f.clearForReuse();
        spareFrame = f;
        return result;
    }

    /** Puts the locals that inner functions close over into cells. */
    private void makeCells(Frame f) {
        Object[] st = f.state;
        int top = code.nState - 1;
        for (int local : code.cells) {
            int slot = top - local;
            st[slot] = new PyCell((PyObject) st[slot]);
        }
    }

    private PyObject startGenerator(Frame f) {
        return new PyGenerator(f, code.name, compiledBody());
    }

    /**
     * The JVM code this call runs: for code that asked for the emitter, or that tiering finds
     * hot (this call counts towards it); null to run bytecode.
     */
    private dev.mica.emit.CompiledBody compiledBody() {
        return code.wantsNative || runtime.tierThreshold != 0 && NativeCalls.heatUp(code, runtime)
                ? NativeCalls.body(code, runtime) : null;
    }

    /** Runs the code with a given namespace for names (a class body). */
    public PyObject callWithLocals(PyDict locals) {
        Frame f = new Frame(code, runtime, globals, locals);
        bindArguments(f, Py.NO_ARGS, null);
        return VirtualMachine.runFunction(f);
    }

    private PyObject[] withClosed(PyObject[] args) {
        if (closed == null || closed.length == 0) {
            return args;
        }
        PyObject[] a = new PyObject[closed.length + args.length];
        System.arraycopy(closed, 0, a, 0, closed.length);
        System.arraycopy(args, 0, a, closed.length, args.length);
        return a;
    }

    private void bindArguments(Frame f, PyObject[] argsIn, String[] kwNames) {
        PyObject[] args = withClosed(argsIn);
        CodeInfo c = code;
        Object[] st = f.state;
        int nState = c.nState;
        int nKw = kwNames == null ? 0 : kwNames.length;
        int nArgs = args.length - nKw;
        int flags = c.scopeFlags;
        int nPos = c.nPosArgs;
        int varSlot = nState - 1 - nPos - c.nKwonlyArgs;
        if (nArgs > nPos) {
            if ((flags & Opcodes.SCOPE_FLAG_VARARGS) == 0) {
                throw mismatch(nPos, nArgs);
            }
            PyObject[] extra = new PyObject[nArgs - nPos];
            System.arraycopy(args, nPos, extra, 0, extra.length);
            st[varSlot--] = new PyTuple(extra);
            nArgs = nPos;
        } else {
            if ((flags & Opcodes.SCOPE_FLAG_VARARGS) != 0) {
                st[varSlot--] = PyTuple.EMPTY;
            }
            if (nKw == 0 && (flags & Opcodes.SCOPE_FLAG_DEFKWARGS) == 0) {
                int required = nPos - c.nDefPosArgs;
                if (nArgs >= required) {
                    for (int i = nArgs; i < nPos; i++) {
                        st[nState - 1 - i] = defaults[i - required];
                    }
                } else {
                    throw mismatch(required, nArgs);
                }
            }
        }
        for (int i = 0; i < nArgs; i++) {
            st[nState - 1 - i] = args[i];
        }
        if (nKw != 0 || (flags & Opcodes.SCOPE_FLAG_DEFKWARGS) != 0) {
            PyDict dict = null;
            if ((flags & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0) {
                dict = new PyDict();
                st[varSlot] = dict;
            }
            String[] names = c.argNames;
            for (int i = 0; i < nKw; i++) {
                String wanted = kwNames[i];
                int j = 0;
                for (; j < names.length; j++) {
                    if (names[j].equals(wanted)) {
                        break;
                    }
                }
                if (j < names.length) {
                    if (st[nState - 1 - j] != null) {
                        throw Py.typeError("function got multiple values for argument '" + wanted + "'");
                    }
                    st[nState - 1 - j] = args[args.length - nKw + i];
                    continue;
                }
                if (dict == null) {
                    throw Py.typeError("unexpected keyword argument '" + wanted + "'");
                }
                PyStr key = PyStr.name(wanted);
                if (dict.get(key) != null) {
                    throw Py.typeError("function got multiple values for argument '" + wanted + "'");
                }
                dict.put(key, args[args.length - nKw + i]);
            }
            int nDef = c.nDefPosArgs;
            for (int i = 0; i < nDef; i++) {
                int slot = nState - nPos + i;
                if (st[slot] == null) {
                    st[slot] = defaults[nDef - 1 - i];
                }
            }
            for (int slot = nState - nPos; slot < nState; slot++) {
                if (st[slot] == null) {
                    throw Py.typeError("function missing required positional argument #" + (nState - slot));
                }
            }
            for (int i = 0; i < c.nKwonlyArgs; i++) {
                int slot = nState - 1 - nPos - i;
                if (st[slot] == null) {
                    PyObject v = kwDefaults == null ? null : kwDefaults.get(PyStr.name(names[nPos + i]));
                    if (v == null) {
                        throw Py.typeError("function missing required keyword argument '" + names[nPos + i] + "'");
                    }
                    st[slot] = v;
                }
            }
        } else {
            if (c.nKwonlyArgs != 0) {
                throw Py.typeError("function missing keyword-only argument");
            }
            if ((flags & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0) {
                st[varSlot] = new PyDict();
            }
        }
        makeCells(f);
    }

    /** Counts include the closed-over variables, which MicroPython passes as leading arguments. */
    private RuntimeException mismatch(int expected, int given) {
        return Py.typeError(code.name + "() takes " + expected + " positional arguments but " + given + " were given");
    }
}
