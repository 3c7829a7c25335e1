package dev.mica.obj;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers standing for objects where MicroPython stores an object pointer in raw memory
 * (struct's 'O' format, array('O')). A handle finds its object again while the object is alive.
 */
final class ObjectHandles {
    private ObjectHandles() {}

    private static final class Entry extends WeakReference<PyObject> {
        final long handle;

        Entry(PyObject o, long handle, ReferenceQueue<PyObject> queue) {
            super(o, queue);
            this.handle = handle;
        }
    }

    private static final ConcurrentHashMap<Long, Entry> HANDLES = new ConcurrentHashMap<>();
    private static final ReferenceQueue<PyObject> CLEARED = new ReferenceQueue<>();

    static long handle(PyObject o) {
        dropCleared();
        long h = Py.id(o);
        Entry e = HANDLES.get(h);
        if (e == null || e.get() != o) {
            HANDLES.put(h, new Entry(o, h, CLEARED));
        }
        return h;
    }

    /** The object of a handle; None for a handle that stands for nothing alive. */
    static PyObject resolve(long handle) {
        Entry e = HANDLES.get(handle);
        PyObject o = e == null ? null : e.get();
        return o == null ? PyNone.NONE : o;
    }

    private static void dropCleared() {
        for (Object r = CLEARED.poll(); r != null; r = CLEARED.poll()) {
            Entry e = (Entry) r;
            HANDLES.remove(e.handle, e);
        }
    }
}
