package dev.mica.modules.websocket;


import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;
import dev.mica.modules.ByteReads;

/**
 * websocket.websocket: RFC 6455 framing over another stream, as MicroPython's minimal version:
 * reads give the payloads of data frames (unmasked), ping and pong frames are skipped, a close
 * frame is answered and reads as the end; each write is one unmasked frame of the current type
 * (text unless changed with ioctl 9).
 */
final class Websocket extends PyObject {
    static final PyType TYPE = PyType.builtin("websocket", PyType.OBJECT);

    private static final int OPCODE_MASK = 0x0f;
    private static final int FRAME_TEXT = 1;
    private static final int FRAME_CLOSE = 8;
    private static final int REQUEST_CLOSE = 4;
    private static final int REQUEST_GET_DATA_OPTS = 8;
    private static final int REQUEST_SET_DATA_OPTS = 9;

    private enum State { HEADER, OPTIONS, PAYLOAD, CONTROL }

    private final PyObject socket;
    private final boolean blockingWrite;
    private State state = State.HEADER;
    private final byte[] header = new byte[6];
    private int headerFill;
    private int headerWanted = 2;
    private long messageLeft;
    private final byte[] mask = new byte[4];
    private int maskPos;
    private int opcodeToSend = FRAME_TEXT;
    /** Flags of the last data frame, and of the frame being read. */
    private int dataFlags;
    private int frameFlags;

    static {
        PyBuiltinFunction make = new PyBuiltinFunction("websocket", 1, 2, false,
                (a, kw) -> new Websocket(a[0], a.length > 1 && a[1] == dev.mica.obj.PyBool.TRUE));
        TYPE.setConstructor((t, a, kw) -> make.call(a, kw));
        TYPE.method("read", 1, 2, a -> ByteReads.read(((Websocket) a[0])::readSome, a.length > 1 && a[1] != PyNone.NONE ? intArg(a[1]) : -1));
        TYPE.method("readinto", 2, 3, a -> ((Websocket) a[0]).readInto(a));
        TYPE.method("readline", 1, 2, a -> ByteReads.readLine(((Websocket) a[0])::readSome, a.length > 1 ? intArg(a[1]) : -1));
        TYPE.method("write", 2, 2, a -> PyInt.of(((Websocket) a[0]).writeFrame(Buffers.bytesOf(a[1]))));
        TYPE.method("ioctl", 2, 3, a -> PyInt.of(((Websocket) a[0]).ioctl(intArg(a[1]), a.length > 2 ? a[2] : null)));
        TYPE.method("close", 1, 1, a -> {
            ((Websocket) a[0]).ioctl(REQUEST_CLOSE, null);
            return PyNone.NONE;
        });
    }

