package dev.mica.obj;

/**
 * memoryview: a fixed-length window on another object's buffer. Slicing makes another window
 * on the same bytes; stores go to the underlying object when it is writable.
 */
public final class PyMemoryView extends PyTypedArray {
    public static final PyType TYPE = PyType.builtin("memoryview", PyType.OBJECT);

    private final boolean writable;

    private PyMemoryView(char typecode, byte[] items, int offset, int length, boolean writable) {
        super(typecode, items, offset, length);
        this.writable = writable;
    }

    /** A view of the whole buffer of {@code o} (TypeError when it has none). */
    public static PyMemoryView of(PyObject o) {
        BufferView v = Buffers.read(o);
        int size = Typecodes.size(v.typecode());
        return new PyMemoryView(v.typecode(), v.array(), v.offset() / size, v.length() / size, v.writable());
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (kw != null && kw.length > 0) {
                throw Py.typeError("function doesn't take keyword arguments");
            }
            if (a.length != 1) {
                throw Py.typeError("function takes 1 positional arguments but " + a.length + " were given");
            }
            return of(a[0]);
        });
        TYPE.method("hex", 1, 2, a -> BytesMethods.hex(a));
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    protected boolean writable() {
        return writable;
    }

    @Override
    protected PyObject slice(int start, int stop) {
        return new PyMemoryView(typecode, items, offset + start, stop - start, writable);
    }

    @Override
    protected void resize(int start, int stop, int adjust) {
        throw incompatible();
    }

    @Override
    protected PyObject concatResult(byte[] bytes) {
        throw new IllegalStateException("memoryview does not concatenate");
    }

    @Override
    public String repr() {
        return "<memoryview>";
    }
}
