package dev.mica.modules.select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * A {@code select.poll()} object: the registered objects with their event masks, polled in
 * the order they were registered. Waiting polls every object once per round and sleeps a
 * millisecond between rounds through the interpreter, so a keyboard interrupt ends it.
 */
final class Poller extends PyObject {
    static final PyType TYPE = PyType.builtin("poll", PyType.OBJECT);

    /** The stream ioctl request that asks which events are ready. */
    private static final int STREAM_POLL = 3;
    /** Linux refuses a poll of more file numbers than the usual limit of open files. */
    private static final int MAX_FILE_NUMBERS = 1024;
    private static final int DEFAULT_MASK = Pollable.POLLIN | Pollable.POLLOUT;

    private final ModuleEnvironment environment;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /** io.IOBase: classes written in Python are streams only when they derive from it. */
    private final PyType ioBase;

    Poller(ModuleEnvironment environment, PyType ioBase) {
        this.environment = environment;
        this.ioBase = ioBase;
    }

    /** Identity for objects, value for file numbers. */
    private record Key(Object id) {
        static Key of(PyObject o) {
            if (o instanceof PyInt i) {
                return new Key(i.value);
            }
            return new Key(new IdentityRef(o));
        }
    }

    private record IdentityRef(PyObject o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityRef r && r.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    private static final class Entry {
        final PyObject object;
        int mask;
        /** The file number a stream written in Python said it stands for, or -1. */
        final long fileNumber;

        Entry(PyObject object, int mask, long fileNumber) {
            this.object = object;
            this.mask = mask;
            this.fileNumber = fileNumber;
        }
    }

    /** The stream ioctl request that asks a stream for its file number. */
    private static final int STREAM_GET_FILENO = 10;

    /** A Python stream's answer to the file-number request, asked once on registering. */
    private static long fileNumberOf(PyObject o) {
        if (!writtenInPython(o)) {
            return -1;
        }
        PyObject r = Ops.getAttr(o, "ioctl").call(new PyObject[] {PyInt.of(STREAM_GET_FILENO), PyInt.of(0)}, null);
        return r instanceof PyInt i && !i.isBig() ? i.value : -1;
    }

    static {
        TYPE.method("register", 2, 3, a -> {
            Poller p = (Poller) a[0];
            PyObject o = a[1];
            p.checkPollable(o);
            int mask = a.length > 2 ? (int) Ops.indexValue(a[2], "int") : DEFAULT_MASK;
            Entry e = p.entries.get(Key.of(o));
            if (e == null) {
                p.entries.put(Key.of(o), new Entry(o, mask, fileNumberOf(o)));
            } else {
                e.mask = mask;
            }
            return PyNone.NONE;
        });
        TYPE.method("unregister", 2, 2, a -> {
            ((Poller) a[0]).entries.remove(Key.of(a[1]));
            return PyNone.NONE;
        });
        TYPE.method("modify", 3, 3, a -> {
            Entry e = ((Poller) a[0]).entries.get(Key.of(a[1]));
            if (e == null) {
                throw Py.osError(Errno.ENOENT);
            }
            e.mask = (int) Ops.indexValue(a[2], "int");
            return PyNone.NONE;
        });
        TYPE.method("poll", 1, 2, a -> {
            List<Entry> ready = new ArrayList<>();
            List<Integer> events = new ArrayList<>();
            ((Poller) a[0]).waitReady(timeout(a, 1), ready, events);
            PyList out = new PyList();
            for (int i = 0; i < ready.size(); i++) {
                out.append(new PyTuple(ready.get(i).object, PyInt.of(events.get(i))));
            }
            return out;
        });
        TYPE.method("ipoll", 1, 3, a -> {
            Poller p = (Poller) a[0];
            boolean oneShot = a.length > 2 && (Ops.indexValue(a[2], "int") & 1) != 0;
            List<Entry> ready = new ArrayList<>();
            List<Integer> events = new ArrayList<>();
            p.waitReady(timeout(a, 1), ready, events);
            PyList out = new PyList();
            for (int i = 0; i < ready.size(); i++) {
                out.append(new PyTuple(ready.get(i).object, PyInt.of(events.get(i))));
                if (oneShot) {
                    ready.get(i).mask = 0;
                }
            }
            return out.iter();
        });
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<poll>";
    }

    private static long timeout(PyObject[] a, int index) {
        if (a.length <= index || a[index] == PyNone.NONE) {
            return -1;
        }
        return Ops.indexValue(a[index], "int");
    }

    /** An instance of a class the program defined (the VM's own streams are instances of built-in types). */
    private static boolean writtenInPython(PyObject o) {
        return o instanceof PyInstance && !o.type().isBuiltin();
    }

    private void checkPollable(PyObject o) {
        if (o instanceof PyInt i) {
            if (i.isBig() || i.value < 0) {
                throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
            }
            return;
        }
        boolean stream = o instanceof Pollable
                || (writtenInPython(o) ? Ops.isInstance(o, ioBase) && o.getAttr("ioctl") != null
                        : o.getAttr("ioctl") != null || o.getAttr("fileno") != null);
        if (!stream) {
            throw Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
        }
    }

    /**
     * {@code select.select(rlist, wlist, xlist[, timeout])}: the objects of each list that are
     * ready to read, to write, or in error, waiting at most {@code timeoutMs} (negative: no limit).
     */
    static PyTuple select(ModuleEnvironment environment, PyType ioBase, PyObject[] lists, long timeoutMs) {
        Poller p = new Poller(environment, ioBase);
        int[] masks = {Pollable.POLLIN, Pollable.POLLOUT, Pollable.POLLERR | Pollable.POLLHUP};
        for (int i = 0; i < 3; i++) {
            for (PyObject o : Ops.toArray(lists[i])) {
                p.checkPollable(o);
                Entry e = p.entries.get(Key.of(o));
                if (e == null) {
                    p.entries.put(Key.of(o), new Entry(o, masks[i], fileNumberOf(o)));
                } else {
                    e.mask |= masks[i];
                }
            }
        }
        List<Entry> ready = new ArrayList<>();
        List<Integer> events = new ArrayList<>();
        p.waitReady(timeoutMs, ready, events);
        PyList readable = new PyList();
        PyList writable = new PyList();
        PyList failed = new PyList();
        for (int i = 0; i < ready.size(); i++) {
            int ev = events.get(i);
            PyObject o = ready.get(i).object;
            if ((ev & Pollable.POLLIN) != 0) {
                readable.append(o);
            }
            if ((ev & Pollable.POLLOUT) != 0) {
                writable.append(o);
            }
            if ((ev & ~(Pollable.POLLIN | Pollable.POLLOUT)) != 0) {
                failed.append(o);
            }
        }
        return new PyTuple(readable, writable, failed);
    }

    /** Polls until something is ready or {@code timeoutMs} passed (negative: no limit). */
    private void waitReady(long timeoutMs, List<Entry> ready, List<Integer> events) {
        int fileNumbers = 0;
        for (Key k : entries.keySet()) {
            if (k.id() instanceof Long) {
                fileNumbers++;
            }
        }
        if (fileNumbers > MAX_FILE_NUMBERS) {
            throw Py.osError(Errno.EINVAL);
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            for (Entry e : new ArrayList<>(entries.values())) {
                int ev = e.fileNumber >= 0 ? fileNumberReadiness(e.fileNumber, e.mask) : readiness(e.object, e.mask);
                int reported = ev & (e.mask | Pollable.POLLERR | Pollable.POLLHUP | Pollable.POLLNVAL);
                if (reported != 0) {
                    ready.add(e);
                    events.add(reported);
                }
            }
            if (!ready.isEmpty() || timeoutMs == 0) {
                return;
            }
            if (timeoutMs > 0 && System.nanoTime() - deadline >= 0) {
                return;
            }
            environment.sleep(1);
        }
    }

    private static int readiness(PyObject o, int mask) {
        if (o instanceof Pollable p) {
            return p.pollReady(mask);
        }
        if (o instanceof PyInt i) {
            return fileNumberReadiness(i.value, mask);
        }
        PyObject ioctl = o.getAttr("ioctl");
        if (ioctl != null) {
            PyObject r = ioctl.call(new PyObject[] {PyInt.of(STREAM_POLL), PyInt.of(mask)}, null);
            long v = Ops.indexValue(r, "int");
            if (v < 0) {
                throw Py.osError((int) -v);
            }
            return (int) v;
        }
        PyObject fileno = o.getAttr("fileno");
        if (fileno != null) {
            long fd = Ops.indexValue(fileno.call(Py.NO_ARGS, null), "int");
            // a file of the storage never blocks; the standard streams answer as their numbers
            return fd <= 2 ? fileNumberReadiness(fd, mask) : Pollable.POLLIN | Pollable.POLLOUT;
        }
        throw Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
    }

    /** Standard input is readable when bytes wait; the outputs and files are always ready. */
    private static int fileNumberReadiness(long fd, int mask) {
        if (fd == 0) {
            int ev = Pollable.POLLOUT;
            try {
                if (System.in.available() > 0) {
                    ev |= Pollable.POLLIN;
                }
            } catch (java.io.IOException e) {
                ev |= Pollable.POLLERR;
            }
            return ev;
        }
        if (fd == 1 || fd == 2) {
            return Pollable.POLLOUT;
        }
        return Pollable.POLLNVAL;
    }
}