    private Websocket(PyObject socket, boolean blockingWrite) {
        for (String needed : new String[] {"write"}) {
            if (socket.getAttr(needed) == null) {
                throw Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
            }
        }
        this.socket = socket;
        this.blockingWrite = blockingWrite;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    private static long intArg(PyObject o) {
        if (o instanceof PyInt i && !i.isBig()) {
            return i.value;
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    // ---- the other stream

    /** Reads up to {@code len} bytes into {@code buf}; 0 at its end; WouldBlock when it has none now. */
    private int readSocket(byte[] buf, int off, int len) {
        PyObject readinto = socket.getAttr("readinto");
        PyObject result;
        if (readinto != null) {
            PyByteArray target = new PyByteArray(new byte[len]);
            result = readinto.call(new PyObject[] {target}, null);
            if (result == PyNone.NONE) {
                throw new ByteReads.WouldBlock();
            }
            int n = (int) intArg(result);
            if (n < 0) {
                throw Py.osError(-n);
            }
            System.arraycopy(target.buffer().array(), target.buffer().offset(), buf, off, n);
            return n;
        }
        PyObject read = socket.getAttr("read");
        if (read == null) {
            throw Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
        }
        result = read.call(new PyObject[] {PyInt.of(len)}, null);
        if (result == PyNone.NONE) {
            throw new ByteReads.WouldBlock();
        }
        byte[] data = Buffers.bytesOf(result);
        int n = Math.min(data.length, len);
        System.arraycopy(data, 0, buf, off, n);
        return n;
    }

    private void writeSocket(byte[] data) {
        PyObject write = socket.getAttr("write");
        int done = 0;
        while (done < data.length) {
            byte[] rest = java.util.Arrays.copyOfRange(data, done, data.length);
            PyObject r = write.call(new PyObject[] {new PyBytes(rest)}, null);
            if (r == PyNone.NONE) {
                throw Py.osError(Errno.EAGAIN);
            }
            long n = intArg(r);
            if (n < 0) {
                throw Py.osError((int) -n);
            }
            if (n == 0) {
                break;
            }
            done += (int) n;
        }
    }

    // ---- reading frames

    /** One read of the stream protocol: payload bytes, 0 at the end (or after a close frame). */
    private int readSome(byte[] buf, int off, int len) {
        while (true) {
            if (headerWanted != 0) {
                int n = readSocket(header, headerFill, headerWanted);
                if (n == 0) {
                    return 0;
                }
                headerFill += n;
                headerWanted -= n;
                if (headerWanted != 0) {
                    throw new ByteReads.WouldBlock();
                }
            }
            switch (state) {
                case HEADER: {
                    frameFlags = header[0] & 0xff;
                    int opcode = frameFlags & OPCODE_MASK;
                    // a continuation keeps the type of the message it continues
                    dataFlags = opcode == 0 ? (dataFlags & OPCODE_MASK) | (frameFlags & ~OPCODE_MASK) : frameFlags;
                    java.util.Arrays.fill(mask, (byte) 0);
                    int size = header[1] & 0x7f;
                    int extra = size == 126 ? 2 : 0;
                    if (size == 127) {
                        throw Py.osError(Errno.EINVAL);
                    }
                    if ((header[1] & 0x80) != 0) {
                        extra += 4;
                    }
                    headerFill = 0;
                    headerWanted = extra;
                    messageLeft = size;
                    state = extra != 0 ? State.OPTIONS : opcode >= FRAME_CLOSE ? State.CONTROL : State.PAYLOAD;
                    continue;
                }
                case OPTIONS: {
                    if ((headerFill & 3) == 2) {
                        messageLeft = (header[0] & 0xff) << 8 | header[1] & 0xff;
                    }
                    if (headerFill >= 4) {
                        System.arraycopy(header, headerFill - 4, mask, 0, 4);
                    }
                    headerFill = 0;
                    state = (frameFlags & OPCODE_MASK) >= FRAME_CLOSE ? State.CONTROL : State.PAYLOAD;
                    continue;
                }
                default: {
                    int n = 0;
                    if (messageLeft != 0) {
                        n = readSocket(buf, off, (int) Math.min(len, messageLeft));
                        if (n == 0) {
                            return 0;
                        }
                        for (int i = 0; i < n; i++) {
                            buf[off + i] ^= mask[maskPos++ & 3];
                        }
                        messageLeft -= n;
                    }
                    if (messageLeft == 0) {
                        State finished = state;
                        state = State.HEADER;
                        headerWanted = 2;
                        headerFill = 0;
                        maskPos = 0;
                        if (finished == State.CONTROL) {
                            if ((frameFlags & OPCODE_MASK) == FRAME_CLOSE) {
                                writeRaw(new byte[] {(byte) 0x88, 0}, new byte[0]);
                                return 0;
                            }
                            continue;
                        }
                    }
                    if (n != 0) {
                        return n;
                    }
                    // an empty data frame is not the end
                }
            }
        }
    }

    private PyObject readInto(PyObject[] a) {
        BufferView target = Buffers.write(a[1]);
        long len = a.length > 2 ? Math.min(target.length(), intArg(a[2])) : target.length();
        return ByteReads.readInto(this::readSome, target, len);
    }

    // ---- writing frames

    private int writeFrame(byte[] payload) {
        if (payload.length >= 0x10000) {
            throw Py.valueError("websocket frame too long");
        }
        byte[] frameHeader;
        int first = 0x80 | opcodeToSend & OPCODE_MASK;
        if (payload.length < 126) {
            frameHeader = new byte[] {(byte) first, (byte) payload.length};
        } else {
            frameHeader = new byte[] {(byte) first, 126, (byte) (payload.length >> 8), (byte) payload.length};
        }
        writeRaw(frameHeader, payload);
        return payload.length;
    }

    private void writeRaw(byte[] frameHeader, byte[] payload) {
        if (blockingWrite) {
            socket.getAttr("setblocking").call(new PyObject[] {dev.mica.obj.PyBool.TRUE}, null);
        }
        try {
            writeSocket(frameHeader);
            writeSocket(payload);
        } finally {
            if (blockingWrite) {
                socket.getAttr("setblocking").call(new PyObject[] {dev.mica.obj.PyBool.FALSE}, null);
            }
        }
    }

    private long ioctl(long request, PyObject arg) {
        switch ((int) request) {
            case REQUEST_CLOSE: {
                PyObject close = socket.getAttr("close");
                if (close != null) {
                    close.call(Py.NO_ARGS, null);
                }
                return 0;
            }
            case REQUEST_GET_DATA_OPTS:
                return dataFlags & OPCODE_MASK;
            case REQUEST_SET_DATA_OPTS: {
                int previous = opcodeToSend & OPCODE_MASK;
                long value = arg == null ? 0 : intArg(arg);
                opcodeToSend = (int) (value & OPCODE_MASK);
                return previous;
            }
            default:
                throw Py.osError(Errno.EINVAL);
        }
    }
}
