package dev.mica.ffi;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Py;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * {@code fficallback}: a Python function behind a C function pointer, made by
 * {@code ffi.callback(rettype, func, argtypes, *, lock=False)}. C may call it while a foreign
 * call made by the program is running, on that call's thread. An exception the function
 * does not handle is printed and the callback returns 0, since it cannot unwind through C.
 * With {@code lock=True} the heap is locked while the function runs, as MicroPython does.
 * Like MicroPython's, the native closure is never freed: C may keep the pointer.
 */
final class ForeignCallback extends PyObject implements ClosureTarget {
    static final PyType TYPE = PyType.builtin("fficallback", PyType.OBJECT);

    static {
        TYPE.method("cfun", 1, 1, a -> PyInt.of(((ForeignCallback) a[0]).codeAddress));
    }

    private final ModuleEnvironment environment;
    private final PyObject function;
    private final Signature signature;
    private final boolean lockHeap;
    private final long codeAddress;

    ForeignCallback(ModuleEnvironment environment, PyObject function, Signature signature, boolean lockHeap) {
        this.environment = environment;
        this.function = function;
        this.signature = signature;
        this.lockHeap = lockHeap;
        long[] closure = NativeCalls.newClosure(signature.codes(), this);
        this.codeAddress = closure[1];
    }

    long codeAddress() {
        return codeAddress;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<fficallback 0x" + Long.toHexString(codeAddress) + ">";
    }

    @Override
    public long invoke(long[] slots) {
        if (!CallbackScope.active()) {
            return 0;
        }
        try {
            PyObject[] args = new PyObject[slots.length];
            for (int i = 0; i < slots.length; i++) {
                args[i] = NativeValues.toPython(slots[i], signature.argument(i));
            }
            PyObject result = lockHeap
                    ? environment.withHeapLocked(() -> function.call(args, null))
                    : function.call(args, null);
            if (result == PyNone.NONE || signature.result() == 'v') {
                return 0;
            }
            return NativeValues.numberSlot(result, signature.result());
        } catch (PyException e) {
            report(e);
            return 0;
        } catch (RuntimeException | StackOverflowError e) {
            report(Py.runtimeError("FFI callback failed: " + e));
            return 0;
        }
    }

    private void report(PyException e) {
        try {
            PyObject sys = environment.importModule("sys");
            PyObject stderr = sys.getAttr("stderr");
            stderr.getAttr("write").call(new PyObject[] {PyStr.of("Uncaught exception in FFI callback\n")}, null);
            sys.getAttr("print_exception").call(new PyObject[] {e.value(), stderr}, null);
        } catch (RuntimeException ignored) {
            // nothing more can be done from inside C's call
        }
    }
}
