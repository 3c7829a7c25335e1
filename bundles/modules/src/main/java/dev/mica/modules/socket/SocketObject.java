package dev.mica.modules.socket;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

import dev.mica.module.ModuleEnvironment;
import dev.mica.modules.select.Pollable;
import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * A socket of MicroPython's unix port on a java.nio channel. The channel always runs in
 * non-blocking mode; blocking calls and timeouts wait on the socket's own selector in short
 * slices, so a keyboard interrupt ends them. A TCP socket gets its channel when it is known
 * whether it listens or connects.
 */
public final class SocketObject extends PyObject implements Pollable {

    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_BROADCAST = 6;
    static final int SO_KEEPALIVE = 9;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    private static final int EPIPE = 32;
    private static final long WAIT_SLICE_MS = 20;

    private final ModuleEnvironment environment;
    /** The socket type of the interpreter's socket module. */
    private final PyType type;
    private final int family;
    private final int kind;
    private final int fileNumber;
    /** The interpreter's counter that numbers its sockets, for accepted ones. */
    private final SocketModule.FileNumbers numbers;
    private SelectableChannel channel;
    private Selector selector;
    private InetSocketAddress pendingBind;
    private boolean reuseAddress;
    private boolean broadcast;
    private boolean keepAlive;
    private boolean noDelay;
    /** Milliseconds a call may wait: negative waits without limit, 0 never waits. */
    private long timeoutMs = -1;
    private boolean closed;
    private boolean connecting;
    /** The errno of a failed non-blocking connect, reported by later calls. */
    private int connectError;
    private boolean endOfStream;

    SocketObject(ModuleEnvironment environment, PyType type, SocketModule.FileNumbers numbers, int family, int kind) {
        this.environment = environment;
        this.type = type;
        this.numbers = numbers;
        this.family = family;
        this.kind = kind;
        this.fileNumber = numbers.next();
        numbers.opened(this);
        if (kind == SOCK_DGRAM) {
            try {
                DatagramChannel dc = DatagramChannel.open();
                dc.configureBlocking(false);
                channel = dc;
            } catch (IOException e) {
                throw error(e);
            }
        } else if (kind != SOCK_STREAM) {
            throw Py.osError(Errno.EOPNOTSUPP);
        }
    }

    private SocketObject(ModuleEnvironment environment, PyType type, SocketModule.FileNumbers numbers, SocketChannel accepted, int family) {
        this.environment = environment;
        this.type = type;
        this.numbers = numbers;
        this.family = family;
        this.kind = SOCK_STREAM;
        this.fileNumber = numbers.next();
        numbers.opened(this);
        this.channel = accepted;
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        return "<_socket " + fileNumber + ">";
    }

    // ---------------------------------------------------------------------------------------
    // operations

    void bind(InetSocketAddress address) {
        open();
        try {
            if (channel instanceof DatagramChannel dc) {
                applyOptions(dc);
                dc.bind(address);
            } else {
                pendingBind = address;
            }
        } catch (IOException e) {
            throw error(e);
        }
    }

