package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SelectModuleTest {
    @Test
    void pollsSocketsAndObjectsWithIoctl() {
        PythonRun run = PythonRun.of("""
                import select, socket, io
                class Flag(io.IOBase):
                    state = 0
                    def ioctl(self, request, arg):
                        return self.state & arg if request == 3 else -1
                a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                a.bind(socket.getaddrinfo('127.0.0.1', 18711)[0][-1])
                b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                f = Flag()
                p = select.poll()
                p.register(a, select.POLLIN)
                p.register(f, select.POLLIN)
                print(p.poll(0))
                b.sendto(b'x', socket.getaddrinfo('127.0.0.1', 18711)[0][-1])
                print([(o is a, ev) for o, ev in p.poll(1000)])
                f.state = 1
                print([(o is a, ev) for o, ev in p.ipoll(0, 1)])
                print(p.poll(0))
                p.modify(a, select.POLLIN)
                print(a.recv(5), [ev for o, ev in p.poll(0)])
                p.unregister(a)
                try:
                    p.modify(a, select.POLLOUT)
                except OSError as e:
                    print(e)
                p.register(b)
                b.close()
                print(p.poll(0)[0][1])
                a.close()
                """);
        assertEquals("[]\n[(True, 1)]\n[(True, 1), (False, 1)]\n[]\nb'x' []\n[Errno 2] ENOENT\n32\n", run.out, run.err);
    }

    @Test
    void waitsUntilTheTimeoutWhenNothingIsReady() {
        PythonRun run = PythonRun.of("""
                import select, time, io
                class NotAStream:
                    def ioctl(self, request, arg):
                        return 0
                class Never(io.IOBase):
                    def ioctl(self, request, arg):
                        return 0 if request == 3 else -1
                p = select.poll()
                p.register(Never())
                t = time.ticks_ms()
                print(p.poll(60), 50 <= time.ticks_diff(time.ticks_ms(), t) < 1000)
                p.register(1, select.POLLOUT)
                print(p.poll())
                try:
                    p.register(-1)
                except ValueError:
                    print('ValueError')
                for o in ('x', NotAStream()):
                    try:
                        p.register(o)
                    except OSError as e:
                        print(e)
                """);
        assertEquals("[] True\n[(1, 4)]\nValueError\nstream operation not supported\nstream operation not supported\n", run.out, run.err);
    }

    @Test
    void selectSplitsReadyObjectsByEvent() {
        PythonRun run = PythonRun.of("""
                import select, socket
                a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                a.bind(socket.getaddrinfo('127.0.0.1', 18716)[0][-1])
                b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                print(select.select([a], [], [], 0))
                r, w, x = select.select([a], [a, b], [])
                print(r, len(w), x)
                b.sendto(b'x', socket.getaddrinfo('127.0.0.1', 18716)[0][-1])
                r, w, x = select.select([a, b], [], [], 1.5)
                print(r[0] is a, len(r), w, x)
                a.close()
                b.close()
                """);
        assertEquals("([], [], [])\n[] 2 []\nTrue 1 [] []\n", run.out, run.err);
    }
}
