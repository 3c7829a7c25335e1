package dev.mica.modules.socket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.Buffers;
import dev.mica.obj.Errno;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * The {@code socket} module of MicroPython's unix port: TCP and UDP sockets over java.nio,
 * {@code getaddrinfo} with addresses in the C {@code sockaddr} layout, and the port's constants.
 */
@Component(service = ModuleProvider.class)
public final class SocketModule implements ModuleProvider {
    /**
     * The sockets of one interpreter: the numbers they report as fileno() and in their repr
     * (from 3 up, as a process would), and the open ones, closed with the interpreter.
     */
    static final class FileNumbers {
        private int next = 3;
        private final java.util.Set<SocketObject> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

        int next() {
            return next++;
        }

        void opened(SocketObject s) {
            open.add(s);
        }

        void closed(SocketObject s) {
            open.remove(s);
        }

        void closeAll() {
            for (SocketObject s : open.toArray(new SocketObject[0])) {
                s.close();
            }
        }
    }

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FileNumbers numbers = new FileNumbers();
        environment.whenClosed(numbers::closeAll);
        FixedModule m = new FixedModule("socket");
        m.setAttr("AF_INET", PyInt.of(SocketAddresses.AF_INET));
        m.setAttr("AF_INET6", PyInt.of(SocketAddresses.AF_INET6));
        m.setAttr("AF_UNIX", PyInt.of(1));
        m.setAttr("MSG_DONTROUTE", PyInt.of(4));
        m.setAttr("MSG_DONTWAIT", PyInt.of(64));
        m.setAttr("SOCK_DGRAM", PyInt.of(SocketObject.SOCK_DGRAM));
        m.setAttr("SOCK_RAW", PyInt.of(SocketObject.SOCK_RAW));
        m.setAttr("SOCK_STREAM", PyInt.of(SocketObject.SOCK_STREAM));
        m.setAttr("SOL_SOCKET", PyInt.of(SocketObject.SOL_SOCKET));
        m.setAttr("SO_BROADCAST", PyInt.of(SocketObject.SO_BROADCAST));
        m.setAttr("SO_ERROR", PyInt.of(4));
        m.setAttr("SO_KEEPALIVE", PyInt.of(SocketObject.SO_KEEPALIVE));
        m.setAttr("SO_LINGER", PyInt.of(13));
        m.setAttr("SO_REUSEADDR", PyInt.of(SocketObject.SO_REUSEADDR));
        m.setAttr("IPPROTO_TCP", PyInt.of(SocketObject.IPPROTO_TCP));
        m.setAttr("TCP_NODELAY", PyInt.of(SocketObject.TCP_NODELAY));
        m.setAttr("getaddrinfo", new PyBuiltinFunction("getaddrinfo", 2, 6, false, (a, kw) -> getaddrinfo(a)));
        m.setAttr("inet_ntop", new PyBuiltinFunction("inet_ntop", 2, 2, false, (a, kw) -> {
            byte[] raw = Buffers.bytesOf(a[1]);
            try {
                return PyStr.of(InetAddress.getByAddress(raw).getHostAddress());
            } catch (UnknownHostException e) {
                throw Py.osError(Errno.EINVAL);
            }
        }));
        m.setAttr("inet_pton", new PyBuiltinFunction("inet_pton", 2, 2, false, (a, kw) -> {
            String text = Ops.str(a[1]);
            if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw Py.osError(Errno.EINVAL);
            }
            try {
                return new PyBytes(InetAddress.getByName(text).getAddress());
            } catch (UnknownHostException e) {
                throw Py.osError(Errno.EINVAL);
            }
        }));
        m.setAttr("sockaddr", new PyBuiltinFunction("sockaddr", 1, 1, false, (a, kw) -> SocketAddresses.decode(a[0])));
        PyType socketType = SocketObject.newType();
        socketType.setConstructor((type, a, kw) -> {
            Py.checkKeywords(kw);
            int n = Py.positional(a, kw);
            if (n > 3) {
                throw Py.typeError("function expected at most 3 arguments, got " + n);
            }
            int family = n > 0 ? (int) Ops.indexValue(a[0], "int") : SocketAddresses.AF_INET;
            int kind = n > 1 ? (int) Ops.indexValue(a[1], "int") : SocketObject.SOCK_STREAM;
            return new SocketObject(environment, socketType, numbers, family, kind);
        });
        m.setAttr("socket", socketType);
        return m.seal();
    }

    /** getaddrinfo(host, port, family=0, type=0, proto=0, flags=0). */
    private static PyObject getaddrinfo(PyObject[] a) {
        String host = a[0] == PyNone.NONE ? "127.0.0.1" : Ops.str(a[0]);
        int port = a[1] instanceof PyStr s ? Integer.parseInt(s.value()) : (int) Ops.indexValue(a[1], "int");
        int family = a.length > 2 ? (int) Ops.indexValue(a[2], "int") : 0;
        int kind = a.length > 3 ? (int) Ops.indexValue(a[3], "int") : 0;
        PyList out = new PyList();
        for (InetAddress address : SocketAddresses.resolve(host, family)) {
            PyObject sockaddr = SocketAddresses.encode(new InetSocketAddress(address, port));
            int af = family == SocketAddresses.AF_INET6 ? SocketAddresses.AF_INET6 : SocketAddresses.AF_INET;
            int[][] kinds = {{SocketObject.SOCK_STREAM, 6}, {SocketObject.SOCK_DGRAM, 17}, {SocketObject.SOCK_RAW, 0}};
            for (int[] k : kinds) {
                if (kind == 0 || kind == k[0]) {
                    out.append(new PyTuple(PyInt.of(af), PyInt.of(k[0]), PyInt.of(k[1]), PyNone.NONE, sockaddr));
                }
            }
        }
        return out;
    }
}
