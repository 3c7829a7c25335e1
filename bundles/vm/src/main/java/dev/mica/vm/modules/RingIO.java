package dev.mica.vm.modules;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Ops;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * micropython.RingIO: a byte ring buffer with the stream methods, for passing bytes between
 * an interrupt handler and the program or through asyncio streams. Made with a size, or over a
 * buffer the program gives (which it then holds, one byte less than the buffer's length).
 * Writes take what fits and say how much; reads never block.
 */
public final class RingIO extends PyObject {
    public static final PyType TYPE = PyType.builtin("RingIO", PyType.OBJECT);
    /** The stream ioctl request asking which events are ready, and its event bits. */
    private static final int STREAM_POLL = 3;
    private static final int POLL_IN = 1;
    private static final int POLL_OUT = 4;

    private final byte[] storage;
    private final int offset;
    /** Slots in the ring: one more than it can hold, so that full and empty differ. */
    private final int slots;
    private int head;
    private int tail;

    private RingIO(byte[] storage, int offset, int slots) {
        this.storage = storage;
        this.offset = offset;
        this.slots = slots;
    }

    static {
        TYPE.setConstructor((type, a, kw) -> {
            dev.mica.obj.Py.checkKeywords(kw);
            if (a.length != 1) {
                throw dev.mica.obj.Py.typeError("function takes 1 positional arguments but " + a.length + " were given");
            }
            if (Buffers.has(a[0])) {
                BufferView view = Buffers.write(a[0]);
                return new RingIO(view.array(), view.offset(), view.length());
            }
            long size = Ops.indexValue(a[0], "int");
            if (size < 0 || size >= Integer.MAX_VALUE - 1) {
                throw dev.mica.obj.Py.valueError("invalid size");
            }
            byte[] storage = new byte[(int) dev.mica.obj.HeapBudget.checkBytes(size + 1)];
            return new RingIO(storage, 0, storage.length);
        });
        TYPE.method("any", 1, 1, a -> PyInt.of(((RingIO) a[0]).available()));
        TYPE.method("read", 1, 2, a -> ((RingIO) a[0]).read(limit(a, 1), false));
        TYPE.method("readline", 1, 2, a -> ((RingIO) a[0]).read(limit(a, 1), true));
        TYPE.method("readinto", 2, 3, a -> {
            BufferView into = Buffers.write(a[1]);
            int n = a.length > 2 ? (int) Math.min(into.length(), Math.max(0, Ops.indexValue(a[2], "int"))) : into.length();
            return PyInt.of(((RingIO) a[0]).take(into.array(), into.offset(), n, false));
        });
        TYPE.method("write", 2, 2, a -> PyInt.of(((RingIO) a[0]).put(Buffers.read(a[1]))));
        TYPE.method("close", 1, 1, a -> PyNone.NONE);
        TYPE.method("ioctl", 3, 3, a -> {
            RingIO ring = (RingIO) a[0];
            if (Ops.indexValue(a[1], "int") != STREAM_POLL) {
                return PyInt.of(-dev.mica.obj.Errno.EINVAL);
            }
            long mask = Ops.indexValue(a[2], "int");
            long ready = (ring.available() > 0 ? POLL_IN : 0) | (ring.free() > 0 ? POLL_OUT : 0);
            return PyInt.of(ready & mask);
        });
    }

    /** The optional size argument at {@code index}: none or negative means everything. */
    private static int limit(PyObject[] a, int index) {
        if (a.length <= index || a[index] == PyNone.NONE) {
            return Integer.MAX_VALUE;
        }
        long n = Ops.indexValue(a[index], "int");
        return n < 0 ? Integer.MAX_VALUE : (int) Math.min(n, Integer.MAX_VALUE);
    }

    private int available() {
        return (tail - head + slots) % slots;
    }

    private int free() {
        return slots - 1 - available();
    }

    private PyObject read(int limit, boolean line) {
        byte[] out = new byte[Math.min(limit, available())];
        int n = take(out, 0, out.length, line);
        return new PyBytes(n == out.length ? out : java.util.Arrays.copyOf(out, n));
    }

    /** Moves up to {@code n} bytes out of the ring (up to and including a newline if {@code line}). */
    private int take(byte[] into, int at, int n, boolean line) {
        int count = 0;
        while (count < n && head != tail) {
            byte b = storage[offset + head];
            head = (head + 1) % slots;
            into[at + count++] = b;
            if (line && b == '\n') {
                break;
            }
        }
        return count;
    }

    /** Puts as much of {@code data} as fits; gives how many bytes that was. */
    private int put(BufferView data) {
        int n = Math.min(data.length(), free());
        for (int i = 0; i < n; i++) {
            storage[offset + tail] = data.array()[data.offset() + i];
            tail = (tail + 1) % slots;
        }
        return n;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<RingIO>";
    }
}
