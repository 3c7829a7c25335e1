package dev.mica.obj;

import java.util.ArrayList;
import java.util.List;

/** An exception instance: its arguments and the traceback collected while it propagates. */
public final class PyBaseException extends PyInstance {
    public static final PyType BASE_EXCEPTION = PyType.builtin("BaseException", PyType.OBJECT);
    public static final PyType SYSTEM_EXIT = sub("SystemExit", BASE_EXCEPTION);
    public static final PyType KEYBOARD_INTERRUPT = sub("KeyboardInterrupt", BASE_EXCEPTION);
    public static final PyType GENERATOR_EXIT = sub("GeneratorExit", BASE_EXCEPTION);
    public static final PyType EXCEPTION = sub("Exception", BASE_EXCEPTION);
    public static final PyType STOP_ITERATION = sub("StopIteration", EXCEPTION);
    public static final PyType STOP_ASYNC_ITERATION = sub("StopAsyncIteration", EXCEPTION);
    public static final PyType ARITHMETIC_ERROR = sub("ArithmeticError", EXCEPTION);
    public static final PyType OVERFLOW_ERROR = sub("OverflowError", ARITHMETIC_ERROR);
    public static final PyType ZERO_DIVISION_ERROR = sub("ZeroDivisionError", ARITHMETIC_ERROR);
    public static final PyType ASSERTION_ERROR = sub("AssertionError", EXCEPTION);
    public static final PyType ATTRIBUTE_ERROR = sub("AttributeError", EXCEPTION);
    public static final PyType EOF_ERROR = sub("EOFError", EXCEPTION);
    public static final PyType IMPORT_ERROR = sub("ImportError", EXCEPTION);
    public static final PyType LOOKUP_ERROR = sub("LookupError", EXCEPTION);
    public static final PyType INDEX_ERROR = sub("IndexError", LOOKUP_ERROR);
    public static final PyType KEY_ERROR = sub("KeyError", LOOKUP_ERROR);
    public static final PyType MEMORY_ERROR = sub("MemoryError", EXCEPTION);
    public static final PyType NAME_ERROR = sub("NameError", EXCEPTION);
    public static final PyType OS_ERROR = sub("OSError", EXCEPTION);
    public static final PyType RUNTIME_ERROR = sub("RuntimeError", EXCEPTION);
    public static final PyType NOT_IMPLEMENTED_ERROR = sub("NotImplementedError", RUNTIME_ERROR);
    public static final PyType SYNTAX_ERROR = sub("SyntaxError", EXCEPTION);
    public static final PyType INDENTATION_ERROR = sub("IndentationError", SYNTAX_ERROR);
    public static final PyType TYPE_ERROR = sub("TypeError", EXCEPTION);
    public static final PyType VALUE_ERROR = sub("ValueError", EXCEPTION);
    public static final PyType UNICODE_ERROR = sub("UnicodeError", VALUE_ERROR);
    /** Raised when viper code is compiled with types that do not fit together. */
    public static final PyType VIPER_TYPE_ERROR = sub("ViperTypeError", TYPE_ERROR);

    public static final PyType[] ALL = {BASE_EXCEPTION, SYSTEM_EXIT, KEYBOARD_INTERRUPT, GENERATOR_EXIT, EXCEPTION,
        STOP_ITERATION, STOP_ASYNC_ITERATION, ARITHMETIC_ERROR, OVERFLOW_ERROR, ZERO_DIVISION_ERROR, ASSERTION_ERROR,
        ATTRIBUTE_ERROR, EOF_ERROR, IMPORT_ERROR, LOOKUP_ERROR, INDEX_ERROR, KEY_ERROR, MEMORY_ERROR, NAME_ERROR,
        OS_ERROR, RUNTIME_ERROR, NOT_IMPLEMENTED_ERROR, SYNTAX_ERROR, INDENTATION_ERROR, TYPE_ERROR, VALUE_ERROR,
        UNICODE_ERROR, VIPER_TYPE_ERROR};

    private static PyType sub(String name, PyType base) {
        return PyType.builtin(name, base);
    }

    /** One traceback line. */
    public record TracebackEntry(String file, int line, String block) {}

    private PyObject[] args;
    private final List<TracebackEntry> traceback = new ArrayList<>();

    public PyBaseException(PyType type, PyObject[] args) {
        super(type, BYTES);
        this.args = args;
    }

    /** MicroPython's exception object (type, traceback size, length and pointer, args) in whole blocks. */
    private static final long BYTES = 64;

    @Override
    public long heapBytes() {
        return BYTES + (args.length == 0 ? 0 : dev.mica.heap.HeapAccount.blocks(16 + 8L * args.length)) + super.heapBytes() - 32;
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        for (PyObject a : args) {
            visitor.visit(a);
        }
        super.traceReferences(visitor);
    }

    public static PyBaseException withMessage(PyType type, String message) {
        // never refused: the message goes where MicroPython's emergency buffer would hold it
        dev.mica.heap.HeapAccount.current().chargeQuietly(32 + dev.mica.heap.HeapAccount.blocks(message.length() + 1L));
        return new PyBaseException(type, new PyObject[] {new PyStr(message)});
    }

