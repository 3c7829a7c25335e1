package dev.mica.vm.modules;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyIterators;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * collections.deque as MicroPython has it: a fixed-size ring made with {@code deque(iterable,
 * maxlen[, flags])}. Appending to a full deque drops the item at the other end, unless flag 1
 * asks for IndexError("full") instead.
 */
final class Deque extends PyObject {
    static final PyType TYPE = PyType.builtin("deque", PyType.OBJECT);
    private static final int CHECK_OVERFLOW = 1;

    /** One slot more than maxlen, so that full and empty differ. */
    private final PyObject[] ring;
    private final int flags;
    private int head;
    private int tail;

    private Deque(int maxlen, int flags) {
        this.ring = new PyObject[maxlen + 1];
        this.flags = flags;
    }

    static {
        TYPE.setConstructor((type, a, kw) -> {
            Py.checkKeywords(kw);
            int n = Py.positional(a, kw);
            if (n < 2) {
                throw Py.typeError("function missing " + (2 - n) + " required positional arguments");
            }
            if (n > 3) {
                throw Py.typeError("function expected at most 3 arguments, got " + n);
            }
            long maxlen = Ops.indexValue(a[1], "int");
            if (maxlen < 0) {
                throw new dev.mica.obj.PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
            }
            if (maxlen >= Integer.MAX_VALUE) {
                throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + maxlen + " bytes");
            }
            int flags = n > 2 ? (int) Ops.indexValue(a[2], "int") : 0;
            Deque d = new Deque((int) maxlen, flags);
            d.extend(a[0]);
            return d;
        });
        TYPE.method("append", 2, 2, a -> {
            ((Deque) a[0]).append(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("appendleft", 2, 2, a -> {
            ((Deque) a[0]).appendLeft(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("extend", 2, 2, a -> {
            ((Deque) a[0]).extend(a[1]);
            return PyNone.NONE;
        });
        TYPE.method("pop", 1, 1, a -> ((Deque) a[0]).pop());
        TYPE.method("popleft", 1, 1, a -> ((Deque) a[0]).popLeft());
    }

    private int next(int i) {
        return i + 1 == ring.length ? 0 : i + 1;
    }

    private int previous(int i) {
        return i == 0 ? ring.length - 1 : i - 1;
    }

    void append(PyObject item) {
        int newTail = next(tail);
        if ((flags & CHECK_OVERFLOW) != 0 && newTail == head) {
            throw Py.indexError("full");
        }
        ring[tail] = item;
        tail = newTail;
        if (head == newTail) {
            ring[head] = null;
            head = next(head);
        }
    }

    void appendLeft(PyObject item) {
        int newHead = previous(head);
        if ((flags & CHECK_OVERFLOW) != 0 && newHead == tail) {
            throw Py.indexError("full");
        }
        head = newHead;
        ring[head] = item;
        if (tail == newHead) {
            tail = previous(tail);
            ring[tail] = null;
        }
    }

    void extend(PyObject iterable) {
        PyObject it = iterable.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            append(x);
        }
    }

    PyObject pop() {
        if (head == tail) {
            throw Py.indexError("empty");
        }
        tail = previous(tail);
        PyObject item = ring[tail];
        ring[tail] = null;
        return item;
    }

    PyObject popLeft() {
        if (head == tail) {
            throw Py.indexError("empty");
        }
        PyObject item = ring[head];
        ring[head] = null;
        head = next(head);
        return item;
    }

    @Override
    public int len() {
        int n = tail - head;
        return n < 0 ? n + ring.length : n;
    }

    @Override
    public boolean isTrue() {
        return head != tail;
    }

    private int slot(PyObject index) {
        if (!(index instanceof PyInt)) {
            throw Py.typeError("deque indices must be integers, not " + index.type().name());
        }
        long i = Ops.indexValue(index, "int");
        int n = len();
        if (i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            throw Py.indexError("deque index out of range");
        }
        return (int) ((head + i) % ring.length);
    }

    @Override
    public PyObject getItem(PyObject key) {
        return ring[slot(key)];
    }

    @Override
    public void setItem(PyObject key, PyObject value) {
        ring[slot(key)] = value;
    }

    @Override
    public PyObject iter() {
        PyObject[] items = new PyObject[len()];
        for (int i = 0, s = head; i < items.length; i++, s = next(s)) {
            items[i] = ring[s];
        }
        return new PyIterators.ArrayIterator(items, items.length);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<deque>";
    }
}
