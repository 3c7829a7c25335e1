package dev.mica.obj;

/** A function bound to its first argument. */
public final class PyBoundMethod extends PyObject {
    public static final PyType TYPE = PyType.builtin("bound_method", PyType.OBJECT);

    private final PyObject function;
    private final PyObject self;

    public PyBoundMethod(PyObject function, PyObject self) {
        // counted, never refused: calls through LOAD_METHOD, which MicroPython makes without a
        // bound method, often bind one here (through getAttr) and must work with the heap locked
        dev.mica.heap.HeapAccount.current().chargeQuietly(BYTES);
        this.function = function;
        this.self = self;
    }

    /** MicroPython's bound method: type, function, self. */
    private static final long BYTES = 32;

    @Override
    public long heapBytes() {
        return BYTES;
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        visitor.visit(function);
        visitor.visit(self);
    }

    public PyObject function() {
        return function;
    }

    public PyObject self() {
        return self;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<bound_method " + Long.toHexString(Py.id(this)) + " " + Ops.repr(self) + "." + Ops.repr(function) + ">";
    }

    @Override
    public PyObject call(PyObject[] args, String[] kwNames) {
        return function.call(Py.prepend(self, args), kwNames);
    }

    @Override
    public PyObject getAttr(String name) {
        if (name == "__self__") {
            return self;
        }
        if (name == "__func__") {
            return function;
        }
        return function.getAttr(name);
    }

    @Override
    public boolean pyEquals(PyObject other) {
        return other instanceof PyBoundMethod m && m.function == function && m.self == self;
    }

    @Override
    public long pyHash() {
        return Py.id(function) ^ Py.id(self);
    }
}
