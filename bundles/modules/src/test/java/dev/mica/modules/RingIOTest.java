package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** micropython.RingIO, a VM type, exercised through whole programs. */
class RingIOTest {
    @Test
    void wrapsAroundAndTakesOnlyWhatFits() {
        PythonRun run = PythonRun.of("""
                from micropython import RingIO
                r = RingIO(5)
                print(r.write(b'abcdefg'), r.any(), r.read(3))
                print(r.write(b'xyz'), r.read())
                print(r.read(), r.any())
                """);
        assertEquals("5 5 b'abc'\n3 b'dexyz'\nb'' 0\n", run.out, run.err);
    }

    @Test
    void readsLinesAndIntoBuffersAndReportsReadiness() {
        PythonRun run = PythonRun.of("""
                from micropython import RingIO
                r = RingIO(bytearray(9))
                r.write(b'one\\ntwo')
                print(r.readline(), r.readline())
                b = bytearray(4)
                r.write(b'12345678')
                print(r.readinto(b), b, r.ioctl(3, 5))
                r.read()
                print(r.ioctl(3, 5))
                """);
        assertEquals("b'one\\n' b'two'\n4 bytearray(b'1234') 5\n4\n", run.out, run.err);
    }
}
