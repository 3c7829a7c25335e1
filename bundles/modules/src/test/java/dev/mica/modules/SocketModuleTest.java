package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.junit.jupiter.api.Test;

class SocketModuleTest {
    @Test
    void tcpOnLoopbackWithNonBlockingConnectAndAccept() {
        PythonRun run = PythonRun.of("""
                import socket, select, errno
                addr = socket.getaddrinfo('127.0.0.1', 18712)[0][-1]
                print(type(addr), len(addr), socket.sockaddr(addr))
                server = socket.socket()
                server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                server.bind(addr)
                server.listen(1)
                server.setblocking(False)
                try:
                    server.accept()
                except OSError as e:
                    print('accept', e.errno == errno.EAGAIN)
                client = socket.socket()
                client.setblocking(False)
                try:
                    client.connect(addr)
                except OSError as e:
                    print('connect', e.errno == errno.EINPROGRESS)
                p = select.poll()
                p.register(server, select.POLLIN)
                print(len(p.poll(2000)))
                conn, peer = server.accept()
                print(conn, type(peer))
                p.register(client, select.POLLOUT)
                p.unregister(server)
                print(p.poll(2000)[0][1])
                client.setblocking(True)
                client.send(b'hello\\nworld')
                conn.settimeout(2)
                print(conn.readline(), conn.recv(5))
                conn.settimeout(0.05)
                for call in (conn.recv, conn.read):
                    try:
                        call(5)
                    except OSError as e:
                        print('timeout', e.errno)
                conn.setblocking(False)
                print(conn.read(5))
                client.close()
                conn.setblocking(True)
                print(conn.recv(5))
                conn.close()
                server.close()
                try:
                    conn.recv(1)
                except OSError as e:
                    print(e)
                """);
        assertEquals("<class 'bytearray'> 16 (2, b'\\x7f\\x00\\x00\\x01', 18712)\naccept True\nconnect True\n1\n"
                + "<_socket 5> <class 'bytearray'>\n4\nb'hello\\n' b'world'\ntimeout 11\ntimeout 110\nNone\nb''\n[Errno 9] EBADF\n",
                run.out, run.err);
    }

    @Test
    void errorsHaveTheUnixErrnos() {
        PythonRun run = PythonRun.of("""
                import socket, errno
                s = socket.socket()
                try:
                    s.recv(1)
                except OSError as e:
                    print(e.errno == errno.ENOTCONN)
                try:
                    s.connect(socket.getaddrinfo('127.0.0.1', 1)[0][-1])
                except OSError as e:
                    print(e.errno == errno.ECONNREFUSED)
                try:
                    socket.getaddrinfo('no-such-host.invalid', 80)
                except OSError as e:
                    print(e)
                u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                u.bind(('127.0.0.1', 18713))
                u.setblocking(False)
                try:
                    u.recv(10)
                except OSError as e:
                    print(e.errno == errno.EAGAIN)
                v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                v.sendto(b'ping', ('127.0.0.1', 18713))
                u.settimeout(2)
                data, sender = u.recvfrom(10)
                print(data, socket.sockaddr(sender)[1])
                print(socket.socket.settimeout is not None, [m for m in ('sendall', 'makefile') if hasattr(u, m)])
                u.close()
                v.close()
                """);
        assertEquals("True\nTrue\n[addrinfo error -2]\nTrue\nb'ping' b'\\x7f\\x00\\x00\\x01'\nTrue ['sendall', 'makefile']\n",
                run.out, run.err);
    }

    @Test
    void socketsLeftOpenAreClosedWithTheInterpreter() throws Exception {
        PythonRun run = PythonRun.of("""
                import socket
                s = socket.socket()
                s.bind(socket.getaddrinfo('127.0.0.1', 18719)[0][-1])
                s.listen(1)
                print('listening')
                """);
        assertEquals("listening\n", run.out, run.err);
        try (ServerSocketChannel again = ServerSocketChannel.open()) {
            again.bind(new InetSocketAddress("127.0.0.1", 18719));
        }
    }
}
