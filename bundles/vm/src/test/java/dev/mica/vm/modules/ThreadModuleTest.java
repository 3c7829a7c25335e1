package dev.mica.vm.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mica.code.CompileOptions;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;
import dev.mica.vm.runtime.Runtime;

/**
 * _thread on a runtime: threads run Java-coded "Python" functions while the test's thread
 * plays the interpreter's main thread (between beginRun and endRun).
 */
class ThreadModuleTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Runtime rt = new Runtime(() -> null, CompileOptions.DEFAULT, new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(), err, List.of(), List.of());
    private PyObject thread;

    @BeforeEach
    void begin() {
        rt.beginRun();
        thread = rt.builtinModules().module("_thread");
    }

    @AfterEach
    void end() {
        rt.endRun();
        rt.stopAllThreads(2000);
    }

    private static PyObject function(String name, Function<PyObject[], PyObject> body) {
        return new PyBuiltinFunction(name, 0, PyBuiltinFunction.VARIADIC, true, (a, kw) -> body.apply(a));
    }

    private PyObject call(String name, PyObject... args) {
        return thread.getAttr(name).call(args, null);
    }

    private PyObject start(PyObject fn, PyObject... args) {
        return call("start_new_thread", fn, new PyTuple(args));
    }

    /** What a Python loop does at each backward jump: lets the VM hand the interpreter lock over. */
    private void backwardJump() {
        if (rt.interruptPending) {
            rt.checkInterrupt();
        }
    }

    /** Spins as Python code would (handing the lock over when asked) until the condition holds. */
    private void spinUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            backwardJump();
        }
    }

    @Test
    void threadRunsWithPositionalAndKeywordArguments() {
        AtomicInteger sum = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        PyObject fn = new PyBuiltinFunction("add", 0, 5, true, (a, kw) -> {
            assertEquals(1, kw.length);
            assertEquals("c", kw[0]);
            sum.set((int) (((PyInt) a[0]).value + ((PyInt) a[1]).value + ((PyInt) a[2]).value));
            done.set(true);
            return PyNone.NONE;
        });
        PyDict kwargs = new PyDict();
        kwargs.putStr("c", PyInt.of(100));
        PyObject ident = call("start_new_thread", fn, new PyList(List.of(PyInt.of(1), PyInt.of(2))), kwargs);
        spinUntil(done::get);
        assertEquals(103, sum.get());
        assertTrue(ident instanceof PyInt);
    }

    @Test
    void eachThreadHasItsOwnIdent() {
        AtomicLong seen = new AtomicLong();
        PyObject fn = function("who", a -> {
            seen.set(((PyInt) call("get_ident")).value);
            return PyNone.NONE;
        });
        long started = ((PyInt) start(fn)).value;
        spinUntil(() -> seen.get() != 0);
        assertEquals(started, seen.get());
        assertNotEquals(((PyInt) call("get_ident")).value, seen.get());
    }

    @Test
    void argumentErrorsAreMicroPythons() {
        PyObject fn = function("f", a -> PyNone.NONE);
        PyException notSequence = assertThrows(PyException.class, () -> call("start_new_thread", fn, PyInt.of(1)));
        assertTrue(notSequence.matches(PyBaseException.TYPE_ERROR));
        assertEquals("object 'int' isn't a tuple or list", notSequence.value().str());
        PyException notDict = assertThrows(PyException.class,
                () -> call("start_new_thread", fn, new PyTuple(new PyObject[0]), new PyList()));
        assertEquals("expecting a dict for keyword args", notDict.value().str());
    }

    @Test
    void lockAcquireReleaseAndLocked() {
        PyObject lock = call("allocate_lock");
        assertSame(thread.getAttr("LockType"), lock.type());
        assertSame(PyBool.FALSE, lock.getAttr("locked").call(Py.NO_ARGS, null));
        assertSame(PyBool.TRUE, lock.getAttr("acquire").call(Py.NO_ARGS, null));
        assertSame(PyBool.TRUE, lock.getAttr("locked").call(Py.NO_ARGS, null));
        assertSame(PyBool.FALSE, lock.getAttr("acquire").call(new PyObject[] {PyInt.of(0)}, null));
        long t0 = System.nanoTime();
        assertSame(PyBool.FALSE, lock.getAttr("acquire").call(new PyObject[] {PyInt.of(1), new PyFloat(0.05)}, null));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(45));
        lock.getAttr("release").call(Py.NO_ARGS, null);
        PyException twice = assertThrows(PyException.class, () -> lock.getAttr("release").call(Py.NO_ARGS, null));
        assertTrue(twice.matches(PyBaseException.RUNTIME_ERROR));
        assertEquals(0, twice.value().args().length);
    }

    @Test
    void lockHandsOverBetweenThreadsAndWorksAsContextManager() {
        PyObject lock = call("allocate_lock");
        lock.getAttr("acquire").call(Py.NO_ARGS, null);
        AtomicBoolean got = new AtomicBoolean();
        PyObject fn = function("waiter", a -> {
            lock.getAttr("__enter__").call(Py.NO_ARGS, null);
            got.set(true);
            lock.getAttr("__exit__").call(new PyObject[] {PyNone.NONE, PyNone.NONE, PyNone.NONE}, null);
            return PyNone.NONE;
        });
        start(fn);
        // the waiting thread must not get the lock while we hold it, though it runs meanwhile
        rt.withoutInterpreterLock(() -> {
            LockSupportSleep.millis(50);
            return null;
        });
        assertFalse(got.get());
        lock.getAttr("release").call(Py.NO_ARGS, null);
        spinUntil(got::get);
        spinUntil(() -> lock.getAttr("locked").call(Py.NO_ARGS, null) == PyBool.FALSE);
    }

    @Test
    void onlyOneThreadRunsPythonAtATime() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int threads = 4;
        PyObject fn = function("worker", a -> {
            for (int i = 0; i < 2000; i++) {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                Thread.onSpinWait();
                inside.decrementAndGet();
                backwardJump();
            }
            finished.incrementAndGet();
            return PyNone.NONE;
        });
        for (int i = 0; i < threads; i++) {
            start(fn);
        }
        spinUntil(() -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            inside.decrementAndGet();
            return finished.get() == threads;
        });
        assertEquals(0, overlaps.get());
    }

    @Test
    void busyThreadHandsTheLockOverToAWaitingOne() {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean spinning = new AtomicBoolean();
        PyObject busy = function("busy", a -> {
            spinning.set(true);
            while (!stop.get()) {
                backwardJump();
            }
            return PyNone.NONE;
        });
        start(busy);
        spinUntil(spinning::get);
        // the main thread gets the lock back from a thread that never blocks
        stop.set(true);
    }

    @Test
    void threadsKeepTheirOwnInterpreterState() {
        rt.depth = 7;
        PyDict mainGlobals = new PyDict();
        rt.currentGlobals = mainGlobals;
        AtomicInteger depthSeen = new AtomicInteger(-1);
        AtomicBoolean done = new AtomicBoolean();
        PyObject fn = function("state", a -> {
            depthSeen.set(rt.depth);
            rt.depth = 99;
            rt.currentGlobals = new PyDict();
            while (!done.get()) {
                backwardJump();
            }
            return PyNone.NONE;
        });
        start(fn);
        spinUntil(() -> depthSeen.get() >= 0);
        assertEquals(0, depthSeen.get());
        assertEquals(7, rt.depth);
        assertSame(mainGlobals, rt.currentGlobals);
        done.set(true);
    }

    @Test
    void uncaughtExceptionIsReportedAsMicroPythonDoes() {
        AtomicBoolean exited = new AtomicBoolean();
        start(function("quiet", a -> {
            exited.set(true);
            throw new PyException(new PyBaseException(PyBaseException.SYSTEM_EXIT, Py.NO_ARGS));
        }));
        spinUntil(exited::get);
        spinUntil(() -> rt.threads().isEmpty());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        start(function("boom", a -> {
            throw Py.valueError("bad value");
        }));
        spinUntil(() -> rt.threads().isEmpty());
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Unhandled exception in thread started by <function>\n"), text);
        assertTrue(text.endsWith("ValueError: bad value\n"), text);
    }

    @Test
    void exitEndsTheThreadSilently() {
        AtomicBoolean after = new AtomicBoolean();
        start(function("leaver", a -> {
            call("exit");
            after.set(true);
            return PyNone.NONE;
        }));
        spinUntil(() -> rt.threads().isEmpty());
        assertFalse(after.get());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stackSizeReportsThePreviousValue() {
        assertEquals(0, ((PyInt) call("stack_size")).value);
        assertEquals(0, ((PyInt) call("stack_size", PyInt.of(8192))).value);
        assertEquals(8192, ((PyInt) call("stack_size")).value);
        assertEquals(0, ((PyInt) call("stack_size")).value);
    }

    @Test
    void closingStopsThreadsThatLoopOrWaitForever() throws InterruptedException {
        PyObject lock = call("allocate_lock");
        lock.getAttr("acquire").call(Py.NO_ARGS, null);
        CountDownLatch running = new CountDownLatch(2);
        start(function("forever", a -> {
            running.countDown();
            while (true) {
                backwardJump();
            }
        }));
        start(function("blocked", a -> {
            running.countDown();
            lock.getAttr("acquire").call(Py.NO_ARGS, null);
            return PyNone.NONE;
        }));
        spinUntil(() -> running.getCount() == 0);
        rt.endRun();
        rt.stopAllThreads(5000);
        assertTrue(rt.threads().isEmpty());
    }

    @Test
    void keyboardInterruptGoesToTheMainThread() {
        AtomicBoolean spinning = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        start(function("busy", a -> {
            spinning.set(true);
            try {
                while (true) {
                    backwardJump();
                }
            } catch (PyException e) {
                interrupted.set(true);
                throw e;
            }
        }));
        spinUntil(spinning::get);
        rt.requestInterrupt();
        PyException e = assertThrows(PyException.class, () -> spinUntil(() -> false));
        assertTrue(e.matches(PyBaseException.KEYBOARD_INTERRUPT));
        assertFalse(interrupted.get());
    }

    @Test
    void keyboardInterruptEndsTheMainThreadsWaitForALock() {
        PyObject lock = call("allocate_lock");
        lock.getAttr("acquire").call(Py.NO_ARGS, null);
        Thread interrupter = new Thread(() -> {
            LockSupportSleep.millis(50);
            rt.requestInterrupt();
        });
        interrupter.start();
        PyException e = assertThrows(PyException.class, () -> lock.getAttr("acquire").call(Py.NO_ARGS, null));
        assertTrue(e.matches(PyBaseException.KEYBOARD_INTERRUPT));
    }

    @Test
    void sleepLetsOtherThreadsRun() {
        AtomicInteger counter = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        start(function("counter", a -> {
            while (!stop.get()) {
                counter.incrementAndGet();
                backwardJump();
            }
            return PyNone.NONE;
        }));
        rt.builtinModules().environment().sleep(50);
        assertTrue(counter.get() > 0);
        stop.set(true);
    }

    /** A plain wait for tests, outside Python. */
    private static final class LockSupportSleep {
        static void millis(long ms) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }
}
