package dev.mica.obj;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Instance attributes: a few names in insertion order, searched linearly by identity (names
 * are interned), which beats hashing for the handful of attributes objects usually have.
 */
final class AttributeMap extends AbstractMap<String, PyObject> {
    private String[] names = new String[4];
    private PyObject[] values = new PyObject[4];
    private int size;
    /**
     * For objects with many attributes: entry number + 1 by hash slot (0 free), open addressing;
     * null while the entries are few enough to search linearly.
     */
    private int[] index;

    /** Above this many entries lookups go through {@link #index}. */
    private static final int LINEAR_LIMIT = 8;

    private int indexOf(Object name) {
        if (index != null) {
            return hashedIndexOf(name);
        }
        String[] n = names;
        for (int i = 0; i < size; i++) {
            if (n[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (n[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int hashedIndexOf(Object name) {
        int[] ix = index;
        int mask = ix.length - 1;
        String[] n = names;
        int i = slotOf(name.hashCode(), mask);
        while (true) {
            int e = ix[i];
            if (e == 0) {
                return -1;
            }
            String k = n[e - 1];
            if (k == name || k.equals(name)) {
                return e - 1;
            }
            i = (i + 1) & mask;
        }
    }

    private static int slotOf(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** Builds the hash index for the current entries (after growth or a removal), or drops it when few are left. */
    private void reindex() {
        if (size <= LINEAR_LIMIT) {
            index = null;
            return;
        }
        int[] ix = new int[Integer.highestOneBit(names.length) * 4];
        int mask = ix.length - 1;
        for (int e = 0; e < size; e++) {
            int i = slotOf(names[e].hashCode(), mask);
            while (ix[i] != 0) {
                i = (i + 1) & mask;
            }
            ix[i] = e + 1;
        }
        index = ix;
    }

    @Override
    public PyObject get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    /** The value of {@code name}, an interned string (a name from code): matched by identity alone. */
    PyObject getInterned(String name) {
        if (index != null) {
            int e = hashedIndexOf(name);
            return e < 0 ? null : values[e];
        }
        String[] n = names;
        for (int i = 0; i < size; i++) {
            if (n[i] == name) {
                return values[i];
            }
        }
        return null;
    }

    /** Sets {@code name}, an interned string (a name from code). */
    PyObject putInterned(String name, PyObject value) {
        if (index == null) {
            String[] n = names;
            for (int i = 0; i < size; i++) {
                if (n[i] == name) {
                    PyObject old = values[i];
                    values[i] = value;
                    return old;
                }
            }
            return append(name, value);
        }
        return put(name, value);
    }

    @Override
    public PyObject put(String name, PyObject value) {
        int i = indexOf(name);
        if (i >= 0) {
            PyObject old = values[i];
            values[i] = value;
            return old;
        }
        // names are interned so that lookups match by identity; a known name skips the JVM's string table
        String known = PyStr.knownName(name);
        return append(known != null ? known : name.intern(), value);
    }

    /** Adds an entry for an interned name that is not there yet. */
    private PyObject append(String name, PyObject value) {
        if (size == names.length) {
            dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.blocks(16L * size * 2));
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        if (index != null && size * 2 <= index.length) {
            int mask = index.length - 1;
            int slot = slotOf(names[size - 1].hashCode(), mask);
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = size;
        } else if (size > LINEAR_LIMIT) {
            reindex();
        }
        return null;
    }

    @Override
    public PyObject remove(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : removeAt(i);
    }

    private PyObject removeAt(int i) {
        PyObject old = values[i];
        System.arraycopy(names, i + 1, names, i, size - 1 - i);
        System.arraycopy(values, i + 1, values, i, size - 1 - i);
        size--;
        names[size] = null;
        values[size] = null;
        if (index != null) {
            reindex();
        }
        return old;
    }

    @Override
    public int size() {
        return size;
    }

    /** Visits every value for the gc's trace: no iterator objects for each instance traced. */
    void visitValues(dev.mica.heap.HeapVisitor visitor) {
        PyObject[] v = values;
        for (int i = 0, n = Math.min(size, v.length); i < n; i++) {
            visitor.visit(v[i]);
        }
    }

    @Override
    public void clear() {
        Arrays.fill(names, null);
        Arrays.fill(values, null);
        size = 0;
        index = null;
    }

    @Override
    public Set<Entry<String, PyObject>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, PyObject>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, PyObject> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        final int i = last;
                        return new SimpleEntry<>(names[i], values[i]) {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public PyObject setValue(PyObject v) {
                                values[i] = v;
                                return super.setValue(v);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
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
