package dev.mica.vm.bytecode;

import dev.mica.emit.NativeFrame;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * What compiled code asks of the frame it runs in: the operations the interpreter loop would
 * do for it. Every {@link Frame} is one, so that a call of compiled code allocates no second
 * object beside the frame.
 */
abstract sealed class CompiledFrame extends NativeFrame permits Frame {
    /** What a generator's resume throws in at its yield, or null. */
    private PyObject injected;
    /** The globals current where compiled code called this frame's function, put back when it returns. */
    dev.mica.obj.PyDict callerGlobals;
    /**
     * A compiled generator suspended in a yield from a generator: that delegate, which a plain
     * resume of this generator resumes directly (see PyGenerator), without entering this frame.
     */
    PyGenerator delegate;
    /**
     * How the delegate ended when it was resumed directly: its return value, or the PyException
     * it raised; the next yield-from step of this frame takes it. Null otherwise.
     */
    Object delegateOutcome;

    CompiledFrame() {}

    /** This frame as the interpreter's (the only kind there is). */
    private Frame frame() {
        return (Frame) this;
    }

    /** Sets what the next resume of a compiled generator throws in at its yield. */
    final void inject(PyObject exception) {
        injected = exception;
    }

    @Override
    public int resumePoint() {
        return frame().ip;
    }

    @Override
    public void suspend(int point, int top) {
        Frame f = frame();
        f.ip = point;
        f.sp = top;
        f.yielded = true;
    }

    @Override
    public PyObject takeInjected() {
        PyObject e = injected;
        injected = null;
        return e;
    }

    @Override
    public PyObject loadGlobal(int name) {
        Frame f = frame();
        PyObject v = f.code.module.globalCache.cached(name, f.globals);
        return v != null ? v : findGlobal(name);
    }

    private PyObject findGlobal(int name) {
        Frame f = frame();
        ModuleContext m = f.code.module;
        PyObject v = m.globalCache.find(name, m.nameObjects[name], f.globals, f.runtime.builtins());
        if (v == null) {
            throw Py.error(PyBaseException.NAME_ERROR, "name '" + m.names[name] + "' isn't defined");
        }
        return v;
    }

    @Override
    public void storeGlobal(int name, PyObject value) {
        Frame f = frame();
        f.code.module.globalCache.put(name, f.code.module.nameObjects[name], f.globals, value);
    }

    @Override
    public void deleteGlobal(int name) {
        Frame f = frame();
        if (f.globals.map().remove(f.code.module.nameObjects[name]) == null) {
            throw Py.error(PyBaseException.NAME_ERROR, "name '" + f.code.module.names[name] + "' isn't defined");
        }
    }

    @Override
    public PyObject makeFunction(int child, PyObject defaults, PyObject kwDefaults, PyObject[] closed) {
        Frame f = frame();
        return VirtualMachine.makeFunction(f, f.code.children[child], defaults, kwDefaults, closed);
    }

    @Override
    public PyObject importName(int name, PyObject fromList, PyObject level) {
        Frame f = frame();
        return f.runtime.importStatement(f.code.module.names[name], fromList, (int) Ops.indexValue(level, "int"), f.globals);
    }

    @Override
    public PyObject importFrom(PyObject module, int name) {
        Frame f = frame();
        return f.runtime.importFrom(module, f.code.module.names[name]);
    }

    @Override
    public void importStar(PyObject module) {
        Frame f = frame();
        f.runtime.importStar(module, f.locals != null ? f.locals : f.globals);
    }

    @Override
    public PyObject buildClass() {
        return frame().runtime.buildClass();
    }

    @Override
    public void checkInterrupts() {
        Frame f = frame();
        if (f.runtime.interruptPending) {
            f.runtime.checkInterrupt();
        }
    }

    @Override
    public PyException raiseFrom(PyObject exception, PyObject cause) {
        if (cause != PyNone.NONE) {
            frame().runtime.writeErr("Warning: exception chaining not supported\n");
        }
        return new PyException(VirtualMachine.makeRaiseObject(exception));
    }

    @Override
    public PyObject enterHandler(PyException caught) {
        PyBaseException exc = caught.value();
        frame().runtime.handledException = exc;
        return exc;
    }

    @Override
    public void leaveHandler() {
        frame().runtime.handledException = null;
    }

    @Override
    public PyException traceback(Throwable failure, int position) {
        Frame f = frame();
        PyException e = failure instanceof PyException p ? p : VirtualMachine.internalError(f, failure);
        PyBaseException exc = e.value();
        if (exc != null && position >= 0) {
            exc.addTraceback(f.code.sourceFile(), f.code.lineOf(position), f.code.name);
        }
        return e;
    }

    @Override
    public PyObject loadAttr(PyObject o, int site, String name) {
        return VirtualMachine.loadAttr(o, name, frame().code.attributeCaches, site);
    }

    @Override
    public void storeAttr(PyObject o, int site, String name, PyObject value) {
        VirtualMachine.storeAttr(o, name, value, frame().code.attributeCaches, site);
    }

    @Override
    public void loadMethod(PyObject o, int site, String name, PyObject[] pair) {
        VirtualMachine.loadMethodCached(o, name, pair, 0, frame().code.attributeCaches, site);
    }
}
