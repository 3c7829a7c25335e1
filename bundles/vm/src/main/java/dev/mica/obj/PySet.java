package dev.mica.obj;

import java.util.ArrayList;
import java.util.List;

/**
 * set and frozenset. The table is MicroPython's: open addressing from {@code hash % size},
 * linear probing, deleted slots marked, and growth through the same table sizes only when
 * no slot is free, so that iteration and printing give the items in MicroPython's order.
 */
public final class PySet extends PyObject {
    public static final PyType TYPE = PyType.builtin("set", PyType.OBJECT);
    public static final PyType FROZEN_TYPE = PyType.builtin("frozenset", PyType.OBJECT);

    /** Table sizes MicroPython grows its hash tables through. */
    private static final int[] TABLE_SIZES = {
        0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389, 521, 691, 919,
        1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607, 54907};
    /** Marks a slot whose item was removed, so that probing continues past it. */
    private static final PyObject DELETED = new PyCell(null);
    private static final PyObject[] EMPTY_TABLE = new PyObject[0];

    private PyObject[] table;
    private int used;
    private final boolean frozen;

    public PySet() {
        this(false);
    }

    public PySet(boolean frozen) {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES);
        this.frozen = frozen;
        this.table = EMPTY_TABLE;
    }

    /** An empty set with room for {@code capacity} items, as a set display of that many makes. */
    public PySet(int capacity) {
        dev.mica.heap.HeapAccount.chargeCurrent(HEADER_BYTES + dev.mica.heap.HeapAccount.blocks(SLOT_BYTES * capacity));
        this.frozen = false;
        this.table = capacity == 0 ? EMPTY_TABLE : new PyObject[capacity];
    }

    /** MicroPython's set object (type and the table's counts and pointer) and one table slot. */
    private static final long HEADER_BYTES = 32;
    private static final long SLOT_BYTES = 8;

    @Override
    public long heapBytes() {
        return HEADER_BYTES + dev.mica.heap.HeapAccount.blocks(SLOT_BYTES * table.length);
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        for (PyObject x : table) {
            if (x != DELETED) {
                visitor.visit(x);
            }
        }
    }

    public void add(PyObject x) {
        lookup(x, true, false);
    }

    /** The items in iteration order. */
    public List<PyObject> items() {
        List<PyObject> out = new ArrayList<>(used);
        for (PyObject x : table) {
            if (x != null && x != DELETED) {
                out.add(x);
            }
        }
        return out;
    }

    private static int sizeAtLeast(int n) {
        for (int size : TABLE_SIZES) {
            if (size >= n) {
                return size;
            }
        }
        return (n + n / 2) | 1;
    }

    private void grow() {
        PyObject[] old = table;
        int size = sizeAtLeast(old.length + 1);
        dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.blocks(SLOT_BYTES * size));
        table = new PyObject[size];
        used = 0;
        for (PyObject x : old) {
            if (x != null && x != DELETED) {
                reinsert(x);
            }
        }
    }

    /** Puts an item back after growth: the items are distinct and the new table has no deleted slots, so the first free slot is its place. */
    private void reinsert(PyObject x) {
        PyObject[] t = table;
        int pos = (int) Long.remainderUnsigned(Ops.hash(x), t.length);
        while (t[pos] != null) {
            pos = pos + 1 == t.length ? 0 : pos + 1;
        }
        t[pos] = x;
        used++;
    }

    /** Finds {@code key}; adds it when missing and {@code add}, removes it when found and {@code remove}. */
    private PyObject lookup(PyObject key, boolean add, boolean remove) {
        if (table.length == 0) {
            if (!add) {
                return null;
            }
            grow();
        }
        long hash = Ops.hash(key);
        int pos = (int) Long.remainderUnsigned(hash, table.length);
        int start = pos;
        int free = -1;
        while (true) {
            PyObject x = table[pos];
            if (x == null) {
                if (!add) {
                    return null;
                }
                table[free < 0 ? pos : free] = key;
                used++;
                return key;
            }
            if (x == DELETED) {
                if (free < 0) {
                    free = pos;
                }
            } else if (Ops.eq(x, key)) {
                if (remove) {
                    used--;
                    table[pos] = table[(pos + 1) % table.length] == null ? null : DELETED;
                }
                return x;
            }
            pos = pos + 1 == table.length ? 0 : pos + 1;
            if (pos == start) {
                if (!add) {
                    return null;
                }
                if (free >= 0) {
                    table[free] = key;
                    used++;
                    return key;
                }
                grow();
                start = pos = (int) Long.remainderUnsigned(hash, table.length);
            }
        }
    }

    private boolean has(PyObject key) {
        return lookup(key, false, false) != null;
    }

    private boolean discard(PyObject key) {
        return lookup(key, false, true) != null;
    }

    /** Adds a missing item and removes a present one. */
    private void toggle(PyObject key) {
        if (!discard(key)) {
            add(key);
        }
    }

    private PyObject removeFirst() {
        for (int pos = 0; pos < table.length; pos++) {
            PyObject x = table[pos];
            if (x != null && x != DELETED) {
                used--;
                table[pos] = table[(pos + 1) % table.length] == null ? null : DELETED;
                return x;
            }
        }
        return null;
    }

    private void clear() {
        table = EMPTY_TABLE;
        used = 0;
    }

    private static PySet from(PyObject src, boolean frozen) {
        PySet s = new PySet(frozen);
        PyObject it = src.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            s.add(x);
        }
        return s;
    }

    private static PySet other(PyObject o) {
        return o instanceof PySet s ? s : from(o, false);
    }

    /** A copy with the same table layout, so it iterates in the same order. */
    private PySet copy(boolean asFrozen) {
        PySet r = new PySet(asFrozen);
        r.table = table.length == 0 ? EMPTY_TABLE : table.clone();
        r.used = used;
        return r;
    }

    private static PySet self(PyObject[] a) {
        return (PySet) a[0];
    }

    static {
        TYPE.setConstructor((t, a, kw) -> a.length == 0 ? new PySet() : from(a[0], false));
        FROZEN_TYPE.setConstructor((t, a, kw) -> a.length == 0 ? new PySet(true) : from(a[0], true));
        for (PyType t : new PyType[] {TYPE, FROZEN_TYPE}) {
            t.method("copy", 1, 1, a -> self(a).copy(self(a).frozen));
            t.method("union", 1, PyBuiltinFunction.VARIADIC, a -> fold(a, Ops.OR));
            t.method("intersection", 1, PyBuiltinFunction.VARIADIC, a -> fold(a, Ops.AND));
            t.method("difference", 1, PyBuiltinFunction.VARIADIC, a -> fold(a, Ops.SUBTRACT));
            t.method("symmetric_difference", 2, 2, a -> self(a).symmetricDifference(other(a[1]), false));
            t.method("issubset", 2, 2, a -> Py.bool(self(a).isSubsetOf(other(a[1]), false)));
            t.method("issuperset", 2, 2, a -> Py.bool(other(a[1]).isSubsetOf(self(a), false)));
            t.method("isdisjoint", 2, 2, a -> {
                PyObject it = a[1].iter();
                for (PyObject x = it.next(); x != null; x = it.next()) {
                    if (self(a).has(x)) {
                        return PyBool.FALSE;
                    }
                }
                return PyBool.TRUE;
            });
        }
        TYPE.method("add", 2, 2, a -> {
            self(a).add(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("discard", 2, 2, a -> {
            self(a).discard(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("remove", 2, 2, a -> {
            if (!self(a).discard(a[1])) {
                throw Py.keyError(a[1]);
            }
            return PyNone.NONE;
        });
        TYPE.method("pop", 1, 1, a -> {
            PyObject x = self(a).removeFirst();
            if (x == null) {
                throw Py.error(PyBaseException.KEY_ERROR, "pop from an empty set");
            }
            return x;
        });
        TYPE.method("clear", 1, 1, a -> {
            self(a).clear();
            return PyNone.NONE;
        });
        TYPE.method("update", 1, PyBuiltinFunction.VARIADIC, a -> {
            for (int i = 1; i < a.length; i++) {
                self(a).addAll(a[i]);
            }
            return PyNone.NONE;
        });
        TYPE.method("intersection_update", 2, 2, a -> {
            self(a).intersection(a[1], true);
            return PyNone.NONE;
        });
        TYPE.method("difference_update", 1, PyBuiltinFunction.VARIADIC, a -> {
            for (int i = 1; i < a.length; i++) {
                self(a).removeAll(a[i]);
            }
            return PyNone.NONE;
        });
        TYPE.method("symmetric_difference_update", 2, 2, a -> {
            self(a).symmetricDifference(other(a[1]), true);
            return PyNone.NONE;
        });
    }

    private void addAll(PyObject iterable) {
        PyObject it = iterable.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            add(x);
        }
    }

    private void removeAll(PyObject iterable) {
        if (iterable == this) {
            clear();
            return;
        }
        PyObject it = iterable.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            discard(x);
        }
    }

    /** The items of {@code other} that are also here, in a new table (or this one's, when updating). */
    private PySet intersection(PyObject other, boolean update) {
        if (other == this) {
            return update ? this : copy(frozen);
        }
        PySet out = new PySet(frozen);
        PyObject it = other.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            if (has(x)) {
                out.add(x);
            }
        }
        if (update) {
            table = out.table;
            used = out.used;
            return this;
        }
        return out;
    }

    private PySet symmetricDifference(PySet other, boolean update) {
        PySet r = update ? this : copy(frozen);
        for (PyObject x : other.items()) {
            r.toggle(x);
        }
        return r;
    }

    private boolean isSubsetOf(PySet other, boolean proper) {
        if (proper && used == other.used) {
            return false;
        }
        for (PyObject x : items()) {
            if (!other.has(x)) {
                return false;
            }
        }
        return true;
    }

    private static PyObject fold(PyObject[] a, int op) {
        PySet r = self(a).copy(self(a).frozen);
        for (int i = 1; i < a.length; i++) {
            switch (op) {
                case Ops.OR:
                    r.addAll(a[i]);
                    break;
                case Ops.AND:
                    r = r.intersection(a[i], false);
                    break;
                default:
                    r.removeAll(a[i]);
                    break;
            }
        }
        return r;
    }

    @Override
    public PyType type() {
        return frozen ? FROZEN_TYPE : TYPE;
    }

    @Override
    public String repr() {
        if (used == 0) {
            return frozen ? "frozenset()" : "set()";
        }
        List<PyObject> items = items();
        String body = PyList.join(items.toArray(new PyObject[0]), items.size(), "{", "}");
        return frozen ? "frozenset(" + body + ")" : body;
    }

    @Override
    public boolean isTrue() {
        return used != 0;
    }

    @Override
    public int len() {
        return used;
    }

    @Override
    public boolean contains(PyObject item) {
        return has(item);
    }

    @Override
    public PyObject iter() {
        return new PyIterators.JavaIterator(items().iterator());
    }

    @Override
    public boolean pyEquals(PyObject other) {
        return other instanceof PySet s && used == s.used && isSubsetOf(s, false);
    }

    @Override
    public long pyHash() {
        if (!frozen) {
            throw Py.typeError("unsupported type for __hash__: 'set'");
        }
        long h = 0;
        for (PyObject x : items()) {
            h += Ops.hash(x);
        }
        return h;
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if (!(other instanceof PySet o)) {
            return null;
        }
        boolean update = !frozen;
        switch (op) {
            case Ops.OR:
                return fold(new PyObject[] {this, o}, Ops.OR);
            case Ops.INPLACE_OR:
                if (update) {
                    addAll(o);
                    return this;
                }
                return fold(new PyObject[] {this, o}, Ops.OR);
            case Ops.AND:
                return intersection(o, false);
            case Ops.INPLACE_AND:
                return intersection(o, update);
            case Ops.SUBTRACT:
                return fold(new PyObject[] {this, o}, Ops.SUBTRACT);
            case Ops.INPLACE_SUBTRACT:
                if (update) {
                    removeAll(o);
                    return this;
                }
                return fold(new PyObject[] {this, o}, Ops.SUBTRACT);
            case Ops.XOR:
                return symmetricDifference(o, false);
            case Ops.INPLACE_XOR:
                return symmetricDifference(o, update);
            case Ops.LESS:
                return Py.bool(isSubsetOf(o, true));
            case Ops.LESS_EQUAL:
                return Py.bool(isSubsetOf(o, false));
            case Ops.MORE:
                return Py.bool(o.isSubsetOf(this, true));
            case Ops.MORE_EQUAL:
                return Py.bool(o.isSubsetOf(this, false));
            default:
                return null;
        }
    }

    // last, after every method is defined: the order MicroPython lists them in
    static {
        TYPE.orderLocals("add", "clear", "copy", "discard", "difference", "difference_update", "intersection", "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove", "symmetric_difference", "symmetric_difference_update", "union", "update", "__contains__");
        FROZEN_TYPE.orderLocals("copy", "difference", "intersection", "isdisjoint", "issubset", "issuperset", "symmetric_difference", "union", "__contains__");
    }
}
