package dev.mica.obj;

/** A module: a name and its globals. */
public class PyModule extends PyObject {
    public static final PyType TYPE = PyType.builtin("module", PyType.OBJECT);

    private final String name;
    private final PyDict globals;

    public PyModule(String name, PyDict globals) {
        this.name = name;
        this.globals = globals;
        if (globals.getStr("__name__") == null) {
            globals.putStr("__name__", PyStr.of(name));
        }
    }

    public PyModule(String name) {
        this(name, new PyDict());
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        visitor.visit(globals);
    }

    public String name() {
        return name;
    }

    public PyDict globals() {
        return globals;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        PyObject file = globals.getStr("__file__");
        if (file != null) {
            return "<module '" + name + "' from '" + file.str() + "'>";
        }
        return "<module '" + name + "'>";
    }

    @Override
    public PyObject getAttr(String attr) {
        PyObject v = globals.getStr(attr);
        if (v != null) {
            return v;
        }
        if (attr == "__dict__") {
            return globals;
        }
        // a module-level __getattr__ (PEP 562) answers for names the module does not have
        PyObject hook = globals.getStr("__getattr__");
        if (hook != null) {
            return hook.call(new PyObject[] {PyStr.of(attr)}, null);
        }
        return null;
    }

    @Override
    public void setAttr(String attr, PyObject value) {
        if (value == null) {
            globals.map().remove(PyStr.name(attr));
        } else {
            globals.putStr(attr, value);
        }
    }
}
