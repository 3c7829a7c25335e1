package dev.mica.obj;

/** super(type, obj): attribute lookup that starts after {@code type} in obj's MRO. */
public final class PySuper extends PyObject {
    public static final PyType TYPE = PyType.builtinProxy("super");

    private final PyType startAfter;
    private final PyObject self;

    public PySuper(PyType startAfter, PyObject self) {
        this.startAfter = startAfter;
        this.self = self;
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (a.length != 2) {
                throw Py.typeError("function takes 2 positional arguments but " + a.length + " were given");
            }
            if (kw != null && kw.length > 0) {
                throw Py.typeError("function doesn't take keyword arguments");
            }
            if (!(a[0] instanceof PyType st)) {
                throw Py.typeError("issubclass() arg 2 must be a class or a tuple of classes");
            }
            // the object must be an instance of the type, or a class derived from it
            PyType second = a[1] instanceof PyType t2 && a[1].type() == PyType.TYPE ? t2 : a[1].type();
            if (!second.isSubclassOf(st)) {
                throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
            }
            return new PySuper(st, a[1]);
        });
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<super: " + startAfter.repr() + ", " + Ops.repr(self) + ">";
    }

    private PyType selfType() {
        return self instanceof PyType t ? t : self.type();
    }

    /** The unbound attribute, or null. */
    public PyObject lookup(String name) {
        PyObject v = selfType().lookupAfter(startAfter, name);
        if (v == null && (name == "__init__" || name == "__new__")) {
            v = PyType.OBJECT.lookup(name);
        }
        return v;
    }

    public PyObject self() {
        return self;
    }

    @Override
    public PyObject getAttr(String name) {
        PyObject v = lookup(name);
        if (v == null) {
            if (name == "__init__") {
                return new PyBuiltinFunction("__init__", 0, PyBuiltinFunction.VARIADIC, true, (a, kw) -> PyNone.NONE);
            }
            return null;
        }
        if (self instanceof PyType t) {
            if (v instanceof PyDescriptors.ClassMethod c) {
                return new PyBoundMethod(c.function(), t);
            }
            if (v instanceof PyDescriptors.StaticMethod s) {
                return s.function();
            }
            return v;
        }
        return PyType.bindToInstance(v, self, selfType());
    }
}
