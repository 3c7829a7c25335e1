package dev.mica.modules.ssl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import dev.mica.module.ModuleEnvironment;
import dev.mica.modules.select.Pollable;
import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * An {@code SSLSocket}: a JSSE engine over any stream object (a socket or a Python object
 * with {@code readinto}/{@code write}). When the stream does not block and has nothing, reads
 * and writes give None as MicroPython's streams do; the handshake continues on the next call.
 */
final class TlsSocket extends PyObject implements Pollable {
    static final PyType TYPE = PyType.builtin("SSLSocket", PyType.OBJECT);

    /** The stream ioctl request that closes a stream. */
    private static final int STREAM_CLOSE = 4;
    private static final int STREAM_POLL = 3;

    private final ModuleEnvironment environment;
    private final PyObject sock;
    private final SSLEngine engine;
    /** Bytes read from the stream, not yet decrypted (kept in read mode between calls). */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet given to the program (read mode). */
    private ByteBuffer appIn;
    /** Encrypted bytes not yet written to the stream (read mode). */
    private ByteBuffer netOut;
    private boolean started;
    private boolean closed;
    private boolean peerClosed;

    TlsSocket(ModuleEnvironment environment, PyObject sock, SSLEngine engine) {
        this.environment = environment;
        this.sock = sock;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet).flip();
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        netOut = ByteBuffer.allocate(packet).flip();
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<SSLSocket>";
    }

    // ---------------------------------------------------------------------------------------
    // the stream below

    /** Writes pending encrypted bytes; false when the stream would block. */
    private boolean flush() {
        while (netOut.hasRemaining()) {
            byte[] chunk = Arrays.copyOfRange(netOut.array(), netOut.position(), netOut.limit());
            PyObject r = Ops.getAttr(sock, "write").call(new PyObject[] {new PyBytes(chunk)}, null);
            if (r == PyNone.NONE) {
                return false;
            }
            int n = (int) Ops.indexValue(r, "int");
            if (n <= 0) {
                return false;
            }
            netOut.position(netOut.position() + n);
        }
        return true;
    }

    /** Reads more encrypted bytes: the count, 0 when the stream would block, -1 at its end. */
    private int fill() {
        netIn.compact();
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        try {
            PyByteArray buf = new PyByteArray(new byte[netIn.remaining()]);
            PyObject r = Ops.getAttr(sock, "readinto").call(new PyObject[] {buf}, null);
            if (r == PyNone.NONE) {
                return 0;
            }
            int n = (int) Ops.indexValue(r, "int");
            if (n <= 0) {
                return -1;
            }
            netIn.put(Buffers.read(buf).array(), 0, n);
            return n;
        } finally {
            netIn.flip();
        }
    }

    // ---------------------------------------------------------------------------------------
    // the engine

    /** Runs the handshake as far as the stream allows; true when it is complete. */
    private boolean handshake() {
        checkOpen();
        try {
            if (!started) {
                started = true;
                engine.beginHandshake();
            }
            while (true) {
                if (!flush()) {
                    return false;
                }
                switch (engine.getHandshakeStatus()) {
                    case NOT_HANDSHAKING, FINISHED:
                        return true;
                    case NEED_TASK:
                        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                            task.run();
                        }
                        break;
                    case NEED_WRAP:
                        wrap(ByteBuffer.allocate(0));
                        break;
                    default:
                        if (!unwrapOnce()) {
                            return false;
                        }
                        break;
                }
            }
        } catch (SSLException e) {
            throw tlsError(e);
        }
    }

    /** Encrypts {@code data} (or a handshake message) into netOut. */
    private void wrap(ByteBuffer data) throws SSLException {
        while (true) {
            netOut.compact();
            SSLEngineResult r;
            try {
                r = engine.wrap(data, netOut);
            } finally {
                netOut.flip();
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                ByteBuffer bigger = ByteBuffer.allocate(netOut.capacity() * 2);
                bigger.put(netOut).flip();
                netOut = bigger;
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0 && data.hasRemaining()) {
                throw Py.osError(Errno.ENOTCONN);
            }
            if (!data.hasRemaining() || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                return;
            }
        }
    }

    /**
     * Decrypts one record into appIn, reading from the stream when a record is incomplete;
     * false when the stream would block.
     */
    private boolean unwrapOnce() throws SSLException {
        while (true) {
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() * 2);
                    bigger.put(appIn).flip();
                    appIn = bigger;
                }
                case BUFFER_UNDERFLOW -> {
                    int n = fill();
                    if (n == 0) {
                        return false;
                    }
                    if (n < 0) {
                        if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                            throw new PyException(new PyBaseException(PyBaseException.OS_ERROR,
                                    new PyObject[] {PyInt.of(-0x7280), PyStr.of("MBEDTLS_ERR_SSL_CONN_EOF")}));
                        }
                        peerClosed = true;
                        return true;
                    }
                }
                case CLOSED -> {
                    peerClosed = true;
                    return true;
                }
                default -> {
                    return true;
                }
            }
        }
    }

    void handshakeNow() {
        while (!handshake()) {
            // a stream that does not block: wait for it as blocking callers expect
            environment.sleep(1);
        }
    }

    /** Up to {@code size} decrypted bytes; empty at the end; null when the stream would block. */
    private byte[] read(int size) {
        if (!handshake()) {
            return null;
        }
        try {
            while (!appIn.hasRemaining() && !peerClosed) {
                if (!unwrapOnce()) {
                    return null;
                }
                if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && !handshake()) {
                    return null;
                }
            }
        } catch (SSLException e) {
            throw tlsError(e);
        }
        int n = Math.min(size, appIn.remaining());
        byte[] out = new byte[n];
        appIn.get(out);
        return out;
    }

    /** Encrypts and sends {@code data}; the count, or -1 when the stream would block first. */
    private int write(byte[] data) {
        if (!handshake()) {
            return -1;
        }
        try {
            wrap(ByteBuffer.wrap(data));
        } catch (SSLException e) {
            throw tlsError(e);
        }
        flush();
        return data.length;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.closeOutbound();
        try {
            if (started) {
                wrap(ByteBuffer.allocate(0));
                flush();
            }
        } catch (SSLException | PyException e) {
            // the stream is closed whatever the peer hears
        }
        PyObject ioctl = sock.getAttr("ioctl");
        PyObject close = sock.getAttr("close");
        if (ioctl != null && !(sock instanceof Pollable)) {
            ioctl.call(new PyObject[] {PyInt.of(STREAM_CLOSE), PyInt.of(0)}, null);
        } else if (close != null) {
            close.call(Py.NO_ARGS, null);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw Py.osError(Errno.EBADF);
        }
    }

    private static PyException tlsError(SSLException e) {
        return new PyException(new PyBaseException(PyBaseException.OS_ERROR,
                new PyObject[] {PyInt.of(Errno.EIO), PyStr.of(String.valueOf(e.getMessage()))}));
    }

    @Override
    public int pollReady(int mask) {
        if (closed) {
            return POLLNVAL;
        }
        if (appIn.hasRemaining() || peerClosed) {
            return (mask & POLLIN) | (under(mask) & ~POLLIN);
        }
        return under(mask);
    }

    private int under(int mask) {
        if (sock instanceof Pollable p) {
            return p.pollReady(mask);
        }
        PyObject ioctl = sock.getAttr("ioctl");
        if (ioctl != null) {
            return (int) Ops.indexValue(ioctl.call(new PyObject[] {PyInt.of(STREAM_POLL), PyInt.of(mask)}, null), "int");
        }
        return mask;
    }

    // ---------------------------------------------------------------------------------------
    // methods

    static {
        TYPE.method("read", 1, 2, a -> {
            TlsSocket s = (TlsSocket) a[0];
            long size = a.length > 1 ? Ops.indexValue(a[1], "int") : -1;
            if (size >= 0) {
                byte[] b = s.read((int) size);
                return b == null ? PyNone.NONE : new PyBytes(b);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] b = s.read(1 << 16);
                if (b == null) {
                    return all.size() == 0 ? PyNone.NONE : new PyBytes(all.toByteArray());
                }
                if (b.length == 0) {
                    return new PyBytes(all.toByteArray());
                }
                all.write(b, 0, b.length);
            }
        });
        TYPE.method("readinto", 2, 3, a -> {
            TlsSocket s = (TlsSocket) a[0];
            BufferView v = Buffers.write(a[1]);
            int size = a.length > 2 ? (int) Math.min(v.length(), Ops.indexValue(a[2], "int")) : v.length();
            byte[] b = s.read(size);
            if (b == null) {
                return PyNone.NONE;
            }
            System.arraycopy(b, 0, v.array(), v.offset(), b.length);
            return PyInt.of(b.length);
        });
        TYPE.method("readline", 1, 2, a -> {
            TlsSocket s = (TlsSocket) a[0];
            long limit = a.length > 1 ? Ops.indexValue(a[1], "int") : -1;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (limit < 0 || line.size() < limit) {
                byte[] b = s.read(1);
                if (b == null) {
                    return line.size() == 0 ? PyNone.NONE : new PyBytes(line.toByteArray());
                }
                if (b.length == 0) {
                    break;
                }
                line.write(b[0]);
                if (b[0] == '\n') {
                    break;
                }
            }
            return new PyBytes(line.toByteArray());
        });
        TYPE.method("write", 2, 2, a -> {
            TlsSocket s = (TlsSocket) a[0];
            int n = s.write(Buffers.bytesOf(a[1]));
            return n < 0 ? PyNone.NONE : PyInt.of(n);
        });
        TYPE.method("setblocking", 2, 2, a -> Ops.getAttr(((TlsSocket) a[0]).sock, "setblocking").call(new PyObject[] {a[1]}, null));
        TYPE.method("close", 1, 1, a -> {
            ((TlsSocket) a[0]).close();
            return PyNone.NONE;
        });
        TYPE.method("getpeercert", 1, 2, a -> {
            TlsSocket s = (TlsSocket) a[0];
            if (a.length < 2 || !a[1].isTrue()) {
                return PyNone.NONE;
            }
            try {
                return new PyBytes(s.engine.getSession().getPeerCertificates()[0].getEncoded());
            } catch (SSLPeerUnverifiedException | java.security.cert.CertificateEncodingException e) {
                return PyNone.NONE;
            }
        });
        TYPE.method("cipher", 1, 1, a -> {
            var session = ((TlsSocket) a[0]).engine.getSession();
            return new PyTuple(PyStr.of(TlsContext.javaToMicroPython(session.getCipherSuite())), PyStr.of(session.getProtocol()));
        });
        TYPE.method("__enter__", 1, 1, a -> a[0]);
        TYPE.method("__exit__", 1, PyBuiltinFunction.VARIADIC, a -> {
            ((TlsSocket) a[0]).close();
            return PyNone.NONE;
        });
    }
}
