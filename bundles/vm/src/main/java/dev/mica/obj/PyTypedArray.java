package dev.mica.obj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What bytearray, array.array and memoryview share: items of one typecode stored in a byte
 * array, with indexing, slicing, slice assignment, iteration, concatenation and comparison
 * following MicroPython's rules for these types.
 */
public abstract class PyTypedArray extends PyObject implements BufferSource {
    protected final char typecode;
    protected final int itemSize;
    /** Storage; for array and bytearray it may have spare room past {@code length} items. */
    protected byte[] items;
    /** Index of the first item in {@code items} (non-zero only for memoryview slices). */
    protected int offset;
    protected int length;
    /** Objects stored in an array('O'), kept alive while the array refers to them by handle. */
    private List<PyObject> retained;

    protected PyTypedArray(char typecode, byte[] items, int offset, int length) {
        this.typecode = typecode;
        this.itemSize = Typecodes.size(typecode);
        dev.mica.heap.HeapAccount.chargeCurrent(this instanceof PyMemoryView ? HEADER_BYTES
                : HEADER_BYTES + dev.mica.heap.HeapAccount.blocks((long) length * itemSize));
        this.items = items;
        this.offset = offset;
        this.length = length;
    }

    /** MicroPython's array object: type, typecode and spare room, length, items pointer. */
    private static final long HEADER_BYTES = 32;

    @Override
    public long heapBytes() {
        return this instanceof PyMemoryView ? HEADER_BYTES : HEADER_BYTES + dev.mica.heap.HeapAccount.blocks(items.length);
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        List<PyObject> r = retained;
        if (r != null) {
            for (PyObject x : r) {
                visitor.visit(x);
            }
        }
    }

    public char typecode() {
        return typecode;
    }

    /** Number of items. */
    public int length() {
        return length;
    }

    /** Whether items may be stored through this object. */
    protected abstract boolean writable();

    /** The result of {@code self[start:stop]}: a copy for arrays, a view for memoryview. */
    protected abstract PyObject slice(int start, int stop);

    /** A new object of the kind that {@code +} makes (bytearray or array) holding these bytes. */
    protected abstract PyObject concatResult(byte[] bytes);

    @Override
    public BufferView buffer() {
        return new BufferView(items, offset * itemSize, length * itemSize, typecode, writable());
    }

    /** The item at index {@code i} (0 <= i < length). */
    public PyObject item(int i) {
        return Typecodes.get(typecode, items, (offset + i) * itemSize, false);
    }

    /** Stores an item at index {@code i}, which may lie in the spare room past the length. */
    protected void storeItem(int i, PyObject value) {
        Typecodes.set(typecode, items, (offset + i) * itemSize, value, false);
        if (typecode == 'O') {
            if (retained == null) {
                retained = new ArrayList<>();
            }
            retained.add(value);
        }
    }

