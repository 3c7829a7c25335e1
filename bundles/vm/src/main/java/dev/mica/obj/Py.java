package dev.mica.obj;

/** Small helpers shared by the object model: identities, errors, argument arrays. */
public final class Py {
    private Py() {}

    public static final PyObject[] NO_ARGS = new PyObject[0];

    /** A stable number for an object, shown where MicroPython shows an address. */
    public static long id(Object o) {
        return 0x7f0000000000L + ((System.identityHashCode(o) & 0xffffffffL) << 4);
    }

    public static PyException error(PyType type, String message) {
        return new PyException(PyBaseException.withMessage(type, message));
    }

    public static PyException typeError(String message) {
        return error(PyBaseException.TYPE_ERROR, message);
    }

    public static PyException valueError(String message) {
        return error(PyBaseException.VALUE_ERROR, message);
    }

    public static PyException attributeError(String message) {
        return error(PyBaseException.ATTRIBUTE_ERROR, message);
    }

    public static PyException indexError(String message) {
        return error(PyBaseException.INDEX_ERROR, message);
    }

    public static PyException keyError(PyObject key) {
        return new PyException(new PyBaseException(PyBaseException.KEY_ERROR, new PyObject[] {key}));
    }

    public static PyException zeroDivision() {
        return error(PyBaseException.ZERO_DIVISION_ERROR, "divide by zero");
    }

    public static PyException overflow(String message) {
        return error(PyBaseException.OVERFLOW_ERROR, message);
    }

    /** OSError carrying only an errno, shown as "[Errno 2] ENOENT" (numbers in {@link Errno}). */
    public static PyException osError(int errno) {
        return new PyException(new PyBaseException(PyBaseException.OS_ERROR, new PyObject[] {PyInt.of(errno)}));
    }

    /** The longest name, in UTF-8 bytes, that MicroPython can make a qstr of. */
    public static final int MAX_NAME_BYTES = 255;

    /**
     * A string used as a name (attribute, type, keyword, format field, module): interned, or
     * RuntimeError "name too long" when MicroPython could not make a qstr of it.
     */
    public static String name(String s) {
        if (s.length() > MAX_NAME_BYTES / 3
                && s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw runtimeError("name too long");
        }
        // a name the program already uses: its interned text without the JVM's string table
        String known = PyStr.knownName(s);
        return known != null ? known : s.intern();
    }

    public static PyException runtimeError(String message) {
        return error(PyBaseException.RUNTIME_ERROR, message);
    }

    public static PyObject[] prepend(PyObject first, PyObject[] rest) {
        PyObject[] a = new PyObject[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    public static PyObject bool(boolean b) {
        return b ? PyBool.TRUE : PyBool.FALSE;
    }

    /** Number of positional arguments in a call. */
    public static int positional(PyObject[] args, String[] kwNames) {
        return args.length - (kwNames == null ? 0 : kwNames.length);
    }

    /** The keyword argument {@code name}, or null. */
    public static PyObject keyword(PyObject[] args, String[] kwNames, String name) {
        if (kwNames == null) {
            return null;
        }
        int base = args.length - kwNames.length;
        for (int i = 0; i < kwNames.length; i++) {
            if (kwNames[i].equals(name)) {
                return args[base + i];
            }
        }
        return null;
    }

    public static void checkKeywords(String[] kwNames, String... allowed) {
        if (kwNames == null) {
            return;
        }
        outer:
        for (String k : kwNames) {
            for (String a : allowed) {
                if (a.equals(k)) {
                    continue outer;
                }
            }
            throw typeError("unexpected keyword argument '" + k + "'");
        }
    }
}
