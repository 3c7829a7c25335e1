package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeModuleTest {
    @Test
    void ticksWrapAtTwoToTheSixtyTwo() {
        PythonRun run = PythonRun.of("""
                from time import ticks_add, ticks_diff
                top = ticks_add(0, -1)
                print(top == 2**62 - 1, ticks_add(top, 1), ticks_diff(0, top), ticks_diff(top, 0))
                print(ticks_diff(ticks_add(100, -123), 100))
                for delta in (2**61, -2**61):
                    try:
                        ticks_add(0, delta)
                    except OverflowError as e:
                        print(e)
                print(ticks_diff(ticks_add(5, 2**61 - 1), 5) == 2**61 - 1)
                """);
        assertEquals("True 0 1 -1\n-123\nticks interval overflow\nticks interval overflow\nTrue\n", run.out, run.err);
    }

    @Test
    void brokenDownTimeHasMicroPythonsLayout() {
        PythonRun run = PythonRun.of("""
                import time
                print(time.gmtime(0))
                print(time.gmtime(951782400.7))
                t = int(time.time())
                print(time.mktime(time.localtime(t)) == t, len(time.localtime()))
                try:
                    time.mktime((1, 2))
                except TypeError as e:
                    print(e)
                print(abs(time.time_ns() // 10**9 - int(time.time())) <= 1)
                """);
        assertEquals("(1970, 1, 1, 0, 0, 0, 3, 1, 0)\n(2000, 2, 29, 0, 0, 0, 1, 60, 0)\n"
                + "True 9\nmktime needs a tuple of length 8 or 9\nTrue\n", run.out, run.err);
    }

    @Test
    void sleepsLastAboutAsAsked() {
        PythonRun run = PythonRun.of("""
                import time
                t = time.ticks_ms()
                time.sleep_ms(30)
                time.sleep(0.02)
                time.sleep_us(5000)
                dt = time.ticks_diff(time.ticks_ms(), t)
                print(55 <= dt < 1000)
                time.sleep_ms(-5)
                try:
                    time.sleep(-1)
                except OSError as e:
                    print(e)
                """);
        assertEquals("True\n[Errno 22] EINVAL\n", run.out, run.err);
    }
}
