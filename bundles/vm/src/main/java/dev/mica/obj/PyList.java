package dev.mica.obj;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** list: a growable array. */
public final class PyList extends PyObject {
    public static final PyType TYPE = PyType.builtin("list", PyType.OBJECT);

    PyObject[] items;
    int size;

    /** MicroPython's list object (type, allocated and used lengths, items pointer) and one item slot. */
    static final long HEADER_BYTES = 32;
    static final long SLOT_BYTES = 8;

    @Override
    public long heapBytes() {
        return HEADER_BYTES + dev.mica.heap.HeapAccount.blocks((long) items.length * SLOT_BYTES);
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        PyObject[] a = items;
        for (int i = 0, n = Math.min(size, a.length); i < n; i++) {
            visitor.visit(a[i]);
        }
    }

    public PyList() {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES + 4 * SLOT_BYTES);
        items = new PyObject[4];
    }

    public PyList(PyObject[] items, int size) {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES + dev.mica.heap.HeapAccount.blocks((long) items.length * SLOT_BYTES));
        this.items = items;
        this.size = size;
    }

    public PyList(List<PyObject> list) {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES + dev.mica.heap.HeapAccount.blocks((long) Math.max(4, list.size()) * SLOT_BYTES));
        this.items = list.toArray(new PyObject[Math.max(4, list.size())]);
        this.size = list.size();
    }

    public static PyList of(PyObject... items) {
        return new PyList(items.clone(), items.length);
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (a.length == 0) {
                return new PyList();
            }
            PyObject[] arr = Ops.toArray(a[0]);
            return new PyList(arr, arr.length);
        });
        TYPE.method("append", 2, 2, a -> {
            ((PyList) a[0]).append(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("extend", 2, 2, a -> {
            PyList l = (PyList) a[0];
            PyObject[] more = Ops.toArray(a[1]);
            l.reserve((long) l.size + more.length);
            for (PyObject x : more) {
                l.append(x);
            }
            return PyNone.NONE;
        });
        TYPE.method("insert", 3, 3, a -> {
            PyList l = (PyList) a[0];
            long i = Ops.indexValue(a[1], "int");
            if (i < 0) {
                i = Math.max(0, i + l.size);
            }
            l.insert((int) Math.min(i, l.size), a[2]);
            return PyNone.NONE;
        });
        TYPE.method("pop", 1, 2, a -> {
            PyList l = (PyList) a[0];
            if (l.size == 0) {
                throw Py.indexError("pop from empty list");
            }
            int i = a.length > 1 ? index(a[1], l.size, "list") : l.size - 1;
            return l.remove(i);
        });
        TYPE.method("remove", 2, 2, a -> {
            PyList l = (PyList) a[0];
            for (int i = 0; i < l.size; i++) {
                if (Ops.eq(l.items[i], a[1])) {
                    l.remove(i);
                    return PyNone.NONE;
                }
            }
            throw Py.valueError("object not in sequence");
        });
        TYPE.method("index", 2, 4, a -> PyInt.of(indexOf(((PyList) a[0]).items, ((PyList) a[0]).size, a)));
        TYPE.method("count", 2, 2, a -> {
            PyList l = (PyList) a[0];
            int c = 0;
            for (int i = 0; i < l.size; i++) {
                if (Ops.eq(l.items[i], a[1])) {
                    c++;
                }
            }
            return PyInt.of(c);
        });
        TYPE.method("clear", 1, 1, a -> {
            PyList l = (PyList) a[0];
            Arrays.fill(l.items, null);
            l.size = 0;
            return PyNone.NONE;
        });
        TYPE.method("copy", 1, 1, a -> {
            PyList l = (PyList) a[0];
            return new PyList(Arrays.copyOf(l.items, Math.max(4, l.size)), l.size);
        });
        TYPE.method("reverse", 1, 1, a -> {
            PyList l = (PyList) a[0];
            for (int i = 0, j = l.size - 1; i < j; i++, j--) {
                PyObject t = l.items[i];
                l.items[i] = l.items[j];
                l.items[j] = t;
            }
            return PyNone.NONE;
        });
        TYPE.methodKw("sort", 1, 1, (a, kw) -> {
            Py.checkKeywords(kw, "key", "reverse");
            PyList l = (PyList) a[0];
            PyObject key = Py.keyword(a, kw, "key");
            PyObject rev = Py.keyword(a, kw, "reverse");
            l.sort(key == PyNone.NONE ? null : key, rev != null && rev.isTrue());
            return PyNone.NONE;
        });
    }

    public int size() {
        return size;
    }

    public PyObject get(int i) {
        return items[i];
    }

    public void set(int i, PyObject x) {
        items[i] = x;
    }

    /** A copy of the items. */
    public PyObject[] toArray() {
        return Arrays.copyOf(items, size);
    }

    public void append(PyObject x) {
        if (size == items.length) {
            // doubling as MicroPython does; the bigger array must fit in the heap
            int grown = HeapBudget.checkSlots(Math.max(4, size * 2L));
            dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.blocks((long) grown * SLOT_BYTES));
            items = Arrays.copyOf(items, grown);
        }
        items[size++] = x;
    }

    /** Makes room for {@code n} items at once (charged before anything changes). */
    void reserve(long n) {
        if (n > items.length) {
            int grown = HeapBudget.checkSlots(n);
            dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.blocks((long) grown * SLOT_BYTES));
            items = Arrays.copyOf(items, grown);
        }
    }

    public void insert(int i, PyObject x) {
        append(x);
        System.arraycopy(items, i, items, i + 1, size - 1 - i);
        items[i] = x;
    }

    public PyObject remove(int i) {
        PyObject x = items[i];
        System.arraycopy(items, i + 1, items, i, size - 1 - i);
        items[--size] = null;
        return x;
    }

    public void sort(PyObject key, boolean reverse) {
        PyObject[] keys = null;
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (key != null) {
            keys = new PyObject[size];
            for (int i = 0; i < size; i++) {
                keys[i] = key.call(new PyObject[] {items[i]}, null);
            }
        } else {
            keys = Arrays.copyOf(items, size);
        }
        final PyObject[] k = keys;
        Comparator<Integer> cmp = (x, y) -> Ops.lessThan(k[x], k[y]) ? -1 : Ops.lessThan(k[y], k[x]) ? 1 : 0;
        if (reverse) {
            cmp = cmp.reversed();
        }
        Arrays.sort(order, cmp);
        PyObject[] sorted = new PyObject[size];
        for (int i = 0; i < size; i++) {
            sorted[i] = items[order[i]];
        }
        System.arraycopy(sorted, 0, items, 0, size);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return join(items, size, "[", "]");
    }

    static String join(PyObject[] items, int n, String open, String close) {
        int[] depth = ReprDepth.enter();
        try {
            return joinItems(items, n, open, close);
        } finally {
            ReprDepth.leave(depth);
        }
    }

    private static String joinItems(PyObject[] items, int n, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Ops.repr(items[i]));
        }
        return sb.append(close).toString();
    }

    @Override
    public boolean isTrue() {
        return size != 0;
    }

    @Override
    public int len() {
        return size;
    }

    /** Normalises a sequence index, raising IndexError as MicroPython does. */
    static int index(PyObject key, int n, String typeName) {
        long i = Ops.indexValue(key, typeName);
        if (i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            throw Py.indexError(typeName + " index out of range");
        }
        return (int) i;
    }

    static int indexOf(PyObject[] items, int n, PyObject[] a) {
        int start = 0;
        int end = n;
        if (a.length > 2) {
            start = (int) Ops.indexValue(a[2], "int");
            if (start < 0) {
                start = Math.max(0, start + n);
            }
        }
        if (a.length > 3) {
            end = (int) Ops.indexValue(a[3], "int");
            if (end < 0) {
                end += n;
            }
            end = Math.min(end, n);
        }
        for (int i = start; i < end; i++) {
            if (Ops.eq(items[i], a[1])) {
                return i;
            }
        }
        throw Py.valueError("object not in sequence");
    }

    static PyObject[] sliceOf(PyObject[] items, int n, PySlice s) {
        long[] r = s.indices(n);
        if (r[2] == 1) {
            return r[1] > r[0] ? Arrays.copyOfRange(items, (int) r[0], (int) r[1]) : Py.NO_ARGS;
        }
        int count = PySlice.length(r);
        PyObject[] out = new PyObject[count];
        long j = r[0];
        for (int i = 0; i < count; i++, j += r[2]) {
            out[i] = items[(int) j];
        }
        return out;
    }

    static PyObject[] repeat(PyObject[] items, int n, PyInt times) {
        if (times.isBig()) {
            throw Py.overflow("overflow converting long int to machine word");
        }
        long k = times.value;
        if (k <= 0 || n == 0) {
            return Py.NO_ARGS;
        }
        // the exact product: a count that overflows cannot fit in the heap either
        long total = k > Long.MAX_VALUE / n ? Long.MAX_VALUE : n * k;
        PyObject[] r = new PyObject[HeapBudget.checkSlots(total)];
        for (int i = 0; i < k; i++) {
            System.arraycopy(items, 0, r, i * n, n);
        }
        return r;
    }

    static int compare(PyObject[] a, int na, PyObject[] b, int nb) {
        for (int i = 0; i < Math.min(na, nb); i++) {
            if (!Ops.eq(a[i], b[i])) {
                return Ops.lessThan(a[i], b[i]) ? -1 : 1;
            }
        }
        return Integer.compare(na, nb);
    }

    static boolean compareResult(int op, int c) {
        switch (op) {
            case Ops.LESS:
                return c < 0;
            case Ops.MORE:
                return c > 0;
            case Ops.LESS_EQUAL:
                return c <= 0;
            default:
                return c >= 0;
        }
    }

    @Override
    public PyObject getItem(PyObject key) {
        if (key instanceof PySlice s) {
            PyObject[] r = sliceOf(items, size, s);
            return new PyList(r.length == 0 ? new PyObject[4] : r, r.length);
        }
        return items[index(key, size, "list")];
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        if (key instanceof PySlice s) {
            long[] r = s.indices(size);
            PyObject[] repl = Ops.toArray(value);
            if (r[2] != 1) {
                throw PyTypedArray.notImplemented(null);
            }
            int start = (int) r[0];
            int stop = (int) Math.max(r[0], r[1]);
            reserve((long) start + repl.length + (size - stop));
            PyObject[] tail = Arrays.copyOfRange(items, stop, size);
            size = start;
            for (PyObject x : repl) {
                append(x);
            }
            for (PyObject x : tail) {
                append(x);
            }
            Arrays.fill(items, size, items.length, null);
            return;
        }
        items[index(key, size, "list")] = value;
    }

    @Override
    public void delItem(PyObject key) {
        if (key instanceof PySlice s) {
            long[] r = s.indices(size);
            if (r[2] != 1) {
                throw PyTypedArray.notImplemented(null);
            }
            int start = (int) r[0];
            int stop = (int) Math.max(r[0], r[1]);
            System.arraycopy(items, stop, items, start, size - stop);
            Arrays.fill(items, size - (stop - start), size, null);
            size -= stop - start;
            return;
        }
        remove(index(key, size, "list"));
    }

    @Override
    public PyObject iter() {
        return new PyIterators.ListIterator(this);
    }

    @Override
    public boolean contains(PyObject item) {
        for (int i = 0; i < size; i++) {
            if (Ops.eq(items[i], item)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (!(other instanceof PyList l) || l.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!Ops.eq(items[i], l.items[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long pyHash() {
        throw Py.typeError("unsupported type for __hash__: 'list'");
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        switch (op) {
            case Ops.ADD:
                if (other instanceof PyList l) {
                    PyObject[] r = Arrays.copyOf(items, Math.max(4, size + l.size));
                    System.arraycopy(l.items, 0, r, size, l.size);
                    return new PyList(r, size + l.size);
                }
                return null;
            case Ops.INPLACE_ADD: {
                PyObject[] more = Ops.toArray(other);
                reserve((long) size + more.length);
                for (PyObject x : more) {
                    append(x);
                }
                return this;
            }
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY:
                if (other instanceof PyInt n) {
                    PyObject[] r = repeat(items, size, n);
                    return new PyList(r.length == 0 ? new PyObject[4] : r, r.length);
                }
                return null;
            case Ops.LESS:
            case Ops.MORE:
            case Ops.LESS_EQUAL:
            case Ops.MORE_EQUAL:
                if (other instanceof PyList l) {
                    return Py.bool(compareResult(op, compare(items, size, l.items, l.size)));
                }
                return null;
            default:
                return null;
        }
    }

    // last, after every method is defined: the order MicroPython lists them in
    static {
        TYPE.orderLocals("append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort");
    }
}
