package dev.mica.obj;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The hash table behind dict and module namespaces: entries in insertion order in parallel
 * arrays, found through an open-addressing index. Keys compare by identity before equality,
 * so interned names are found without calling equals.
 */
final class ObjectTable extends AbstractMap<PyObject, PyObject> {
    private static final int EMPTY = -1;

    private PyObject[] keys = new PyObject[8];
    private PyObject[] values = new PyObject[8];
    private int[] hashes = new int[8];
    /** Entry numbers by hash slot; EMPTY for a free slot. */
    private int[] index = newIndex(16);
    /** Entries used, including removed ones. */
    private int used;
    private int size;
    private int modCount;

    /** A key and a value in MicroPython's map table. */
    private static final long ENTRY_BYTES = 16;

    /** The table MicroPython would hold for these entries (none while empty). */
    long heapBytes() {
        return size == 0 ? 0 : ENTRY_BYTES * Math.max(used, size + 1);
    }

    void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        PyObject[] k = keys;
        PyObject[] v = values;
        for (int i = 0, n = Math.min(used, k.length); i < n; i++) {
            if (k[i] != null) {
                visitor.visit(k[i]);
                visitor.visit(v[i]);
            }
        }
    }

    private static int[] newIndex(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, EMPTY);
        return a;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The entry number holding {@code key}, or -1. */
    private int find(Object key, int h) {
        int mask = index.length - 1;
        int i = h & mask;
        while (true) {
            int e = index[i];
            if (e == EMPTY) {
                return -1;
            }
            PyObject k = keys[e];
            if (k == key || (k != null && hashes[e] == h && k.equals(key))) {
                return e;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Counts the entries added and removed (never a value replaced): an entry number found for a
     * key stays that key's while this is unchanged.
     */
    int layout() {
        return modCount;
    }

    /** The entry number of {@code key}, or -1. */
    int entryOf(PyObject key) {
        return find(key, spread(key.hashCode()));
    }

    /** The value of a live entry. */
    PyObject valueAt(int entry) {
        return values[entry];
    }

    /** Replaces the value of a live entry (as put does for a key that is there). */
    void setValueAt(int entry, PyObject value) {
        values[entry] = value;
    }

    @Override
    public PyObject get(Object key) {
        if (!(key instanceof PyObject)) {
            return null;
        }
        int e = find(key, spread(key.hashCode()));
        return e < 0 ? null : values[e];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof PyObject && find(key, spread(key.hashCode())) >= 0;
    }

    @Override
    public PyObject put(PyObject key, PyObject value) {
        int h = spread(key.hashCode());
        int e = find(key, h);
        if (e >= 0) {
            PyObject old = values[e];
            values[e] = value;
            return old;
        }
        if (used == keys.length) {
            grow();
        }
        e = used++;
        keys[e] = key;
        values[e] = value;
        hashes[e] = h;
        insertIndex(e, h);
        size++;
        modCount++;
        return null;
    }

    private void insertIndex(int e, int h) {
        int mask = index.length - 1;
        int i = h & mask;
        while (index[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        index[i] = e;
    }

    /** Compacts removed entries away and makes room for more. */
    private void grow() {
        int capacity = Math.max(8, size * 2);
        if (capacity > keys.length) {
            // compacting removed entries away reuses the table in MicroPython; only growth allocates
            dev.mica.heap.HeapAccount.chargeCurrent(ENTRY_BYTES * capacity);
        }
        PyObject[] nk = new PyObject[capacity];
        PyObject[] nv = new PyObject[capacity];
        int[] nh = new int[capacity];
        int n = 0;
        for (int i = 0; i < used; i++) {
            if (keys[i] != null) {
                nk[n] = keys[i];
                nv[n] = values[i];
                nh[n] = hashes[i];
                n++;
            }
        }
        keys = nk;
        values = nv;
        hashes = nh;
        used = n;
        index = newIndex(Integer.highestOneBit(capacity) * 4);
        for (int i = 0; i < n; i++) {
            insertIndex(i, nh[i]);
        }
    }

    @Override
    public PyObject remove(Object key) {
        if (!(key instanceof PyObject)) {
            return null;
        }
        int e = find(key, spread(key.hashCode()));
        if (e < 0) {
            return null;
        }
        return removeEntry(e);
    }

    private PyObject removeEntry(int e) {
        PyObject old = values[e];
        // the index slot keeps pointing at the emptied entry so probe chains stay intact
        keys[e] = null;
        values[e] = null;
        size--;
        modCount++;
        return old;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        keys = new PyObject[8];
        values = new PyObject[8];
        hashes = new int[8];
        index = newIndex(16);
        used = 0;
        size = 0;
        modCount++;
    }

    @Override
    public Set<Entry<PyObject, PyObject>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<PyObject, PyObject>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);
                    private int last = -1;
                    private int expected = modCount;

                    private int advance(int from) {
                        while (from < used && keys[from] == null) {
                            from++;
                        }
                        return from;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < used;
                    }

                    @Override
                    public Entry<PyObject, PyObject> next() {
                        if (expected != modCount) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= used) {
                            throw new NoSuchElementException();
                        }
                        last = next;
                        next = advance(next + 1);
                        final int e = last;
                        return new SimpleEntry<>(keys[e], values[e]) {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public PyObject setValue(PyObject v) {
                                values[e] = v;
                                return super.setValue(v);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeEntry(last);
                        last = -1;
                        expected = modCount;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
