package dev.mica.modules.asyncio;

import dev.mica.modules.TimeModule;
import dev.mica.obj.Py;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * asyncio's run queue: tasks ordered by the tick at which they may run (compared on the tick
 * circle, as ticks_diff does), first come first served among equal ticks.
 *
 * <p>It is a pairing heap whose nodes are the tasks themselves, so that pushing, popping and
 * removing allocate nothing and the scheduler can run with the heap locked. A task keeps its
 * links as its own attributes, which its class sets when it makes the task (so that setting
 * them later never grows the task): {@code _key} its tick, {@code _seq} its turn among equal
 * ticks, {@code _child} its first child, {@code _next} its next sibling and {@code _prev} the
 * node before it (its left sibling, or its parent when it is a first child); {@code _prev} is
 * None for the top of the queue and for tasks not queued.
 */
final class TaskQueue extends PyObject {
    static final PyType TYPE = PyType.builtin("TaskQueue", PyType.OBJECT);

    private static final String KEY = "_key";
    private static final String SEQ = "_seq";
    private static final String CHILD = "_child";
    private static final String NEXT = "_next";
    private static final String PREV = "_prev";

    private PyInstance top;
    /** Pushes so far: the turn of the next task pushed. */
    private long count;

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (a.length != 0) {
                throw Py.typeError("function takes 0 positional arguments but " + a.length + " were given");
            }
            return new TaskQueue();
        });
        TYPE.method("push", 2, 3, a -> {
            PyObject key = a.length > 2 && a[2] != PyNone.NONE ? a[2] : PyInt.of(TimeModule.ticksMs());
            ((TaskQueue) a[0]).push(task(a[1]), key);
            return PyNone.NONE;
        });
        TYPE.method("pop", 1, 1, a -> {
            TaskQueue q = (TaskQueue) a[0];
            if (q.top == null) {
                throw Py.error(dev.mica.obj.PyBaseException.INDEX_ERROR, "empty queue");
            }
            return q.pop();
        });
        TYPE.method("peek", 1, 1, a -> orNone(((TaskQueue) a[0]).top));
        TYPE.method("remove", 2, 2, a -> {
            ((TaskQueue) a[0]).remove(task(a[1]));
            return PyNone.NONE;
        });
        TYPE.method("holds", 2, 2, a -> Py.bool(((TaskQueue) a[0]).holds(task(a[1]))));
    }

    private TaskQueue() {
        dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.BLOCK_BYTES);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public void traceReferences(dev.mica.heap.HeapVisitor visitor) {
        // the other tasks are reached through the links of the top one
        visitor.visit(top);
    }

    private static PyInstance task(PyObject o) {
        if (!(o instanceof PyInstance t) || o instanceof dev.mica.obj.PyBaseException) {
            throw Py.typeError("task expected");
        }
        return t;
    }

    private static PyObject orNone(PyInstance t) {
        return t == null ? PyNone.NONE : t;
    }

    private static PyInstance link(PyInstance t, String name) {
        return t.ownAttribute(name) instanceof PyInstance i ? i : null;
    }

    private static void setLink(PyInstance t, String name, PyInstance to) {
        t.putOwnAttribute(name, orNone(to));
    }

    /** Whether {@code a} runs before {@code b}. */
    private static boolean before(PyInstance a, PyInstance b) {
        long d = TimeModule.ticksDiff(PyInt.truncatedValue(a.ownAttribute(KEY)), PyInt.truncatedValue(b.ownAttribute(KEY)));
        return d < 0 || d == 0 && ((PyInt) a.ownAttribute(SEQ)).value < ((PyInt) b.ownAttribute(SEQ)).value;
    }

    void push(PyInstance task, PyObject key) {
        // a tick that is no int fails here, before the queue is touched
        PyInt.truncatedValue(key);
        if (holds(task)) {
            remove(task);
        }
        task.putOwnAttribute(KEY, key);
        task.putOwnAttribute(SEQ, PyInt.of(++count));
        setLink(task, CHILD, null);
        setLink(task, NEXT, null);
        setLink(task, PREV, null);
        top = meld(top, task);
    }

    PyInstance pop() {
        PyInstance t = top;
        top = pairing(link(t, CHILD));
        setLink(t, CHILD, null);
        return t;
    }

    boolean holds(PyInstance task) {
        return task == top || link(task, PREV) != null;
    }

    void remove(PyInstance task) {
        if (task == top) {
            pop();
            return;
        }
        PyInstance before = link(task, PREV);
        if (before == null) {
            return;
        }
        PyInstance after = link(task, NEXT);
        if (link(before, CHILD) == task) {
            setLink(before, CHILD, after);
        } else {
            setLink(before, NEXT, after);
        }
        if (after != null) {
            setLink(after, PREV, before);
        }
        setLink(task, PREV, null);
        setLink(task, NEXT, null);
        PyInstance rest = pairing(link(task, CHILD));
        setLink(task, CHILD, null);
        top = meld(top, rest);
    }

    /** Two heaps (tops without siblings) as one: the later top becomes the first child of the other. */
    private static PyInstance meld(PyInstance a, PyInstance b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        PyInstance first;
        PyInstance second;
        if (before(b, a)) {
            first = b;
            second = a;
        } else {
            first = a;
            second = b;
        }
        PyInstance child = link(first, CHILD);
        setLink(second, NEXT, child);
        if (child != null) {
            setLink(child, PREV, second);
        }
        setLink(second, PREV, first);
        setLink(first, CHILD, second);
        return first;
    }

    /**
     * A list of siblings as one heap: melded in pairs from the left, then the pairs from the
     * right. A node's old _next and _prev are left as they are until a meld sets them; only
     * the top at the end has them cleared.
     */
    private static PyInstance pairing(PyInstance node) {
        if (node == null) {
            return null;
        }
        // the pairs, latest first, linked through _next
        PyInstance pairs = null;
        while (node != null) {
            PyInstance a = node;
            PyInstance b = link(a, NEXT);
            if (b != null) {
                node = link(b, NEXT);
                a = meld(a, b);
            } else {
                node = null;
            }
            setLink(a, NEXT, pairs);
            pairs = a;
        }
        PyInstance heap = pairs;
        pairs = link(heap, NEXT);
        while (pairs != null) {
            PyInstance a = pairs;
            pairs = link(a, NEXT);
            heap = meld(a, heap);
        }
        setLink(heap, NEXT, null);
        setLink(heap, PREV, null);
        return heap;
    }
}