    /**
     * The arguments an exception made by a program keeps: while the heap is locked MicroPython
     * puts the args tuple in its emergency buffer if it fits there, else the exception gets none.
     */
    private static PyObject[] argsWhileLocked(PyObject[] args) {
        dev.mica.heap.HeapAccount account = dev.mica.heap.HeapAccount.current();
        if (args.length == 0 || !account.isLocked()) {
            return args;
        }
        return account.emergencyBufferFits(16 + 8L * args.length) ? args : Py.NO_ARGS;
    }

    static {
        for (PyType t : ALL) {
            t.setConstructor((type, a, kw) -> new PyBaseException(type,
                    argsWhileLocked(java.util.Arrays.copyOf(a, Py.positional(a, kw)))));
        }
        BASE_EXCEPTION.method("__init__", 1, PyBuiltinFunction.VARIADIC, a -> {
            ((PyBaseException) a[0]).args = java.util.Arrays.copyOfRange(a, 1, a.length);
            return PyNone.NONE;
        });
        BASE_EXCEPTION.method("with_traceback", 2, 2, a -> a[0]);
    }

    /**
     * The value of the StopIteration that ended the last iteration step on this thread, for
     * iterators whose next() can only say "exhausted" (null): next() and yield from raise or
     * return it. Cleared before each step that reads it.
     */
    // an Object[], not a PyObject[]: a slot left on a long-lived thread of another bundle (a
    // shell, a web server) must not hold this bundle's class loader after the bundle is updated
    private static final ThreadLocal<Object[]> STOP_VALUE = ThreadLocal.withInitial(() -> new Object[1]);

    public static void recordStopValue(PyObject value) {
        STOP_VALUE.get()[0] = value;
    }

    public static void clearStopValue() {
        STOP_VALUE.get()[0] = null;
    }

    /** The recorded value (None when none was recorded), clearing it. */
    public static PyObject takeStopValue() {
        Object[] slot = STOP_VALUE.get();
        PyObject v = (PyObject) slot[0];
        slot[0] = null;
        return v == null ? PyNone.NONE : v;
    }

    public PyObject[] args() {
        return args;
    }

    public List<TracebackEntry> traceback() {
        return traceback;
    }

    public void addTraceback(String file, int line, String block) {
        traceback.add(new TracebackEntry(file, line, block));
    }

    /** The value carried by StopIteration / SystemExit: the first argument or None. */
    public PyObject value() {
        return args.length > 0 ? args[0] : PyNone.NONE;
    }

    @Override
    public PyObject getAttr(String name) {
        if (name == "args") {
            // MicroPython's exception holds its args tuple: reading it allocates nothing there
            return PyTuple.held(args.clone());
        }
        if (name == "value" && type.isSubclassOf(STOP_ITERATION)) {
            return value();
        }
        if ((name == "errno" || name == "code") && !dict.containsKey(name)) {
            if (name == "errno" && type.isSubclassOf(OS_ERROR) || name == "code" && type.isSubclassOf(SYSTEM_EXIT)) {
                return value();
            }
        }
        return super.getAttr(name);
    }

    /** An instance of a built-in exception type has no attribute dictionary to store into. */
    @Override
    public void setAttr(String name, PyObject value) {
        if (name == "__traceback__" && value == PyNone.NONE) {
            // MicroPython's low-level way to reuse a preallocated exception: its traceback is emptied
            traceback.clear();
            return;
        }
        if (type.isBuiltin()) {
            throw Py.attributeError("'" + type.name() + "' object has no attribute '" + name + "'");
        }
        super.setAttr(name, value);
    }

    @Override
    public String repr() {
        if (hasSpecial("__repr__")) {
            return super.repr();
        }
        if (args.length == 0) {
            return type.name() + "()";
        }
        return type.name() + new PyTuple(args).repr();
    }

    @Override
    public String str() {
        if (hasSpecial("__str__")) {
            return super.str();
        }
        return argsText();
    }

    /** The text a traceback shows after the type name: made from the arguments, whatever __str__ says. */
    public String argsText() {
        if (args.length == 0) {
            return "";
        }
        String errnoText = errnoText();
        if (errnoText != null) {
            return errnoText;
        }
        if (args.length == 1) {
            return Ops.str(args[0]);
        }
        return new PyTuple(args).repr();
    }

    /** OSError(errno[, text]) with a known errno reads "[Errno 2] ENOENT[: text]", as in MicroPython. */
    private String errnoText() {
        if (type != OS_ERROR || args.length > 2 || !(args[0] instanceof PyInt code) || code.isBig()) {
            return null;
        }
        String name = Errno.name(code.value);
        if (name == null) {
            return null;
        }
        return "[Errno " + code.value + "] " + name + (args.length > 1 ? ": " + Ops.str(args[1]) : "");
    }

    @Override
    public boolean isTrue() {
        return true;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        return this == other;
    }

    @Override
    public long pyHash() {
        return Py.id(this);
    }
}
