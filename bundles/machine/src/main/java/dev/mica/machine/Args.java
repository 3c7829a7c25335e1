package dev.mica.machine;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * Arguments of a call sorted into named slots, as MicroPython's argument parser does: the
 * first {@code positional} names may be given by position or keyword, the rest by keyword only.
 */
final class Args {
    private final String[] names;
    private final PyObject[] values;

    private Args(String[] names, PyObject[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * @param skip leading arguments that are not part of the parse (self)
     */
    static Args parse(PyObject[] args, String[] kwNames, int skip, int positional, String... names) {
        PyObject[] values = new PyObject[names.length];
        int nPos = Py.positional(args, kwNames) - skip;
        if (nPos > positional) {
            throw Py.typeError("function takes " + positional + " positional arguments but " + nPos + " were given");
        }
        for (int i = 0; i < nPos; i++) {
            values[i] = args[skip + i];
        }
        if (kwNames != null) {
            int base = args.length - kwNames.length;
            outer:
            for (int k = 0; k < kwNames.length; k++) {
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(kwNames[k])) {
                        if (values[i] != null) {
                            throw Py.typeError("function got multiple values for argument '" + names[i] + "'");
                        }
                        values[i] = args[base + k];
                        continue outer;
                    }
                }
                throw Py.typeError("unexpected keyword argument '" + kwNames[k] + "'");
            }
        }
        return new Args(names, values);
    }

    private int slot(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The value given for {@code name}, or null when none was. */
    PyObject get(String name) {
        return values[slot(name)];
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** The value of {@code name} or null when absent or None. */
    PyObject object(String name) {
        PyObject v = get(name);
        return v == PyNone.NONE ? null : v;
    }

    long integer(String name, long fallback) {
        PyObject v = get(name);
        return v == null ? fallback : intOf(v);
    }

    boolean bool(String name, boolean fallback) {
        PyObject v = get(name);
        return v == null ? fallback : v.isTrue();
    }

    static long intOf(PyObject o) {
        return Ops.indexValue(o, "int");
    }

    /** A required argument that was not given. */
    static PyObject required(Args args, String name) {
        PyObject v = args.get(name);
        if (v == null) {
            throw Py.typeError("'" + name + "' argument required");
        }
        return v;
    }

    static PyObject none() {
        return PyNone.NONE;
    }

    static RuntimeException valueError(String message) {
        return Py.error(PyBaseException.VALUE_ERROR, message);
    }
}
