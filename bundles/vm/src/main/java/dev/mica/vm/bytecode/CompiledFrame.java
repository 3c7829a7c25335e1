package dev.mica.vm.bytecode;

import dev.mica.emit.NativeFrame;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.vm.runtime.Runtime;

/** The frame of one call of compiled code: what the interpreter loop would use for it. */
final class CompiledFrame extends NativeFrame {
    private final Frame frame;
    private final CodeInfo code;
    private final Runtime rt;

    /** What a generator's resume throws in at its yield, or null. */
    private PyObject injected;

    CompiledFrame(Frame frame) {
        this.frame = frame;
        this.code = frame.code;
        this.rt = frame.runtime;
    }

    CompiledFrame(Frame frame, PyObject injected) {
        this(frame);
        this.injected = injected;
    }

    @Override
    public int resumePoint() {
        return frame.ip;
    }

    @Override
    public void suspend(int point, int top) {
        frame.ip = point;
        frame.sp = top;
        frame.yielded = true;
    }

    @Override
    public PyObject takeInjected() {
        PyObject e = injected;
        injected = null;
        return e;
    }

    @Override
    public PyObject loadGlobal(int name) {
        ModuleContext m = code.module;
        PyObject v = m.globalCache.get(name, m.nameObjects[name], frame.globals, rt.builtins());
        if (v == null) {
            throw Py.error(PyBaseException.NAME_ERROR, "name '" + m.names[name] + "' isn't defined");
        }
        return v;
    }

    @Override
    public void storeGlobal(int name, PyObject value) {
        code.module.globalCache.put(name, code.module.nameObjects[name], frame.globals, value);
    }

    @Override
    public void deleteGlobal(int name) {
        if (frame.globals.map().remove(code.module.nameObjects[name]) == null) {
            throw Py.error(PyBaseException.NAME_ERROR, "name '" + code.module.names[name] + "' isn't defined");
        }
    }

    @Override
    public PyObject makeFunction(int child, PyObject defaults, PyObject kwDefaults, PyObject[] closed) {
        return VirtualMachine.makeFunction(frame, code.children[child], defaults, kwDefaults, closed);
    }

    @Override
    public PyObject importName(int name, PyObject fromList, PyObject level) {
        return rt.importStatement(code.module.names[name], fromList, (int) Ops.indexValue(level, "int"), frame.globals);
    }

    @Override
    public PyObject importFrom(PyObject module, int name) {
        return rt.importFrom(module, code.module.names[name]);
    }

    @Override
    public void importStar(PyObject module) {
        rt.importStar(module, frame.locals != null ? frame.locals : frame.globals);
    }

    @Override
    public PyObject buildClass() {
        return rt.buildClass();
    }

    @Override
    public void checkInterrupts() {
        if (rt.interruptPending) {
            rt.checkInterrupt();
        }
    }

    @Override
    public PyException raiseFrom(PyObject exception, PyObject cause) {
        if (cause != PyNone.NONE) {
            rt.writeErr("Warning: exception chaining not supported\n");
        }
        return new PyException(VirtualMachine.makeRaiseObject(exception));
    }

    @Override
    public PyObject enterHandler(PyException caught) {
        PyBaseException exc = caught.value();
        rt.handledException = exc;
        return exc;
    }

    @Override
    public void leaveHandler() {
        rt.handledException = null;
    }

    @Override
    public PyException traceback(Throwable failure, int position) {
        PyException e = failure instanceof PyException p ? p : VirtualMachine.internalError(frame, failure);
        PyBaseException exc = e.value();
        if (exc != null && position >= 0) {
            exc.addTraceback(code.sourceFile(), code.lineOf(position), code.name);
        }
        return e;
    }

    @Override
    public PyObject loadAttr(PyObject o, int site, String name) {
        return VirtualMachine.loadAttr(o, name, code.attributeCaches, site);
    }

    @Override
    public void storeAttr(PyObject o, int site, String name, PyObject value) {
        VirtualMachine.storeAttr(o, name, value, code.attributeCaches, site);
    }

    @Override
    public void loadMethod(PyObject o, int site, String name, PyObject[] pair) {
        VirtualMachine.loadMethodCached(o, name, pair, 0, code.attributeCaches, site);
    }
}
