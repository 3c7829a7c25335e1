package dev.mica.modules.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.mica.obj.Buffers;
import dev.mica.obj.BufferView;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;

/**
 * Socket addresses as MicroPython's unix port passes them: the bytes of a C {@code struct
 * sockaddr_in} (family in host order, port and address in network order, 16 bytes) or
 * {@code sockaddr_in6} (28 bytes). Programs may also give {@code (host, port)} tuples.
 */
final class SocketAddresses {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int SOCKADDR_IN6_SIZE = 28;

    private SocketAddresses() {}

    /** The address a program gave to bind, connect or sendto. */
    static InetSocketAddress parse(PyObject address) {
        if (address instanceof PyTuple t) {
            PyObject[] items = t.items();
            if (items.length < 2) {
                throw Py.typeError("address must be a (host, port) tuple");
            }
            String host = Ops.str(items[0]);
            int port = (int) Ops.indexValue(items[1], "int");
            return new InetSocketAddress(resolve(host.isEmpty() ? "0.0.0.0" : host, 0)[0], port);
        }
        BufferView v = Buffers.read(address);
        byte[] b = v.toByteArray();
        if (b.length < 8) {
            throw Py.osError(dev.mica.obj.Errno.EINVAL);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int family = buf.order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffff;
        int port = buf.order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xffff;
        try {
            if (family == AF_INET6 && b.length >= 24) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 8, 24)), port);
            }
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 4, 8)), port);
        } catch (UnknownHostException e) {
            throw Py.osError(dev.mica.obj.Errno.EINVAL);
        }
    }

    /** The bytearray form of an address, as accept, recvfrom and getaddrinfo give it. */
    static PyByteArray encode(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        boolean v6 = ip instanceof Inet6Address;
        ByteBuffer buf = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE);
        buf.order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) (v6 ? AF_INET6 : AF_INET));
        buf.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) address.getPort());
        buf.position(v6 ? 8 : 4);
        buf.put(raw);
        return new PyByteArray(buf.array());
    }

    /** {@code socket.sockaddr}: (family, address bytes, port) of an encoded address. */
    static PyTuple decode(PyObject address) {
        InetSocketAddress a = parse(address);
        int family = a.getAddress() instanceof Inet4Address ? AF_INET : AF_INET6;
        return new PyTuple(PyInt.of(family), new PyBytes(a.getAddress().getAddress()), PyInt.of(a.getPort()));
    }

    /** The addresses of a host name of the wanted family (0: IPv4 only, as the unix port's default). */
    static InetAddress[] resolve(String host, int family) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            InetAddress[] wanted = Arrays.stream(all)
                    .filter(a -> family == AF_INET6 ? a instanceof Inet6Address : a instanceof Inet4Address)
                    .toArray(InetAddress[]::new);
            if (wanted.length == 0) {
                throw addrinfoError();
            }
            return wanted;
        } catch (UnknownHostException | SecurityException e) {
            throw addrinfoError();
        }
    }

    private static RuntimeException addrinfoError() {
        // EAI_NONAME, as getaddrinfo(3) reports a name it cannot find
        return Py.error(PyBaseException.OS_ERROR, "[addrinfo error -2]");
    }
}
