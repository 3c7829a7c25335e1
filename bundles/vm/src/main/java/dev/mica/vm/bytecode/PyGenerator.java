package dev.mica.vm.bytecode;

import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/** A generator: a suspended frame resumed by next/send/throw/close. */
public final class PyGenerator extends PyObject {
    public static final PyType TYPE = PyType.builtin("generator", PyType.OBJECT);

    private final Frame frame;
    private final String name;
    private boolean running;
    /** An exception queued by pend_throw(), raised at the next resume; None when there is none. */
    private PyObject pending = PyNone.NONE;
    /** The value of the return statement once finished. */
    private PyObject returnValue = PyNone.NONE;

    static {
        TYPE.method("send", 2, 2, a -> ((PyGenerator) a[0]).sendOrStop(a[1]));
        TYPE.method("throw", 2, 4, a -> {
            // throw(type[, value[, traceback]]) reduces to one object, passed on unprocessed (as MicroPython)
            PyObject e = a.length > 2 && a[2] != PyNone.NONE ? a[2] : a[1];
            PyObject r = ((PyGenerator) a[0]).resume(null, e);
            if (r == null) {
                throw stop(((PyGenerator) a[0]).returnValue);
            }
            return r;
        });
        TYPE.method("close", 1, 1, a -> {
            ((PyGenerator) a[0]).close();
            return PyNone.NONE;
        });
        TYPE.method("__next__", 1, 1, a -> ((PyGenerator) a[0]).sendOrStop(PyNone.NONE));
        TYPE.method("pend_throw", 2, 2, a -> {
            PyGenerator g = (PyGenerator) a[0];
            if (g.running) {
                throw Py.valueError("generator already executing");
            }
            PyObject previous = g.pending;
            g.pending = a[1];
            return previous;
        });
    }

    /** The compiled code of a native generator (kept for its whole life), or null for bytecode. */
    private final dev.mica.emit.CompiledBody compiled;

    PyGenerator(Frame frame, String name) {
        this(frame, name, null);
    }

    PyGenerator(Frame frame, String name, dev.mica.emit.CompiledBody compiled) {
        dev.mica.heap.HeapAccount.chargeCurrent(bytesFor(frame));
        this.frame = frame;
        this.name = name;
        this.compiled = compiled;
    }

    /** MicroPython's generator: the object, its code state and the frame's state and exception stack inline. */
    private static long bytesFor(Frame frame) {
        return dev.mica.heap.HeapAccount.blocks(64 + 8L * frame.state.length + 16L * frame.excHandler.length);
    }

    @Override
    public long heapBytes() {
        return bytesFor(frame);
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        visitor.visit(frame);
        visitor.visit(pending);
        visitor.visit(returnValue);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<generator object '" + name + "' at " + Long.toHexString(Py.id(this)) + ">";
    }

    @Override
    public PyObject iter() {
        return this;
    }

    @Override
    public PyObject next() {
        PyObject r = resume(PyNone.NONE, null);
        if (r == null) {
            PyBaseException.recordStopValue(returnValue);
        }
        return r;
    }

    public PyObject returnValue() {
        return returnValue;
    }

    static PyException stop(PyObject value) {
        PyObject[] args = value == PyNone.NONE ? Py.NO_ARGS : new PyObject[] {value};
        return new PyException(new PyBaseException(PyBaseException.STOP_ITERATION, args));
    }

    private PyObject sendOrStop(PyObject value) {
        PyObject r = resume(value, null);
        if (r == null) {
            throw stop(returnValue);
        }
        return r;
    }

    /**
     * Runs to the next yield: the yielded value, or null when the generator finished. A thrown
     * value is passed as given (an exception instance or class, or any object), as MicroPython
     * does: a delegate's own throw() receives it unchanged.
     */
    public PyObject resume(PyObject send, PyObject throwValue) {
        if (frame.finished) {
            if (throwValue != null) {
                throw new PyException(VirtualMachine.makeRaiseObject(throwValue));
            }
            returnValue = PyNone.NONE;
            return null;
        }
        if (running) {
            throw Py.valueError("generator already executing");
        }
        if (pending != PyNone.NONE) {
            throwValue = pending;
            pending = PyNone.NONE;
        }
        if (frame.sp < 0 && frame.ip == 0 && !frame.yielded && send != null && send != PyNone.NONE && throwValue == null) {
            throw Py.typeError("can't send non-None value to a just-started generator");
        }
        if (throwValue == null && frame.delegate != null) {
            PyObject r = resumeDelegate(send);
            if (r != null) {
                return r;
            }
            // the delegate ended: this generator goes on past its yield from, with what it ended with
        }
        // the frame notes its delegate again if it suspends in a yield from
        frame.delegate = null;
        if (frame.yielded) {
            frame.state[frame.sp] = send == null ? PyNone.NONE : send;
        }
        running = true;
        PyObject r;
        try {
            r = compiled != null ? NativeCalls.resume(frame, compiled, throwValue) : VirtualMachine.resume(frame, throwValue);
        } catch (PyException e) {
            frame.finished = true;
            if (e.matches(PyBaseException.STOP_ITERATION)) {
                throw Py.runtimeError("generator raised StopIteration");
            }
            throw e;
        } finally {
            running = false;
        }
        if (frame.yielded) {
            return r;
        }
        frame.finished = true;
        returnValue = r;
        return null;
    }

    /**
     * Resumes the generator this one is suspended in a yield from, without entering this frame,
     * which would only pass {@code send} on and the yielded value back: a chain of yield froms
     * costs one frame entry per value instead of one per generator in the chain. Returns the
     * delegate's value, or null once it ended, with its outcome left for this frame's
     * yield-from step. This generator counts as running meanwhile, as it does in a real resume.
     */
    private PyObject resumeDelegate(PyObject send) {
        PyGenerator d = frame.delegate;
        running = true;
        try {
            PyObject r = d.resume(send, null);
            if (r != null) {
                return r;
            }
            frame.delegateOutcome = d.returnValue;
        } catch (PyException e) {
            frame.delegateOutcome = e;
        } finally {
            running = false;
        }
        frame.delegate = null;
        return null;
    }

    public void close() {
        if (frame.finished) {
            return;
        }
        if (!frame.yielded) {
            frame.finished = true;
            return;
        }
        try {
            PyObject r = resume(null, new PyBaseException(PyBaseException.GENERATOR_EXIT, Py.NO_ARGS));
            if (r != null) {
                throw Py.runtimeError("generator ignored GeneratorExit");
            }
        } catch (PyException e) {
            if (!e.matches(PyBaseException.GENERATOR_EXIT) && !e.matches(PyBaseException.STOP_ITERATION)) {
                throw e;
            }
        }
    }
}
