package dev.mica.obj;

/**
 * Base of every Python value. The default behaviour of each operation is MicroPython's error
 * for a type that does not support it; types override what they support.
 */
public abstract class PyObject implements dev.mica.heap.HeapTraceable {
    public abstract PyType type();

    /**
     * Bytes MicroPython's 64-bit port holds on its heap for an object like this one (see
     * {@link dev.mica.heap.HeapAccount}): one block unless a type says otherwise.
     */
    @Override
    public long heapBytes() {
        return dev.mica.heap.HeapAccount.BLOCK_BYTES;
    }

    /** Reports the objects this one refers to, for heap tracing; types holding objects override it. */
    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
    }

    public String repr() {
        return "<" + type().name() + " object at " + Long.toHexString(Py.id(this)) + ">";
    }

    public String str() {
        return repr();
    }

    public boolean isTrue() {
        return true;
    }

    /** True for functions, which bind to the instance when found in its class. */
    public boolean isMethodFunction() {
        return false;
    }

    /** The attribute, or null when there is none. */
    public PyObject getAttr(String name) {
        PyObject v = type().lookupBound(this, name);
        if (v == null && name == "__class__") {
            return type();
        }
        return v;
    }

    public void setAttr(String name, PyObject value) {
        throw Py.attributeError("'" + type().name() + "' object has no attribute '" + name + "'");
    }

    public void delAttr(String name) {
        setAttr(name, null);
    }

    public PyObject call(PyObject[] args, String[] kwNames) {
        throw Py.typeError("'" + type().name() + "' object isn't callable");
    }

    public PyObject getItem(PyObject key) {
        throw Py.typeError("'" + type().name() + "' object isn't subscriptable");
    }

    public void setItem(PyObject key, PyObject value) {
        throw Py.typeError("'" + type().name() + "' object doesn't support item assignment");
    }

    public void delItem(PyObject key) {
        throw Py.typeError("'" + type().name() + "' object doesn't support item deletion");
    }

    public PyObject iter() {
        throw Py.typeError("'" + type().name() + "' object isn't iterable");
    }

    /** The next item, or null when exhausted. */
    public PyObject next() {
        throw Py.typeError("'" + type().name() + "' object isn't an iterator");
    }

    public int len() {
        throw Py.typeError("object of type '" + type().name() + "' has no len()");
    }

    /** Binary operation with this as left operand; null means not supported. */
    public PyObject binaryOp(int op, PyObject other) {
        return null;
    }

    /** Binary operation with this as right operand (after the left one declined); null if not supported. */
    public PyObject reflectedOp(int op, PyObject other) {
        return null;
    }

    /** Unary operation; null means not supported. */
    public PyObject unaryOp(int op) {
        return null;
    }

    public boolean contains(PyObject item) {
        PyObject it = iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            if (Ops.eq(x, item)) {
                return true;
            }
        }
        return false;
    }

    /** Python equality; identity by default. */
    public boolean pyEquals(PyObject other) {
        return this == other;
    }

    public long pyHash() {
        return Py.id(this);
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof PyObject p && (p == this || pyEquals(p));
    }

    @Override
    public final int hashCode() {
        long h = pyHash();
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return repr();
    }
}
