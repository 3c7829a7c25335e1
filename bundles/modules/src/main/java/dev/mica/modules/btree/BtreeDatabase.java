package dev.mica.modules.btree;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.mica.modules.Streams;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * An open btree database: records sorted by key bytes (unsigned, shorter first on a tie), held
 * in memory and written to the stream on flush() and close(). Iteration follows Berkeley DB's
 * cursor: keys(), values() and items() set up the range and kind of the next iteration, which
 * walks up (or down with DESC) from the start key until the end key (included with INCL).
 */
final class BtreeDatabase extends PyObject {
    static final PyType TYPE = PyType.builtin("btree", PyType.OBJECT);
    static final int END_INCLUSIVE = 1;
    static final int DESCENDING = 2;

    // Berkeley DB's cursor operations for seq()
    private static final int CURSOR = 1;
    private static final int FIRST = 3;
    private static final int LAST = 6;
    private static final int NEXT = 7;
    private static final int PREVIOUS = 9;

    private static final int ITER_KEYS = 0x40;
    private static final int ITER_VALUES = 0x80;
    private static final int ITER_ITEMS = 0xc0;
    private static final int ITER_KIND = 0xc0;
    private static final int DEFAULT_PAGE_SIZE = 4096;

    static {
        TYPE.method("close", 1, 1, a -> self(a).close());
        TYPE.method("flush", 1, 1, a -> self(a).flush());
        TYPE.method("get", 2, 3, a -> {
            byte[] value = self(a).open().get(key(a[1]));
            return value != null ? new PyBytes(value) : a.length > 2 ? a[2] : PyNone.NONE;
        });
        TYPE.method("put", 3, 4, a -> {
            self(a).put(a[1], a[2]);
            return PyInt.of(0);
        });
        TYPE.method("seq", 2, 4, a -> self(a).seq(a));
        TYPE.method("keys", 1, 4, a -> self(a).setUpIteration(a, ITER_KEYS));
        TYPE.method("values", 1, 4, a -> self(a).setUpIteration(a, ITER_VALUES));
        TYPE.method("items", 1, 4, a -> self(a).setUpIteration(a, ITER_ITEMS));
        TYPE.orderLocals("close", "flush", "get", "put", "seq", "keys", "values", "items");
    }

    private final Streams streams;
    private final PyObject stream;
    private final int pageSize;
    private NavigableMap<byte[], byte[]> records = new TreeMap<>(Arrays::compareUnsigned);
    private boolean closed;
    private boolean dirty;
    /** Key of the record the cursor is on, or null before the first positioning. */
    private byte[] cursor;
    /**
     * True when the cursor's record was deleted or replaced: the next step forward or back
     * lands on the first record at or after its key, as Berkeley DB's cursor does.
     */
    private boolean cursorLost;
    // the iteration being prepared by keys()/values()/items() and the one running
    private int nextFlags;
    private int flags;
    private PyObject startKey = PyNone.NONE;
    private PyObject endKey = PyNone.NONE;
    private boolean started;

    private BtreeDatabase(Streams streams, PyObject stream, int pageSize) {
        this.streams = streams;
        this.stream = stream;
        this.pageSize = pageSize;
    }

    /** Reads the database the stream holds (none when it is empty) and checks that the stream can seek. */
    static BtreeDatabase open(Streams streams, PyObject stream, int pageSize) {
        byte[] header = new byte[BtreeFile.HEADER_SIZE];
        int got = readFully(streams, stream, header);
        BtreeDatabase db;
        if (got == 0) {
            db = new BtreeDatabase(streams, stream, pageSize == 0 ? DEFAULT_PAGE_SIZE : pageSize);
        } else {
            if (got < header.length) {
                throw Py.osError(Errno.EINVAL);
            }
            byte[] data = new byte[BtreeFile.dataLength(header)];
            if (readFully(streams, stream, data) < data.length) {
                throw Py.osError(Errno.EINVAL);
            }
            int stored = java.nio.ByteBuffer.wrap(header).getInt(8);
            db = new BtreeDatabase(streams, stream, stored);
            BtreeFile.decode(header, data, db.records);
        }
        // the database is written from the start of the stream: a stream that cannot seek fails here
        streams.seekTo(stream, 0);
        return db;
    }

    private static int readFully(Streams streams, PyObject stream, byte[] into) {
        int got = 0;
        while (got < into.length) {
            byte[] chunk = new byte[into.length - got];
            int n = streams.readInto(stream, chunk);
            if (n <= 0) {
                break;
            }
            System.arraycopy(chunk, 0, into, got, n);
            got += n;
        }
        return got;
    }

    private static BtreeDatabase self(PyObject[] a) {
        return (BtreeDatabase) a[0];
    }

    private static byte[] key(PyObject o) {
        return Buffers.bytesOf(o);
    }

    private NavigableMap<byte[], byte[]> open() {
        if (closed) {
            throw Py.valueError("database closed");
        }
        return records;
    }

