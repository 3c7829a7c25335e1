package dev.mica.obj;


/**
 * A dict that a program can read but not change, like the tables MicroPython keeps in ROM
 * (errno.errorcode): every change raises TypeError.
 */
public final class FixedDict extends PyDict {
    /** Shown as dict; it differs from dict only in refusing changes. */
    public static final PyType TYPE = PyType.builtin("dict", PyDict.TYPE);

    static {
        for (String name : new String[] {"pop", "popitem", "setdefault", "update", "clear"}) {
            TYPE.define(name, new PyBuiltinFunction(name, 1, PyBuiltinFunction.VARIADIC, true, (a, kw) -> {
                throw fixed();
            }).asMethod());
        }
    }

    private boolean sealed;

    /** After this, the contents can no longer change. */
    public FixedDict seal() {
        sealed = true;
        return this;
    }

    static PyException fixed() {
        return new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        if (sealed) {
            throw fixed();
        }
        super.setItem(key, value);
    }

    @Override
    public void delItem(PyObject key) {
        throw fixed();
    }
}
