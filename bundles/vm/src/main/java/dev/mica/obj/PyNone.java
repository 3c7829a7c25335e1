package dev.mica.obj;

/** The None singleton, and the other singletons without behaviour of their own. */
public final class PyNone extends PyObject {
    public static final PyType TYPE = PyType.builtin("NoneType", PyType.OBJECT);
    public static final PyType NOT_IMPLEMENTED_TYPE = PyType.builtin("NotImplementedType", PyType.OBJECT);
    public static final PyType ELLIPSIS_TYPE = PyType.builtin("ellipsis", PyType.OBJECT);

    public static final PyNone NONE = new PyNone(TYPE, "None");
    public static final PyNone NOT_IMPLEMENTED = new PyNone(NOT_IMPLEMENTED_TYPE, "NotImplemented");
    public static final PyNone ELLIPSIS = new PyNone(ELLIPSIS_TYPE, "Ellipsis");

    private final PyType type;
    private final String text;

    private PyNone(PyType type, String text) {
        this.type = type;
        this.text = text;
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        return text;
    }

    @Override
    public boolean isTrue() {
        return this != NONE;
    }

    @Override
    public long pyHash() {
        return text.hashCode();
    }
}
