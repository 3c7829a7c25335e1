package dev.mica.vm.modules;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.mica.obj.Ops;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyException;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;
import dev.mica.obj.Py;
import dev.mica.vm.runtime.PythonThread;
import dev.mica.vm.runtime.Runtime;

/**
 * {@code _thread.LockType}: a lock any thread may release. A thread that waits for it gives the
 * interpreter lock up meanwhile and still reacts to interrupts and to its interpreter closing.
 */
final class ThreadLock extends PyObject {
    static final PyType TYPE = PyType.builtin("lock", PyType.OBJECT);
    /** Longest wait between looks at interrupts while blocked on the lock. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Runtime runtime;
    private final Semaphore permit = new Semaphore(1);

    ThreadLock(Runtime runtime) {
        this.runtime = runtime;
    }

    static {
        TYPE.method("acquire", 1, 3, a -> {
            boolean wait = a.length < 2 || Ops.indexValue(a[1], "int") != 0;
            double timeout = a.length < 3 ? -1 : Ops.toDouble(a[2]);
            return (((ThreadLock) a[0]).acquire(wait, timeout) ? PyBool.TRUE : PyBool.FALSE);
        });
        TYPE.method("release", 1, 1, a -> {
            ((ThreadLock) a[0]).release();
            return PyNone.NONE;
        });
        TYPE.method("locked", 1, 1, a -> (((ThreadLock) a[0]).isLocked()) ? PyBool.TRUE : PyBool.FALSE);
        TYPE.method("__enter__", 1, 1, a -> (((ThreadLock) a[0]).acquire(true, -1)) ? PyBool.TRUE : PyBool.FALSE);
        TYPE.method("__exit__", 4, 4, a -> {
            ((ThreadLock) a[0]).release();
            return PyNone.NONE;
        });
        TYPE.orderLocals("acquire", "release", "locked", "__enter__", "__exit__");
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    boolean isLocked() {
        return permit.availablePermits() == 0;
    }

    /**
     * Takes the lock; without {@code wait} only if it is free now. A {@code timeout} of zero or
     * more seconds bounds the wait (MicroPython itself ignores it and waits for good).
     */
    boolean acquire(boolean wait, double timeout) {
        if (permit.tryAcquire()) {
            return true;
        }
        if (!wait) {
            return false;
        }
        long deadline = timeout >= 0 ? System.nanoTime() + (long) (timeout * 1e9) : Long.MAX_VALUE;
        while (true) {
            PythonThread me = runtime.currentThread();
            boolean got = runtime.withoutInterpreterLock(() -> waitForPermit(me, deadline));
            if (got) {
                return true;
            }
            if (runtime.interruptPending) {
                runtime.checkInterrupt();
            }
            if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
                return false;
            }
        }
    }

    /** Waits without the interpreter lock until the permit is taken, the deadline passes or the thread is needed. */
    private boolean waitForPermit(PythonThread me, long deadline) {
        while (true) {
            long left = deadline == Long.MAX_VALUE ? POLL_NANOS : Math.min(POLL_NANOS, deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            try {
                if (permit.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                if (me.isMain()) {
                    runtime.requestInterrupt();
                }
            }
            if (runtime.needsAttention(me)) {
                return false;
            }
        }
    }

    void release() {
        if (!isLocked()) {
            throw new PyException(new PyBaseException(PyBaseException.RUNTIME_ERROR, Py.NO_ARGS));
        }
        permit.release();
    }
}