    private void put(PyObject key, PyObject value) {
        byte[] k = key(key);
        byte[] v = Buffers.bytesOf(value);
        if (open().put(k, v) != null) {
            // a replaced record is deleted and inserted again
            forgetCursorRecord(k);
        }
        dirty = true;
    }

    private void forgetCursorRecord(byte[] removedKey) {
        if (cursor != null && !cursorLost && Arrays.equals(cursor, removedKey)) {
            cursorLost = true;
        }
    }

    private PyObject flush() {
        open();
        if (dirty) {
            streams.seekTo(stream, 0);
            streams.write(stream, BtreeFile.encode(records, pageSize));
            streams.flush(stream);
            dirty = false;
        }
        return PyInt.of(0);
    }

    private PyObject close() {
        if (!closed) {
            flush();
            closed = true;
            records = null;
        }
        return PyInt.of(0);
    }

    private static PyTuple pair(Map.Entry<byte[], byte[]> e) {
        return new PyTuple(new PyBytes(e.getKey()), new PyBytes(e.getValue()));
    }

    /** Moves the cursor as Berkeley DB's seq does; null when there is no such record. */
    private Map.Entry<byte[], byte[]> move(int op, byte[] key) {
        NavigableMap<byte[], byte[]> r = open();
        if (op == CURSOR && key.length == 0) {
            throw Py.osError(Errno.EINVAL);
        }
        Map.Entry<byte[], byte[]> e = switch (op) {
            case CURSOR -> r.ceilingEntry(key);
            case FIRST -> r.firstEntry();
            case LAST -> r.lastEntry();
            case NEXT, PREVIOUS -> {
                if (cursor == null) {
                    yield op == NEXT ? r.firstEntry() : r.lastEntry();
                }
                if (cursorLost) {
                    yield r.ceilingEntry(cursor);
                }
                yield op == NEXT ? r.higherEntry(cursor) : r.lowerEntry(cursor);
            }
            default -> throw Py.osError(Errno.EINVAL);
        };
        if (e != null) {
            cursor = e.getKey();
            cursorLost = false;
        }
        return e;
    }

    private PyObject seq(PyObject[] a) {
        open();
        if (!(a[1] instanceof PyInt)) {
            throw Py.osError(Errno.EINVAL);
        }
        int op = (int) Ops.indexValue(a[1], "int");
        if (op == CURSOR && a.length < 3) {
            throw Py.osError(Errno.EINVAL);
        }
        Map.Entry<byte[], byte[]> e = move(op, a.length > 2 ? key(a[2]) : null);
        return e == null ? PyNone.NONE : pair(e);
    }

    private PyObject setUpIteration(PyObject[] a, int kind) {
        nextFlags = kind;
        startKey = a.length > 1 ? a[1] : PyNone.NONE;
        endKey = a.length > 2 ? a[2] : PyNone.NONE;
        if (a.length > 3) {
            nextFlags = kind | (int) Ops.indexValue(a[3], "int");
        }
        return this;
    }

    @Override
    public PyObject iter() {
        if (nextFlags != 0) {
            flags = nextFlags;
            nextFlags = 0;
        } else {
            flags = ITER_KEYS;
            startKey = PyNone.NONE;
            endKey = PyNone.NONE;
        }
        started = false;
        return this;
    }

    @Override
    public PyObject next() {
        open();
        boolean descending = (flags & DESCENDING) != 0;
        Map.Entry<byte[], byte[]> e;
        if (!started) {
            started = true;
            e = startKey != PyNone.NONE ? move(CURSOR, key(startKey)) : move(descending ? LAST : FIRST, null);
        } else {
            e = move(descending ? PREVIOUS : NEXT, null);
        }
        if (e == null) {
            return null;
        }
        if (endKey != PyNone.NONE) {
            int cmp = Arrays.compareUnsigned(e.getKey(), key(endKey));
            cmp = Integer.signum(descending ? -cmp : cmp);
            if ((flags & END_INCLUSIVE) != 0) {
                cmp--;
            }
            if (cmp >= 0) {
                return null;
            }
        }
        return switch (flags & ITER_KIND) {
            case ITER_KEYS -> new PyBytes(e.getKey());
            case ITER_VALUES -> new PyBytes(e.getValue());
            default -> pair(e);
        };
    }

    @Override
    public PyObject getItem(PyObject k) {
        byte[] value = open().get(key(k));
        if (value == null) {
            throw new PyException(new PyBaseException(PyBaseException.KEY_ERROR, Py.NO_ARGS));
        }
        return new PyBytes(value);
    }

    @Override
    public void setItem(PyObject k, PyObject value) {
        put(k, value);
    }

    @Override
    public void delItem(PyObject k) {
        byte[] removed = key(k);
        if (open().remove(removed) == null) {
            throw new PyException(new PyBaseException(PyBaseException.KEY_ERROR, Py.NO_ARGS));
        }
        forgetCursorRecord(removed);
        dirty = true;
    }

    @Override
    public boolean contains(PyObject k) {
        return open().containsKey(key(k));
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        open();
        return null;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return closed ? "<btree 0>" : "<btree " + Long.toHexString(Py.id(this)) + ">";
    }
}
