package dev.mica.obj;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Iterators of the built-in types and of the iterator-making built-in functions. */
public final class PyIterators {
    private PyIterators() {}

    public static final PyType ITERATOR = PyType.builtin("iterator", PyType.OBJECT);

    static {
        addNext(ITERATOR);
    }

    /** Gives an iterator type its {@code __next__} method. */
    public static void addNext(PyType t) {
        t.method("__next__", 1, 1, a -> {
            PyObject v = a[0].next();
            if (v == null) {
                throw new PyException(new PyBaseException(PyBaseException.STOP_ITERATION, Py.NO_ARGS));
            }
            return v;
        });
    }

    /** Base: an iterator is its own iterable. */
    public abstract static class Base extends PyObject {
        private final PyType type;

        protected Base(PyType type) {
            this.type = type;
        }

        @Override
        public PyType type() {
            return type;
        }

        @Override
        public PyObject iter() {
            return this;
        }

        @Override
        public abstract PyObject next();
    }

    public static final class ArrayIterator extends Base {
        private final PyObject[] items;
        private final int n;
        private int i;

        public ArrayIterator(PyObject[] items, int n) {
            super(ITERATOR);
            this.items = items;
            this.n = n;
        }

        @Override
        public PyObject next() {
            return i < n ? items[i++] : null;
        }
    }

    public static final class ListIterator extends Base {
        private final PyList list;
        private int i;

        public ListIterator(PyList list) {
            super(ITERATOR);
            this.list = list;
        }

        @Override
        public PyObject next() {
            return i < list.size ? list.items[i++] : null;
        }
    }

    public static final class StrIterator extends Base {
        private final String s;
        private int i;

        public StrIterator(PyStr str) {
            super(ITERATOR);
            this.s = str.value();
        }

        @Override
        public PyObject next() {
            if (i >= s.length()) {
                return null;
            }
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            PyObject r = n == 1 ? PyStr.ofCodePoint(cp) : PyStr.of(s.substring(i, i + n));
            i += n;
            return r;
        }
    }

    public static final class RangeIterator extends Base {
        private long cur;
        private final long stop;
        private final long step;

        public RangeIterator(long start, long stop, long step) {
            super(ITERATOR);
            this.cur = start;
            this.stop = stop;
            this.step = step;
        }

        @Override
        public PyObject next() {
            if (step > 0 ? cur >= stop : cur <= stop) {
                return null;
            }
            long v = cur;
            cur += step;
            return PyInt.of(v);
        }
    }

    public static final class JavaIterator extends Base {
        private final Iterator<PyObject> it;

        public JavaIterator(Iterator<PyObject> it) {
            super(ITERATOR);
            this.it = it;
        }

        @Override
        public PyObject next() {
            return it.hasNext() ? it.next() : null;
        }
    }

    /** An iterator whose next step is a Java function returning null at the end. */
    public static final class Native extends Base {
        /**
         * How many Native iterators may draw from one another: each step of a chain recurses
         * through all of them, and MicroPython's stack check stops a chain of a few thousand.
         */
        public static final int MAX_NESTING = 2000;

        private final Supplier<PyObject> step;
        private final int nesting;

        public Native(PyType type, Supplier<PyObject> step) {
            this(type, step, 1);
        }

        /** An iterator drawing from others: {@code nesting} is one more than theirs (see {@link #nestingOf}). */
        public Native(PyType type, Supplier<PyObject> step, int nesting) {
            super(type);
            this.step = step;
            this.nesting = nesting;
        }

        /** The nesting of an iterator that draws from these sources: one more than the deepest. */
        public static int nestingOf(PyObject... sources) {
            int deepest = 0;
            for (PyObject source : sources) {
                if (source instanceof Native n && n.nesting > deepest) {
                    deepest = n.nesting;
                }
            }
            return deepest + 1;
        }

        @Override
        public PyObject next() {
            if (nesting > MAX_NESTING) {
                throw Py.runtimeError("maximum recursion depth exceeded");
            }
            return step.get();
        }
    }

    public static final PyType DICT_VIEW = PyType.builtin("dict_view", PyType.OBJECT);
    private static final String[] VIEW_NAMES = {"dict_keys", "dict_values", "dict_items"};

    /** keys(), values() and items() of a dict. */
    public static final class DictView extends PyObject {
        private final PyDict dict;
        private final int kind;

        @Override
        public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
            visitor.visit(dict);
        }

        public DictView(PyDict dict, int kind) {
            dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.BLOCK_BYTES);
            this.dict = dict;
            this.kind = kind;
        }

        @Override
        public PyType type() {
            return DICT_VIEW;
        }

        private List<PyObject> snapshot() {
            List<PyObject> out = new ArrayList<>(dict.map().size());
            for (Map.Entry<PyObject, PyObject> e : dict.map().entrySet()) {
                out.add(kind == 0 ? e.getKey() : kind == 1 ? e.getValue() : new PyTuple(e.getKey(), e.getValue()));
            }
            return out;
        }

        @Override
        public PyObject iter() {
            return new JavaIterator(snapshot().iterator());
        }

        @Override
        public int len() {
            return dict.map().size();
        }

        @Override
        public boolean contains(PyObject item) {
            if (kind == 0) {
                return dict.map().containsKey(item);
            }
            return super.contains(item);
        }

        /** Only a values view is hashable (by identity), as in MicroPython. */
        @Override
        public long pyHash() {
            if (kind != 1) {
                throw Py.typeError("unsupported type for __hash__: '" + type().name() + "'");
            }
            return super.pyHash();
        }

        @Override
        public String repr() {
            List<PyObject> s = snapshot();
            return VIEW_NAMES[kind] + "(" + PyList.join(s.toArray(new PyObject[0]), s.size(), "[", "]") + ")";
        }
    }
}
