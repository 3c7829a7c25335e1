package dev.mica.obj;

/** A raised Python exception travelling through Java frames; cheap to create (no JVM stack trace). */
public final class PyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PyBaseException value;

    public PyException(PyBaseException value) {
        super(null, null, false, false);
        this.value = value;
    }

    public PyBaseException value() {
        return value;
    }

    public boolean matches(PyType type) {
        return value.type().isSubclassOf(type);
    }

    @Override
    public String getMessage() {
        return value.type().name() + ": " + value.str();
    }
}
