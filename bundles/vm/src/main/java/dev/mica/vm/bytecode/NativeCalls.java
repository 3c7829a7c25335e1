package dev.mica.vm.bytecode;

import dev.mica.code.EmitMode;
import dev.mica.emit.CompiledBody;
import dev.mica.emit.NativeEmitter;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyObject;
import dev.mica.vm.runtime.Runtime;

/**
 * Where the VM meets the native emitter. Code that asked for native or viper compilation is
 * compiled when its module is loaded (so viper's type errors come at compile time, as in
 * MicroPython) and then whenever a different emitter is bound; its calls run the JVM code.
 * The compiled body is kept with the emitter that made it: once that emitter is no longer
 * the bound one, the body is dropped (and with it the last reference to its class loader)
 * and the function runs as bytecode until another emitter compiles it. The factory also drops
 * the bodies of an emitter when it is unbound ({@link CodeInfo#dropNativeCode}), so a function
 * that is not called again does not keep the old emitter's classes either. Viper code cannot
 * run as bytecode: its calls wait a few seconds for an emitter after one went away, then raise
 * {@code RuntimeError}.
 */
final class NativeCalls {
    private NativeCalls() {}

    /** The outcome of one emitter's compilation: its body, or null when it declined. */
    record Compiled(CompiledBody body, NativeEmitter owner) {}

    /**
     * Compiles every function of a freshly loaded module that asked for an emitter. Without an
     * emitter, viper code is refused as on a MicroPython port built without native code: a
     * SyntaxError from source, a ValueError from a {@code .mpy} file; native code simply runs
     * as bytecode.
     */
    static void prepare(CodeInfo code, Runtime rt) {
        if (code.wantsNative) {
            NativeEmitter emitter = rt.emitter();
            if (emitter == null && code.hints.mode() == EmitMode.VIPER) {
                emitter = rt.awaitEmitter(); // during an emitter update, as for calls
            }
            if (emitter == null) {
                if (code.hints.mode() == EmitMode.VIPER && code.module.fromMpyFile()) {
                    throw Py.valueError("native code in .mpy unsupported");
                }
                if (code.hints.mode() == EmitMode.VIPER) {
                    PyBaseException e = PyBaseException.withMessage(PyBaseException.SYNTAX_ERROR, "invalid micropython decorator");
                    e.addTraceback(code.sourceFile(), code.lineOf(0), code.name);
                    throw new dev.mica.obj.PyException(e);
                }
            } else {
                compile(code, emitter, rt);
            }
        }
        for (CodeInfo child : code.children) {
            prepare(child, rt);
        }
    }

    private static CompiledBody compile(CodeInfo code, NativeEmitter emitter, Runtime rt) {
        CompiledBody body;
        try {
            body = emitter.compile(new FunctionCodeView(code));
        } catch (LinkageError stale) {
            // the emitter's bundle was updated or removed before its unbind reached this
            // interpreter: compile with the emitter that follows it, as after an unbind
            NativeEmitter next = awaitAnotherEmitter(rt, emitter);
            if (next == null) {
                code.compiled = null;
                if (code.hints.mode() == EmitMode.VIPER) {
                    throw Py.runtimeError("no native emitter available for viper code");
                }
                return null;
            }
            return compile(code, next, rt);
        }
        code.compiled = new Compiled(body, emitter);
        rt.rememberNativeCode(code);
        return body;
    }

    /** The emitter bound after {@code stale}, waiting out an update's gap as calls do; null when none comes. */
    private static NativeEmitter awaitAnotherEmitter(Runtime rt, NativeEmitter stale) {
        long deadline = System.nanoTime() + dev.mica.vm.MicaInterpreterFactory.EMITTER_GAP_NANOS;
        while (System.nanoTime() < deadline) {
            NativeEmitter current = rt.emitter();
            if (current == null) {
                current = rt.awaitEmitter();
                if (current == null) {
                    return null;
                }
            }
            if (current != stale) {
                return current;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The JVM code to run for a call of {@code code}, or null to run its bytecode. */
    static CompiledBody body(CodeInfo code, Runtime rt) {
        Compiled c = code.compiled;
        NativeEmitter emitter = rt.emitter();
        if (c != null && c.owner() == emitter) {
            return c.body();
        }
        if (emitter == null) {
            code.compiled = null;
            if (code.hints.mode() != EmitMode.VIPER) {
                return null;
            }
            // viper's typed words and pointers have no bytecode form: wait out the gap of an
            // emitter update, and fail clearly once the emitter is gone for good
            emitter = rt.awaitEmitter();
            if (emitter == null) {
                throw Py.runtimeError("no native emitter available for viper code");
            }
        }
        return compile(code, emitter, rt);
    }

    /**
     * Counts a call of a bytecode function towards tiering; true when it has just become hot
     * (it is then compiled as native code, and runs compiled from this call on when the
     * emitter takes it). For a generator function the calls are the generators it made: a
     * generator made once it is hot runs compiled for its whole life, those made before stay
     * bytecode.
     */
    static boolean heatUp(CodeInfo code, Runtime rt) {
        if (++code.heat < rt.tierThreshold || rt.emitter() == null) {
            return false;
        }
        code.tiered = true;
        code.wantsNative = true;
        return true;
    }

    /** Resumes a compiled generator's frame, as VirtualMachine.resume does for bytecode. */
    static PyObject resume(Frame f, CompiledBody body, PyObject inject) {
        enter(f);
        f.yielded = false;
        f.inject(inject);
        return runEntered(f, body);
    }

    /**
     * Runs a call of compiled code in a frame whose arguments are bound, as runFunction runs
     * bytecode. Kept small, with the frame's entry and exit in methods of their own, so that the
     * JIT inlines it into its callers.
     */
    static PyObject run(Frame f, CompiledBody body) {
        enter(f);
        return runEntered(f, body);
    }

    /** Runs {@code body} in a frame that {@link #enter} has entered, and leaves the frame. */
    private static PyObject runEntered(Frame f, CompiledBody body) {
        try {
            return body.run(f, f.state);
        } catch (StackOverflowError e) {
            throw Py.runtimeError("maximum recursion depth exceeded");
        } finally {
            leave(f);
        }
    }

    /** Counts the call against the recursion limit, lists its frame and makes its globals current. */
    private static void enter(Frame f) {
        Runtime rt = f.runtime;
        if (++rt.depth > rt.maxDepth) {
            rt.depth--;
            throw Py.runtimeError("maximum recursion depth exceeded");
        }
        enterFrame(rt, f);
        f.callerGlobals = rt.currentGlobals;
        rt.currentGlobals = f.globals;
    }

    private static void leave(Frame f) {
        Runtime rt = f.runtime;
        leaveFrame(rt, f);
        rt.currentGlobals = f.callerGlobals;
    }

    /**
     * Lists a running compiled frame with the interpreter's frames, as runFunction does for
     * bytecode: the heap's tracer finds its arguments and locals (compiled code writes object
     * locals through to the state), and its state counts against the heap budget. The caller
     * has already counted the depth.
     */
    private static void enterFrame(Runtime rt, Frame f) {
        VirtualMachine.enterFrameSlots(rt, f);
        int d = rt.depth;
        Object[] frames = rt.frames;
        (d < frames.length ? frames : rt.growFrames(d))[d] = f;
    }

    private static void leaveFrame(Runtime rt, Frame f) {
        rt.frames[rt.depth--] = null;
        rt.frameSlots -= f.code.nState;
    }
}
