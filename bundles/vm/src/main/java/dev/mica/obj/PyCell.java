package dev.mica.obj;

/** A variable shared between a function and the closures made in it. */
public final class PyCell extends PyObject {
    public static final PyType TYPE = PyType.builtin("cell", PyType.OBJECT);

    public PyObject value;

    public PyCell(PyObject value) {
        dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.BLOCK_BYTES);
        this.value = value;
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        visitor.visit(value);
    }

    @Override
    public PyType type() {
        return TYPE;
    }
}
