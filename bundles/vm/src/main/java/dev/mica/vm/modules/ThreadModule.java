package dev.mica.vm.modules;

import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.vm.runtime.PythonThread;
import dev.mica.vm.runtime.Runtime;

/**
 * The {@code _thread} module: threads of one interpreter that take turns under its interpreter
 * lock ({@link dev.mica.vm.runtime.InterpreterLock}), and locks.
 */
final class ThreadModule {
    /**
     * Java stack of a started thread. Like the main program's, it is generous (only the pages
     * used are committed) so that the recursion limit, not the JVM stack, ends deep recursion.
     */
    private static final long JAVA_STACK_BYTES = 256L * 1024 * 1024;

    private final Runtime runtime;
    /** The value of {@code _thread.stack_size()}: kept and reported as MicroPython does. */
    private long stackSize;

    private ThreadModule(Runtime runtime) {
        this.runtime = runtime;
    }

    static PyModule create(BuiltinModules registry) {
        return new ThreadModule(registry.runtime()).module();
    }

    private PyModule module() {
        FixedModule m = new FixedModule("_thread");
        m.setAttr("LockType", ThreadLock.TYPE);
        m.setAttr("get_ident", new PyBuiltinFunction("get_ident", 0, 0, false,
                (a, kw) -> PyInt.of(runtime.currentThread().ident())));
        m.setAttr("stack_size", new PyBuiltinFunction("stack_size", 0, 1, false, (a, kw) -> stackSize(a)));
        m.setAttr("start_new_thread", new PyBuiltinFunction("start_new_thread", 2, 3, false, (a, kw) -> start(a)));
        m.setAttr("exit", new PyBuiltinFunction("exit", 0, 0, false, (a, kw) -> {
            throw new PyException(new PyBaseException(PyBaseException.SYSTEM_EXIT, Py.NO_ARGS));
        }));
        m.setAttr("allocate_lock", new PyBuiltinFunction("allocate_lock", 0, 0, false,
                (a, kw) -> new ThreadLock(runtime)));
        return m.seal();
    }

    private PyObject stackSize(PyObject[] a) {
        PyObject previous = PyInt.of(stackSize);
        stackSize = a.length == 0 ? 0 : Ops.indexValue(a[0], "int");
        return previous;
    }

    private PyObject start(PyObject[] a) {
        PyObject function = a[0];
        PyObject[] positional;
        if (a[1] instanceof PyTuple t) {
            positional = t.items().clone();
        } else if (a[1] instanceof PyList l) {
            positional = l.toArray();
        } else {
            throw Py.typeError("object '" + a[1].type().name() + "' isn't a tuple or list");
        }
        PyObject[] args = positional;
        String[] kwNames = null;
        if (a.length > 2) {
            if (a[2].getClass() != PyDict.class) {
                throw Py.typeError("expecting a dict for keyword args");
            }
            PyDict kwargs = (PyDict) a[2];
            int n = kwargs.map().size();
            args = java.util.Arrays.copyOf(positional, positional.length + n);
            kwNames = new String[n];
            int i = 0;
            for (java.util.Map.Entry<PyObject, PyObject> e : kwargs.map().entrySet()) {
                if (!(e.getKey() instanceof PyStr key)) {
                    throw Py.typeError("keywords must be strings");
                }
                kwNames[i] = key.asName();
                args[positional.length + i] = e.getValue();
                i++;
            }
        }
        PyObject[] callArgs = args;
        String[] callKw = kwNames;
        PythonThread t = runtime.startThread(runtime.currentGlobals(), runtime.currentLocals, JAVA_STACK_BYTES,
                () -> run(function, callArgs, callKw));
        return PyInt.of(t.ident());
    }

    /** The body of a started thread: the call, and MicroPython's report of an exception it lets out. */
    private void run(PyObject function, PyObject[] args, String[] kwNames) {
        try {
            function.call(args, kwNames);
        } catch (PyException e) {
            report(function, e.value());
        } catch (StackOverflowError e) {
            report(function, PyBaseException.withMessage(PyBaseException.RUNTIME_ERROR, "maximum recursion depth exceeded"));
        } catch (RuntimeException e) {
            runtime.noteJavaFailure(e);
            report(function, PyBaseException.withMessage(PyBaseException.RUNTIME_ERROR, "internal error: " + e));
        } finally {
            runtime.flush();
        }
    }

    private void report(PyObject function, PyBaseException exc) {
        if (exc.type().isSubclassOf(PyBaseException.SYSTEM_EXIT)) {
            return;
        }
        String shown;
        try {
            shown = Ops.repr(function);
        } catch (PyException nested) {
            shown = "<" + function.type().name() + ">";
        }
        String text;
        try {
            text = runtime.formatException(exc);
        } catch (PyException nested) {
            text = exc.type().name() + "\n";
        }
        runtime.writeErr("Unhandled exception in thread started by " + shown + "\n" + text);
    }
}
