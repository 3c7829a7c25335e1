package dev.mica.obj;

/** staticmethod, classmethod and property. */
public final class PyDescriptors {
    private PyDescriptors() {}

    public static final PyType STATICMETHOD = PyType.builtin("staticmethod", PyType.OBJECT);
    public static final PyType CLASSMETHOD = PyType.builtin("classmethod", PyType.OBJECT);
    public static final PyType PROPERTY = PyType.builtin("property", PyType.OBJECT);

    static {
        STATICMETHOD.setConstructor((t, a, kw) -> new StaticMethod(a[0]));
        CLASSMETHOD.setConstructor((t, a, kw) -> new ClassMethod(a[0]));
        PROPERTY.setConstructor((t, a, kw) -> {
            PyObject[] parts = {PyNone.NONE, PyNone.NONE, PyNone.NONE};
            int n = Py.positional(a, kw);
            for (int i = 0; i < Math.min(n, 3); i++) {
                parts[i] = a[i];
            }
            String[] names = {"fget", "fset", "fdel"};
            for (int i = 0; i < 3; i++) {
                PyObject k = Py.keyword(a, kw, names[i]);
                if (k != null) {
                    parts[i] = k;
                }
            }
            return new Property(parts[0], parts[1], parts[2]);
        });
        PROPERTY.method("getter", 2, 2, a -> {
            Property p = (Property) a[0];
            return new Property(a[1], p.setter, p.deleter);
        });
        PROPERTY.method("setter", 2, 2, a -> {
            Property p = (Property) a[0];
            return new Property(p.getter, a[1], p.deleter);
        });
        PROPERTY.method("deleter", 2, 2, a -> {
            Property p = (Property) a[0];
            return new Property(p.getter, p.setter, a[1]);
        });
    }

    public static final class StaticMethod extends PyObject {
        private final PyObject function;

        public StaticMethod(PyObject function) {
            this.function = function;
        }

        public PyObject function() {
            return function;
        }

        @Override
        public PyType type() {
            return STATICMETHOD;
        }

        /** Like every object without its own printer in MicroPython: just the type name. */
        @Override
        public String repr() {
            return "<" + type().name() + ">";
        }
    }

    public static final class ClassMethod extends PyObject {
        private final PyObject function;

        public ClassMethod(PyObject function) {
            this.function = function;
        }

        public PyObject function() {
            return function;
        }

        @Override
        public PyType type() {
            return CLASSMETHOD;
        }

        /** Like every object without its own printer in MicroPython: just the type name. */
        @Override
        public String repr() {
            return "<" + type().name() + ">";
        }
    }

    public static final class Property extends PyObject {
        final PyObject getter;
        final PyObject setter;
        final PyObject deleter;

        public Property(PyObject getter, PyObject setter, PyObject deleter) {
            this.getter = getter;
            this.setter = setter;
            this.deleter = deleter;
        }

        @Override
        public PyType type() {
            return PROPERTY;
        }

        /** Like every object without its own printer in MicroPython: just the type name. */
        @Override
        public String repr() {
            return "<" + type().name() + ">";
        }

        PyObject get(PyObject self) {
            if (getter == PyNone.NONE) {
                throw Py.attributeError("unreadable attribute");
            }
            return getter.call(new PyObject[] {self}, null);
        }

        void set(PyObject self, PyObject value) {
            PyObject f = value == null ? deleter : setter;
            if (f == PyNone.NONE) {
                throw Py.attributeError("can't set attribute");
            }
            f.call(value == null ? new PyObject[] {self} : new PyObject[] {self, value}, null);
        }
    }
}
