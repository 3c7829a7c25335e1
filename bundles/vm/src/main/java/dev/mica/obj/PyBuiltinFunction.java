package dev.mica.obj;

/** A function or method implemented in Java. For methods, {@code args[0]} is self. */
public final class PyBuiltinFunction extends PyObject {
    public static final PyType TYPE = PyType.builtin("function", PyType.OBJECT);
    public static final int VARIADIC = Integer.MAX_VALUE;
    private static final String[] NO_KW = new String[0];

    private final String name;
    private final int minArgs;
    private final int maxArgs;
    private final boolean takesKeywords;
    private final NativeCode code;
    /** Methods of built-in types bind to their instance; free-standing built-in functions do not. */
    private boolean method;

    /** Built-in functions live in ROM in MicroPython. */
    @Override
    public long heapBytes() {
        return 0;
    }

    public PyBuiltinFunction(String name, int minArgs, int maxArgs, boolean takesKeywords, NativeCode code) {
        this.name = name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.takesKeywords = takesKeywords;
        this.code = code;
    }

    /** What runs when this function is called. */
    public NativeCode code() {
        return code;
    }

    public String name() {
        return name;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public boolean isMethodFunction() {
        return method;
    }

    /** Marks this function as a method of a type. */
    public PyBuiltinFunction asMethod() {
        method = true;
        return this;
    }

    @Override
    public String repr() {
        return "<function>";
    }

    @Override
    public PyObject getAttr(String attr) {
        if (attr == "__name__") {
            return PyStr.of(name);
        }
        return super.getAttr(attr);
    }

    @Override
    public PyObject call(PyObject[] args, String[] kwNames) {
        int nKw = kwNames == null ? 0 : kwNames.length;
        if (nKw > 0 && !takesKeywords) {
            throw Py.typeError("function doesn't take keyword arguments");
        }
        int nPos = args.length - nKw;
        if (!takesKeywords || nKw == 0) {
            if (nPos < minArgs || nPos > maxArgs) {
                throw argCountError(nPos);
            }
        }
        return code.call(args, nKw == 0 ? NO_KW : kwNames);
    }

    private PyException argCountError(int given) {
        if (minArgs == maxArgs) {
            return Py.typeError("function takes " + minArgs + " positional arguments but " + given + " were given");
        }
        if (given < minArgs) {
            return Py.typeError("function missing " + (minArgs - given) + " required positional arguments");
        }
        return Py.typeError("function expected at most " + maxArgs + " arguments, got " + given);
    }
}