    /** Makes room for at least {@code n} items (arrays and bytearrays only). */
    protected void ensureCapacity(int n) {
        if ((long) (offset + n) * itemSize > items.length) {
            long want = Math.max((long) n * itemSize, (long) (length + 8) * itemSize);
            if (want > Integer.MAX_VALUE - 8) {
                throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + want + " bytes");
            }
            dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.blocks(want));
            // storage shared from an offset (a bytearray over part of another buffer) moves to its own
            items = Arrays.copyOfRange(items, offset * itemSize, offset * itemSize + (int) want);
            offset = 0;
        }
    }

    /** append(x): adds one item; on a conversion error the array is left unchanged. */
    public void append(PyObject value) {
        ensureCapacity(length + 1);
        storeItem(length, value);
        length++;
    }

    /** extend(buf): appends the items of any object with the buffer protocol, taken as raw bytes. */
    public void extend(PyObject source) {
        BufferView src = Buffers.read(source);
        int n = src.length() / itemSize;
        byte[] copy = Arrays.copyOfRange(src.array(), src.offset(), src.offset() + n * itemSize);
        ensureCapacity(length + n);
        System.arraycopy(copy, 0, items, (offset + length) * itemSize, copy.length);
        length += n;
    }

    /** The bytes of the items, copied. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(items, offset * itemSize, (offset + length) * itemSize);
    }

    /** Index for item access, with MicroPython's errors naming the type. */
    protected int index(PyObject key) {
        long i;
        PyObject k = key instanceof PyInstance inst && inst.base() instanceof PyInt ? inst.base() : key;
        if (k instanceof PyInt n && !n.isBig()) {
            i = n.value;
        } else if (k instanceof PyInt) {
            throw Py.indexError(type().name() + " index out of range");
        } else {
            throw Py.typeError(type().name() + " indices must be integers, not " + key.type().name());
        }
        if (i < 0) {
            i += length;
        }
        if (i < 0 || i >= length) {
            throw Py.indexError(type().name() + " index out of range");
        }
        return (int) i;
    }

    /** {start, stop} of a slice with step 1, the only step these types support. */
    static int[] simpleSlice(PySlice s, int length) {
        boolean unitStep = s.step == PyNone.NONE
                || s.step instanceof PyInt n && !(s.step instanceof PyBool) && !n.isBig() && n.value == 1;
        if (!unitStep) {
            throw notImplemented("only slices with step=1 (aka None) are supported");
        }
        long[] r = s.indices(length);
        int start = (int) r[0];
        int stop = (int) Math.max(r[0], r[1]);
        return new int[] {start, stop};
    }

    static PyException notImplemented(String message) {
        if (message == null) {
            return new PyException(new PyBaseException(PyBaseException.NOT_IMPLEMENTED_ERROR, Py.NO_ARGS));
        }
        return Py.error(PyBaseException.NOT_IMPLEMENTED_ERROR, message);
    }

    @Override
    public PyObject getItem(PyObject key) {
        if (key instanceof PySlice s) {
            int[] r = simpleSlice(s, length);
            return slice(r[0], r[1]);
        }
        return item(index(key));
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        if (key instanceof PySlice s) {
            assignSlice(s, value);
            return;
        }
        if (!writable()) {
            super.setItem(key, value); // raises: a read-only view takes no stores
        }
        storeItem(index(key), value);
    }

    private void assignSlice(PySlice s, PyObject value) {
        int[] r = simpleSlice(s, length);
        byte[] src;
        if (value instanceof PyTypedArray a) {
            if (a.itemSize != itemSize) {
                throw incompatible();
            }
            src = a.toBytes();
        } else if (value instanceof PyBytes b) {
            if (itemSize != 1) {
                throw incompatible();
            }
            src = b.bytes();
        } else {
            throw notImplemented("array/bytes required on right side");
        }
        if (!writable()) {
            super.setItem(s, value); // raises: a read-only view takes no stores
        }
        int start = r[0];
        int stop = r[1];
        int newItems = src.length / itemSize;
        int adjust = newItems - (stop - start);
        if (adjust != 0) {
            resize(start, stop, adjust);
        }
        System.arraycopy(src, 0, items, (offset + start) * itemSize, newItems * itemSize);
    }

    /** Moves the items after {@code stop} by {@code adjust} places; only resizable kinds support it. */
    protected void resize(int start, int stop, int adjust) {
        ensureCapacity(length + Math.max(0, adjust));
        int tailBytes = (length - stop) * itemSize;
        System.arraycopy(items, (offset + stop) * itemSize, items, (offset + stop + adjust) * itemSize, tailBytes);
        length += adjust;
        if (adjust < 0) {
            Arrays.fill(items, (offset + length) * itemSize, (offset + length - adjust) * itemSize, (byte) 0);
        }
    }

    static PyException incompatible() {
        return Py.valueError("lhs and rhs should be compatible");
    }

    @Override
    public PyObject iter() {
        return new PyIterators.Base(PyIterators.ITERATOR) {
            private int next;

            @Override
            public PyObject next() {
                return next < length ? item(next++) : null;
            }
        };
    }

    @Override
    public int len() {
        return length;
    }

    @Override
    public boolean isTrue() {
        return length != 0;
    }

    @Override
    public long pyHash() {
        throw Py.typeError("unsupported type for __hash__: '" + type().name() + "'");
    }

    @Override
    public boolean contains(PyObject item) {
        BufferView needle = Buffers.view(item);
        if (needle != null) {
            if (!(this instanceof PyByteArray)) {
                return false;
            }
            return BytesMethods.find(toBytes(), 0, length, needle.toByteArray(), 1) >= 0;
        }
        if (item instanceof PyInt && !(item instanceof PyBool) || item instanceof PyFloat) {
            throw notImplemented(null);
        }
        return false;
    }

    /** Typecode used to decide which comparisons make sense; upper case marks unsigned. */
    private static char comparisonCode(char typecode, boolean[] unsigned) {
        if (typecode <= 'Z') {
            unsigned[0] = true;
            return (char) (typecode + 32);
        }
        return typecode;
    }

    /** Compares raw bytes when both layouts agree; null when {@code other} has no buffer. */
    private Integer compareBuffers(PyObject other, boolean equality) {
        BufferView rhs = Buffers.view(other);
        if (rhs == null) {
            return null;
        }
        boolean[] unsigned = {false};
        char lc = comparisonCode(typecode, unsigned);
        char rc = comparisonCode(rhs.typecode(), unsigned);
        if (lc != rc || lc == 'f' || lc == 'd' || !(equality || unsigned[0])) {
            throw notImplemented(null);
        }
        byte[] mine = toBytes();
        return Arrays.compareUnsigned(mine, 0, mine.length, rhs.array(), rhs.offset(), rhs.offset() + rhs.length());
    }

    /**
     * Whether {@code ==} looks at the other object's bytes at all. bytearray and memoryview
     * compare with any buffer; array.array, like MicroPython's array type, is never equal to
     * bytes or str.
     */
    protected boolean equalityComparesWith(PyObject other) {
        return true;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (other == this) {
            return true;
        }
        if (!equalityComparesWith(other)) {
            return false;
        }
        Integer c = compareBuffers(other, true);
        return c != null && c == 0;
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        switch (op) {
            case Ops.ADD: {
                if (this instanceof PyMemoryView) {
                    return null;
                }
                BufferView rhs = Buffers.read(other);
                int n = rhs.length() / itemSize * itemSize;
                byte[] mine = toBytes();
                byte[] r = Arrays.copyOf(mine, mine.length + n);
                System.arraycopy(rhs.array(), rhs.offset(), r, mine.length, n);
                return concatResult(r);
            }
            case Ops.INPLACE_ADD:
                if (this instanceof PyMemoryView) {
                    return null;
                }
                extend(other);
                return this;
            case Ops.LESS:
            case Ops.MORE:
            case Ops.LESS_EQUAL:
            case Ops.MORE_EQUAL: {
                Integer c = compareBuffers(other, false);
                return c == null ? PyBool.FALSE : Py.bool(PyList.compareResult(op, c));
            }
            default:
                return null;
        }
    }
}