    void listen(int backlog) {
        open();
        if (channel != null) {
            throw Py.osError(Errno.EINVAL);
        }
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.configureBlocking(false);
            applyOptions(server);
            server.bind(pendingBind != null ? pendingBind : new InetSocketAddress(0), Math.max(backlog, 1));
            channel = server;
        } catch (IOException e) {
            throw error(e);
        }
    }

    PyTuple accept() {
        open();
        if (!(channel instanceof ServerSocketChannel server)) {
            throw Py.osError(Errno.EINVAL);
        }
        try {
            SocketChannel client = server.accept();
            long deadline = deadline();
            while (client == null) {
                waitFor(SelectionKey.OP_ACCEPT, deadline);
                client = server.accept();
            }
            client.configureBlocking(false);
            InetSocketAddress peer = (InetSocketAddress) client.getRemoteAddress();
            SocketObject s = new SocketObject(environment, type, numbers, client, family);
            return new PyTuple(s, SocketAddresses.encode(peer));
        } catch (IOException e) {
            throw error(e);
        }
    }

    void connect(InetSocketAddress address) {
        open();
        try {
            if (channel instanceof DatagramChannel dc) {
                dc.connect(address);
                return;
            }
            if (channel instanceof SocketChannel sc && (sc.isConnected() || connecting)) {
                throw Py.osError(sc.isConnected() ? 106 : Errno.EALREADY);
            }
            if (channel != null) {
                throw Py.osError(Errno.EINVAL);
            }
            SocketChannel sc = SocketChannel.open();
            sc.configureBlocking(false);
            applyOptions(sc);
            if (pendingBind != null) {
                sc.bind(pendingBind);
            }
            channel = sc;
            if (sc.connect(address)) {
                return;
            }
            connecting = true;
            if (timeoutMs == 0) {
                throw Py.osError(Errno.EINPROGRESS);
            }
            long deadline = deadline();
            while (!finishConnect(sc)) {
                waitFor(SelectionKey.OP_CONNECT, deadline);
            }
        } catch (IOException e) {
            throw error(e);
        }
    }

    /** Completes a pending connect if it is done; a failure is kept for later calls. */
    private boolean finishConnect(SocketChannel sc) {
        if (!connecting) {
            return true;
        }
        try {
            if (sc.finishConnect()) {
                connecting = false;
                return true;
            }
            return false;
        } catch (IOException e) {
            connecting = false;
            connectError = errnoOf(e);
            throw Py.osError(connectError);
        }
    }

    /** Sends what it can without waiting past the timeout; -1 when a non-blocking send would block. */
    int send(byte[] data, int offset, int length, boolean stream) {
        open();
        SocketChannel sc = connectedStream();
        try {
            if (sc == null) {
                DatagramChannel dc = (DatagramChannel) channel;
                if (!dc.isConnected()) {
                    throw Py.osError(Errno.ENOTCONN);
                }
                return dc.write(ByteBuffer.wrap(data, offset, length));
            }
            ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
            long deadline = deadline();
            int n = sc.write(buf);
            while (n == 0 && length > 0) {
                if (timeoutMs == 0) {
                    if (stream) {
                        return -1;
                    }
                    throw Py.osError(Errno.EAGAIN);
                }
                // the unix port's send and recv report a timeout as EAGAIN, its read and write as ETIMEDOUT
                waitFor(SelectionKey.OP_WRITE, deadline, stream ? Errno.ETIMEDOUT : Errno.EAGAIN);
                n = sc.write(buf);
            }
            return n;
        } catch (IOException e) {
            throw error(e);
        }
    }

    void sendAll(byte[] data) {
        int offset = 0;
        while (offset < data.length) {
            int n = send(data, offset, data.length - offset, false);
            offset += n;
        }
    }

    int sendTo(byte[] data, InetSocketAddress address) {
        open();
        if (!(channel instanceof DatagramChannel dc)) {
            throw Py.osError(Errno.EOPNOTSUPP);
        }
        try {
            long deadline = deadline();
            int n = dc.send(ByteBuffer.wrap(data), address);
            while (n == 0 && data.length > 0) {
                if (timeoutMs == 0) {
                    throw Py.osError(Errno.EAGAIN);
                }
                waitFor(SelectionKey.OP_WRITE, deadline, Errno.EAGAIN);
                n = dc.send(ByteBuffer.wrap(data), address);
            }
            return n;
        } catch (IOException e) {
            throw error(e);
        }
    }

    /**
     * Receives up to {@code into.remaining()} bytes; returns the count (0 at end of stream),
     * or -1 when nothing is there and the socket does not wait (then streams give None and
     * recv raises EAGAIN).
     */
    int receive(ByteBuffer into, InetSocketAddress[] from, boolean stream) {
        open();
        try {
            long deadline = deadline();
            while (true) {
                int n;
                if (channel instanceof DatagramChannel dc) {
                    InetSocketAddress sender = (InetSocketAddress) dc.receive(into);
                    n = sender == null ? -2 : into.position();
                    if (sender != null && from != null) {
                        from[0] = sender;
                    }
                } else {
                    SocketChannel sc = connectedStream();
                    if (endOfStream) {
                        return 0;
                    }
                    n = sc.read(into);
                    if (n < 0) {
                        endOfStream = true;
                        return 0;
                    }
                    if (n == 0 && into.remaining() > 0) {
                        n = -2;
                    }
                    if (n >= 0 && from != null) {
                        from[0] = (InetSocketAddress) sc.getRemoteAddress();
                    }
                }
                if (n != -2) {
                    return n;
                }
                if (timeoutMs == 0) {
                    return -1;
                }
                waitFor(SelectionKey.OP_READ, deadline, stream ? Errno.ETIMEDOUT : Errno.EAGAIN);
            }
        } catch (IOException e) {
            throw error(e);
        }
    }

    /** The connected stream channel, or null for a datagram socket; ENOTCONN otherwise. */
    private SocketChannel connectedStream() {
        if (channel instanceof DatagramChannel) {
            return null;
        }
        if (connectError != 0) {
            throw Py.osError(connectError);
        }
        if (!(channel instanceof SocketChannel sc)) {
            throw Py.osError(Errno.ENOTCONN);
        }
        if (connecting && !finishConnect(sc)) {
            if (timeoutMs == 0) {
                throw Py.osError(Errno.EAGAIN);
            }
            long deadline = deadline();
            while (!finishConnect(sc)) {
                waitFor(SelectionKey.OP_CONNECT, deadline);
            }
        }
        return sc;
    }

    void setTimeout(PyObject value) {
        if (value == PyNone.NONE) {
            timeoutMs = -1;
        } else {
            double seconds = Ops.toDouble(value);
            timeoutMs = seconds <= 0 ? 0 : Math.max(1, Math.round(seconds * 1000));
        }
    }

    void setBlocking(boolean blocking) {
        timeoutMs = blocking ? -1 : 0;
    }

    void setOption(int level, int option, PyObject value) {
        open();
        boolean on = value instanceof PyInt || value instanceof dev.mica.obj.PyBool ? Ops.indexValue(value, "int") != 0
                : Buffers.read(value).length() > 0 && Buffers.read(value).byteAt(0) != 0;
        if (level == SOL_SOCKET) {
            switch (option) {
                case SO_REUSEADDR -> reuseAddress = on;
                case SO_BROADCAST -> broadcast = on;
                case SO_KEEPALIVE -> keepAlive = on;
                default -> { }
            }
        } else if (level == IPPROTO_TCP && option == TCP_NODELAY) {
            noDelay = on;
        }
        if (channel instanceof NetworkChannel nc) {
            try {
                applyOptions(nc);
            } catch (IOException e) {
                throw error(e);
            }
        }
    }

    private void applyOptions(NetworkChannel nc) throws IOException {
        setIfSupported(nc, StandardSocketOptions.SO_REUSEADDR, reuseAddress);
        setIfSupported(nc, StandardSocketOptions.SO_BROADCAST, broadcast);
        setIfSupported(nc, StandardSocketOptions.SO_KEEPALIVE, keepAlive);
        setIfSupported(nc, StandardSocketOptions.TCP_NODELAY, noDelay);
    }

    private static void setIfSupported(NetworkChannel nc, SocketOption<Boolean> option, boolean value) throws IOException {
        if (nc.supportedOptions().contains(option)) {
            nc.setOption(option, value);
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        numbers.closed(this);
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing releases the channel whatever the peer does
        }
    }

    boolean isClosed() {
        return closed;
    }

    int fileNumber() {
        return fileNumber;
    }

    // ---------------------------------------------------------------------------------------
    // waiting

    private void open() {
        if (closed) {
            throw Py.osError(Errno.EBADF);
        }
    }

    private long deadline() {
        return timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
    }

    /** Waits until the channel is ready for {@code op}, ETIMEDOUT at the deadline. */
    private void waitFor(int op, long deadline) {
        waitFor(op, deadline, Errno.ETIMEDOUT);
    }

    /** As {@link #waitFor(int, long)}, raising {@code timeoutErrno} at the deadline. */
    private void waitFor(int op, long deadline, int timeoutErrno) {
        if (timeoutMs == 0) {
            throw Py.osError(Errno.EAGAIN);
        }
        try {
            SelectionKey key = key();
            key.interestOps(op);
            while (true) {
                environment.checkInterrupts();
                long left = deadline == Long.MAX_VALUE ? WAIT_SLICE_MS
                        : Math.min(WAIT_SLICE_MS, (deadline - System.nanoTime()) / 1_000_000L);
                if (left <= 0) {
                    throw Py.osError(timeoutErrno);
                }
                // other Python threads run while this one waits for the network
                long slice = left;
                int ready = environment.withoutInterpreterLock(() -> {
                    try {
                        return selector.select(slice);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                if (ready > 0) {
                    selector.selectedKeys().clear();
                    return;
                }
            }
        } catch (IOException e) {
            throw error(e);
        } catch (java.io.UncheckedIOException e) {
            throw error(e.getCause());
        }
    }

    private SelectionKey key() throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        SelectionKey key = channel.keyFor(selector);
        return key != null ? key : channel.register(selector, 0);
    }

    @Override
    public int pollReady(int mask) {
        if (closed) {
            return POLLNVAL;
        }
        if (channel == null) {
            // a TCP socket neither listening nor connected, as Linux reports it
            return POLLOUT | POLLHUP;
        }
        if (connectError != 0) {
            return POLLIN | POLLOUT | POLLERR | POLLHUP;
        }
        try {
            int ops = 0;
            if (channel instanceof ServerSocketChannel) {
                ops = SelectionKey.OP_ACCEPT;
            } else if (channel instanceof SocketChannel && connecting) {
                ops = SelectionKey.OP_CONNECT;
            } else {
                ops = SelectionKey.OP_READ | SelectionKey.OP_WRITE;
            }
            SelectionKey key = key();
            key.interestOps(ops);
            selector.selectedKeys().clear();
            selector.selectNow();
            int ready = key.isValid() && selector.selectedKeys().contains(key) ? key.readyOps() : 0;
            selector.selectedKeys().clear();
            int ev = 0;
            if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 || endOfStream) {
                ev |= POLLIN;
            }
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                ev |= POLLOUT;
            }
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                try {
                    if (finishConnect((SocketChannel) channel)) {
                        ev |= POLLOUT;
                    }
                } catch (PyException e) {
                    return POLLIN | POLLOUT | POLLERR | POLLHUP;
                }
            }
            return ev;
        } catch (IOException e) {
            return POLLERR;
        }
    }

    // ---------------------------------------------------------------------------------------
    // errors

    private static PyException error(IOException e) {
        return Py.osError(errnoOf(e));
    }

    static int errnoOf(Exception e) {
        if (e instanceof ConnectException) {
            return Errno.ECONNREFUSED;
        }
        if (e instanceof BindException) {
            String m = String.valueOf(e.getMessage());
            return m.contains("in use") ? Errno.EADDRINUSE : m.contains("ermission") ? Errno.EACCES : Errno.EINVAL;
        }
        if (e instanceof NoRouteToHostException) {
            return Errno.EHOSTUNREACH;
        }
        if (e instanceof PortUnreachableException) {
            return Errno.ECONNREFUSED;
        }
        if (e instanceof ClosedChannelException) {
            return Errno.EBADF;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase();
        if (m.contains("reset")) {
            return Errno.ECONNRESET;
        }
        if (m.contains("broken pipe")) {
            return EPIPE;
        }
        if (m.contains("refused")) {
            return Errno.ECONNREFUSED;
        }
        if (m.contains("timed out")) {
            return Errno.ETIMEDOUT;
        }
        if (m.contains("unreachable")) {
            return Errno.EHOSTUNREACH;
        }
        if (e instanceof SocketException) {
            return Errno.EIO;
        }
        return Errno.EIO;
    }

    /** NIO's unchecked exceptions for misuse, as the errno the unix port gives for them. */
    static PyException misuse(RuntimeException e) {
        if (e instanceof NotYetConnectedException) {
            return Py.osError(Errno.ENOTCONN);
        }
        if (e instanceof NotYetBoundException) {
            return Py.osError(Errno.EINVAL);
        }
        if (e instanceof AlreadyConnectedException) {
            return Py.osError(106);
        }
        if (e instanceof ConnectionPendingException) {
            return Py.osError(Errno.EALREADY);
        }
        if (e instanceof UnresolvedAddressException || e instanceof UnsupportedAddressTypeException) {
            return Py.osError(Errno.EINVAL);
        }
        if (e instanceof IllegalArgumentException) {
            return Py.osError(Errno.EINVAL);
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // methods

    /** A socket type with its methods; each interpreter's socket module makes its own. */
    static PyType newType() {
        PyType t = PyType.builtin("socket", PyType.OBJECT);
        t.method("close", 1, 1, a -> {
            self(a).close();
            return PyNone.NONE;
        });
        t.method("read", 1, 2, a -> {
            SocketObject s = self(a);
            if (a.length > 1 && Ops.indexValue(a[1], "int") >= 0) {
                return s.readStream((int) Ops.indexValue(a[1], "int"));
            }
            return s.readAll();
        });
        t.method("readinto", 2, 3, a -> {
            SocketObject s = self(a);
            BufferView v = Buffers.write(a[1]);
            int max = a.length > 2 ? (int) Math.min(v.length(), Ops.indexValue(a[2], "int")) : v.length();
            int n = s.guard(() -> s.receive(ByteBuffer.wrap(v.array(), v.offset(), max), null, true));
            return n < 0 ? PyNone.NONE : PyInt.of(n);
        });
        t.method("readline", 1, 2, a -> self(a).readLine(a.length > 1 ? Ops.indexValue(a[1], "int") : -1));
        t.method("send", 2, 3, a -> {
            SocketObject s = self(a);
            BufferView v = Buffers.read(a[1]);
            return PyInt.of(s.guard(() -> s.send(v.array(), v.offset(), v.length(), false)));
        });
        t.method("sendall", 2, 3, a -> {
            SocketObject s = self(a);
            byte[] data = Buffers.bytesOf(a[1]);
            s.guard(() -> {
                s.sendAll(data);
                return 0;
            });
            return PyNone.NONE;
        });
        t.method("write", 2, 4, a -> {
            SocketObject s = self(a);
            BufferView v = Buffers.read(a[1]);
            int offset = a.length > 2 ? (int) Ops.indexValue(a[2], "int") : 0;
            int length = a.length > 3 ? (int) Ops.indexValue(a[3], "int") : v.length() - offset;
            offset = Math.max(0, Math.min(offset, v.length()));
            length = Math.max(0, Math.min(length, v.length() - offset));
            int off = offset;
            int len = length;
            int n = s.guard(() -> s.send(v.array(), v.offset() + off, len, true));
            return n < 0 ? PyNone.NONE : PyInt.of(n);
        });
        t.method("accept", 1, 1, a -> {
            SocketObject s = self(a);
            return s.guard(s::accept);
        });
        t.method("bind", 2, 2, a -> {
            SocketObject s = self(a);
            InetSocketAddress address = SocketAddresses.parse(a[1]);
            s.guard(() -> {
                s.bind(address);
                return 0;
            });
            return PyNone.NONE;
        });
        t.method("connect", 2, 2, a -> {
            SocketObject s = self(a);
            InetSocketAddress address = SocketAddresses.parse(a[1]);
            s.guard(() -> {
                s.connect(address);
                return 0;
            });
            return PyNone.NONE;
        });
        t.method("fileno", 1, 1, a -> PyInt.of(self(a).fileNumber));
        t.method("listen", 1, 2, a -> {
            SocketObject s = self(a);
            int backlog = a.length > 1 ? (int) Ops.indexValue(a[1], "int") : 2;
            s.guard(() -> {
                s.listen(backlog);
                return 0;
            });
            return PyNone.NONE;
        });
        t.define("makefile", new PyBuiltinFunction("makefile", 1, 3, true, (a, kw) -> self(a)).asMethod());
        t.method("recv", 2, 3, a -> {
            SocketObject s = self(a);
            int size = (int) Math.max(0, Ops.indexValue(a[1], "int"));
            ByteBuffer buf = ByteBuffer.allocate(size);
            int n = s.guard(() -> s.receive(buf, null, false));
            if (n < 0) {
                throw Py.osError(Errno.EAGAIN);
            }
            return new PyBytes(java.util.Arrays.copyOf(buf.array(), buf.position()));
        });
        t.method("recvfrom", 2, 3, a -> {
            SocketObject s = self(a);
            int size = (int) Math.max(0, Ops.indexValue(a[1], "int"));
            ByteBuffer buf = ByteBuffer.allocate(size);
            InetSocketAddress[] from = new InetSocketAddress[1];
            int n = s.guard(() -> s.receive(buf, from, false));
            if (n < 0) {
                throw Py.osError(Errno.EAGAIN);
            }
            PyObject address = from[0] == null ? PyNone.NONE : SocketAddresses.encode(from[0]);
            return new PyTuple(new PyBytes(java.util.Arrays.copyOf(buf.array(), buf.position())), address);
        });
        t.method("sendto", 3, 3, a -> {
            SocketObject s = self(a);
            byte[] data = Buffers.bytesOf(a[1]);
            InetSocketAddress address = SocketAddresses.parse(a[2]);
            return PyInt.of(s.guard(() -> s.sendTo(data, address)));
        });
        t.method("setblocking", 2, 2, a -> {
            self(a).setBlocking(a[1].isTrue());
            return PyNone.NONE;
        });
        t.method("setsockopt", 4, 4, a -> {
            SocketObject s = self(a);
            s.setOption((int) Ops.indexValue(a[1], "int"), (int) Ops.indexValue(a[2], "int"), a[3]);
            return PyNone.NONE;
        });
        t.method("settimeout", 2, 2, a -> {
            self(a).setTimeout(a[1]);
            return PyNone.NONE;
        });
        t.method("__enter__", 1, 1, a -> a[0]);
        t.method("__exit__", 1, PyBuiltinFunction.VARIADIC, a -> {
            self(a).close();
            return PyNone.NONE;
        });
        t.method("__del__", 1, 1, a -> {
            self(a).close();
            return PyNone.NONE;
        });
        t.orderLocals("close", "read", "readinto", "readline", "send", "write", "accept", "bind", "connect",
                "fileno", "listen", "makefile", "recv", "recvfrom", "sendto", "setblocking", "setsockopt", "settimeout");
        return t;
    }


    private static SocketObject self(PyObject[] a) {
        return (SocketObject) a[0];
    }

    private interface Operation<T> {
        T run();
    }

    /** Runs an operation, turning NIO's unchecked misuse exceptions into OSError. */
    private <T> T guard(Operation<T> op) {
        try {
            return op.run();
        } catch (RuntimeException e) {
            if (e instanceof PyException) {
                throw e;
            }
            PyException mapped = misuse(e);
            if (mapped == null) {
                throw e;
            }
            throw mapped;
        }
    }

    private PyObject readStream(int size) {
        ByteBuffer buf = ByteBuffer.allocate(size);
        int n = guard(() -> receive(buf, null, true));
        if (n < 0) {
            return PyNone.NONE;
        }
        return new PyBytes(java.util.Arrays.copyOf(buf.array(), buf.position()));
    }

    private PyObject readAll() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n = guard(() -> receive(buf, null, true));
            if (n < 0) {
                return out.size() == 0 ? PyNone.NONE : new PyBytes(out.toByteArray());
            }
            if (n == 0 || channel instanceof DatagramChannel) {
                out.write(buf.array(), 0, buf.position());
                return new PyBytes(out.toByteArray());
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    private PyObject readLine(long limit) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (limit < 0 || out.size() < limit) {
            ByteBuffer one = ByteBuffer.allocate(1);
            int n = guard(() -> receive(one, null, true));
            if (n < 0) {
                return out.size() == 0 ? PyNone.NONE : new PyBytes(out.toByteArray());
            }
            if (n == 0) {
                break;
            }
            out.write(one.get(0));
            if (one.get(0) == '\n') {
                break;
            }
        }
        return new PyBytes(out.toByteArray());
    }

}
