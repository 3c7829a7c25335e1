package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mica.interp.RunResult;

/** The time module, and Python threads that sleep, wait and end with the interpreter. */
class TimeModuleTest {
    @Test
    void ticksArithmeticWrapsAtTheSmallIntRange() {
        PythonRun run = PythonRun.of("""
                import time
                print(time.ticks_diff(1, 2), time.ticks_diff(0, 2**62 - 1), time.ticks_add(2**62 - 1, 1))
                print(time.ticks_add(5, -10) == 2**62 - 5)
                try:
                    time.ticks_add(0, 2**61)
                except OverflowError as e:
                    print(e)
                t = time.ticks_ms()
                print(0 <= t < 2**62, type(time.time()).__name__, time.time_ns() > 1_600_000_000 * 10**9)
                """);
        assertEquals("-1 1 0\nTrue\nticks interval overflow\nTrue float True\n", run.out, run.err);
    }

    @Test
    void sleepWaitsAboutTheTimeAsked() {
        PythonRun run = PythonRun.of("""
                import time
                t0 = time.ticks_ms()
                time.sleep_ms(60)
                time.sleep(0.04)
                time.sleep_us(20000)
                d = time.ticks_diff(time.ticks_ms(), t0)
                print(d >= 120, d < 2000)
                """);
        assertEquals("True True\n", run.out, run.err);
    }

    @Test
    void threadsShareDataUnderTheInterpreterLock() {
        PythonRun run = PythonRun.of("""
                import _thread, time
                lock = _thread.allocate_lock()
                counts = {}
                items = []
                done = []
                def work(name, n, step=1):
                    for i in range(n):
                        items.append(i)
                        with lock:
                            counts[name] = counts.get(name, 0) + step
                    with lock:
                        done.append(name)
                for k in range(4):
                    _thread.start_new_thread(work, ('t%d' % k, 500), {'step': 2})
                while len(done) < 4:
                    time.sleep_ms(1)
                print(sorted(counts.items()), len(items))
                """);
        assertEquals("[('t0', 1000), ('t1', 1000), ('t2', 1000), ('t3', 1000)] 2000\n", run.out, run.err);
    }

    @Test
    void busyThreadsLetTheSleeperWakeAndTheMainThreadRun() {
        PythonRun run = PythonRun.of("""
                import _thread, time
                spins = [0]
                def spin():
                    while True:
                        spins[0] += 1
                _thread.start_new_thread(spin, ())
                _thread.start_new_thread(spin, ())
                t0 = time.ticks_ms()
                time.sleep_ms(100)
                d = time.ticks_diff(time.ticks_ms(), t0)
                n = 0
                while n < 100000:
                    n += 1
                print(spins[0] > 0, 100 <= d < 1500, n)
                """);
        assertEquals("True True 100000\n", run.out, run.err);
    }

    @Test
    void anExceptionInAThreadIsReportedWithItsTraceback() {
        PythonRun run = PythonRun.of("""
                import _thread, time
                def boom(x):
                    raise ValueError(x)
                _thread.start_new_thread(boom, ('bad',))
                time.sleep_ms(200)
                print('after')
                """);
        assertEquals("after\n", run.out);
        assertTrue(run.err.matches("(?s)Unhandled exception in thread started by <function boom at 0x[0-9a-f]+>\n"
                + "Traceback \\(most recent call last\\):\n  File \"<test>\", line 3, in boom\nValueError: bad\n"), run.err);
    }

    @Test
    void threadsThatNeverEndAreStoppedWhenTheInterpreterCloses() {
        RunResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> PythonRun.of("""
                import _thread, time
                lock = _thread.allocate_lock()
                lock.acquire()
                def spin():
                    while True:
                        try:
                            while True:
                                pass
                        except BaseException:
                            pass
                def sleeper():
                    while True:
                        time.sleep(10)
                def waiter():
                    lock.acquire()
                for f in (spin, sleeper, waiter):
                    _thread.start_new_thread(f, ())
                time.sleep_ms(50)
                print('main ends')
                """).result);
        assertEquals(RunResult.COMPLETED, result);
    }
}
