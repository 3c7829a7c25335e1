package dev.mica.vm.bytecode;

import dev.mica.obj.Py;
import dev.mica.obj.PyException;
import dev.mica.obj.PyObject;
import dev.mica.obj.PySuper;
import dev.mica.obj.PyType;

/**
 * The interpreter's own opcode helpers, opened to {@link dev.mica.emit.NativeOps} so that
 * compiled code and the bytecode loop share one definition of every operation.
 */
public final class NativeSupport {
    private NativeSupport() {}

    /** Compiles the functions of newly loaded code that asked for the native emitter. */
    public static void prepare(CodeInfo code, dev.mica.vm.runtime.Runtime rt) {
        NativeCalls.prepare(code, rt);
    }

    public static PyObject binaryOp(int op, PyObject a, PyObject b) {
        return VirtualMachine.binaryOp(op, a, b);
    }

    public static void loadMethod(PyObject o, String name, PyObject[] pair) {
        // the interpreter's helper fills two slots of its value stack; a PyObject[] is one
        VirtualMachine.loadMethod(o, name, pair, 0);
    }

    public static PyObject loadSuperMethod(PyObject type, PyObject self, String name, PyObject[] pair) {
        PySuper sup = new PySuper((PyType) type, self);
        PyObject m = sup.lookup(name);
        if (m != null && m.isMethodFunction()) {
            pair[0] = m;
            pair[1] = sup.self();
        } else {
            PyObject v = sup.getAttr(name);
            if (v == null) {
                throw Py.attributeError("'super' object has no attribute '" + name + "'");
            }
            pair[0] = v;
            pair[1] = null;
        }
        return pair[0];
    }

    /** A call with positional arguments (then keyword values named by kwNames), as CALL_FUNCTION makes it. */
    public static PyObject call(PyObject fn, PyObject[] args, String[] kwNames) {
        if (kwNames == null && fn instanceof PyFunction pf && pf.simpleCall(args.length)) {
            return pf.callFromStack(args, 0, args.length, null);
        }
        if (kwNames == null && fn instanceof PyType t) {
            PyObject made = InstanceCreation.construct(t, args);
            if (made != null) {
                return made;
            }
        }
        return fn.call(args, kwNames);
    }

    /**
     * A call with {@code n} (at most three) positional arguments and no keywords, given one by
     * one: a Python function with exactly these parameters gets them without an argument array.
     */
    public static PyObject callArgs(PyObject fn, int n, PyObject a, PyObject b, PyObject c) {
        if (fn instanceof PyFunction pf && pf.simpleCall(n)) {
            return pf.callArgs(n, a, b, c);
        }
        if (fn instanceof PyType t) {
            PyObject made = InstanceCreation.construct(t, n, a, b, c);
            if (made != null) {
                return made;
            }
        }
        PyObject[] args = n == 0 ? Py.NO_ARGS : n == 1 ? new PyObject[] {a} : n == 2 ? new PyObject[] {a, b} : new PyObject[] {a, b, c};
        return fn.call(args, null);
    }

    /**
     * CALL_METHOD after LOAD_METHOD found a plain attribute: the call of {@code args} without
     * its first (empty) slot.
     */
    public static PyObject callWithoutSelf(PyObject fn, PyObject[] args, String[] kwNames) {
        if (kwNames == null && fn instanceof PyFunction pf && pf.simpleCall(args.length - 1)) {
            return pf.callFromStack(args, 1, args.length - 1, null);
        }
        return fn.call(java.util.Arrays.copyOfRange(args, 1, args.length), kwNames);
    }

    public static PyObject callVarKw(PyObject fn, PyObject self, Object[] items, int nPos, int nKw) {
        return VirtualMachine.callVarKw(items, 0, nPos, nKw, fn, self);
    }

    public static PyObject[] unpackSequence(PyObject seq, int n) {
        Object[] st = new Object[n];
        VirtualMachine.unpackSequence(seq, n, st, 0);
        PyObject[] out = new PyObject[n];
        for (int i = 0; i < n; i++) {
            out[i] = (PyObject) st[i];
        }
        return out;
    }

    public static PyObject[] unpackEx(PyObject seq, int before, int after) {
        int n = before + after + 1;
        Object[] st = new Object[n];
        VirtualMachine.unpackEx(seq, before, after, st, 0);
        PyObject[] out = new PyObject[n];
        for (int i = 0; i < n; i++) {
            out[i] = (PyObject) st[i];
        }
        return out;
    }

    public static PyException raise(PyObject o) {
        return new PyException(VirtualMachine.makeRaiseObject(o));
    }

    /**
     * One step of YIELD_FROM, as the interpreter takes it: sends {@code send} into the delegate
     * (or throws {@code thrown} in). Returns what the delegate yielded, or null when it is done;
     * its return value is then in {@code returned[0]}. A GeneratorExit thrown in is raised again
     * once the delegate has closed.
     */
    public static PyObject yieldFrom(PyObject target, PyObject send, PyObject thrown, PyObject[] returned) {
        if (thrown == null && target instanceof PyGenerator g) {
            PyObject r = g.resume(send, null);
            if (r != null) {
                return r;
            }
            returned[0] = g.returnValue();
            return null;
        }
        Object[] result = VirtualMachine.delegate(target, send, thrown);
        if (result[0] == Boolean.TRUE) {
            return (PyObject) result[1];
        }
        returned[0] = (PyObject) result[1];
        if (thrown != null && VirtualMachine.matchesGeneratorExit(thrown)) {
            throw new PyException(VirtualMachine.makeRaiseObject(thrown));
        }
        return null;
    }

    /**
     * One step of YIELD_FROM in a compiled generator: first what the delegate ended with if a
     * resume of this generator resumed the delegate directly, else a step as above with what the
     * resume threw in. While the delegate is a generator that yields, it is noted in the frame
     * for the next resume.
     */
    public static PyObject yieldFrom(dev.mica.emit.NativeFrame nativeFrame, PyObject target, PyObject send, PyObject[] returned) {
        CompiledFrame frame = (CompiledFrame) nativeFrame;
        Object outcome = frame.delegateOutcome;
        if (outcome != null) {
            frame.delegateOutcome = null;
            if (outcome instanceof PyException failure) {
                throw failure;
            }
            returned[0] = (PyObject) outcome;
            return null;
        }
        PyObject r = yieldFrom(target, send, frame.takeInjected(), returned);
        frame.delegate = r != null && target instanceof PyGenerator g ? g : null;
        return r;
    }

    public static boolean exceptionMatch(PyObject exception, PyObject pattern) {
        return VirtualMachine.exceptionMatch(exception, pattern);
    }
}
