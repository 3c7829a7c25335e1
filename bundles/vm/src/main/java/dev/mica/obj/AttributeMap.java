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

    private int indexOf(Object name) {
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

    @Override
    public PyObject get(Object name) {
        String[] n = names;
        for (int i = 0; i < size; i++) {
            if (n[i] == name) {
                return values[i];
            }
        }
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public PyObject put(String name, PyObject value) {
        int i = indexOf(name);
        if (i >= 0) {
            PyObject old = values[i];
            values[i] = value;
            return old;
        }
        if (size == names.length) {
            dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.blocks(16L * size * 2));
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name.intern();
        values[size] = value;
        size++;
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
        return old;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        Arrays.fill(names, null);
        Arrays.fill(values, null);
        size = 0;
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
