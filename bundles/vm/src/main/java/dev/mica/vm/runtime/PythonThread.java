package dev.mica.vm.runtime;

import dev.mica.obj.PyDict;

/**
 * One thread running Python code in an interpreter: the interpreter's main thread (whichever
 * Java thread runs the current program) or one started by {@code _thread.start_new_thread}.
 *
 * <p>The VM keeps the state of the thread holding the interpreter lock in {@link Runtime}'s
 * fields ({@code depth}, {@code currentGlobals}, {@code currentLocals}), where the interpreter
 * loop reads and writes them without any indirection; a thread's own copy here is only
 * written when it gives the lock up and read back when it takes it again.
 */
public final class PythonThread {
    private final long ident;
    private final boolean main;
    private volatile Thread javaThread;
    /** Set to end the thread at its next look at interrupts (the interpreter is closing). */
    volatile boolean stopRequested;

    int depth;
    /** The thread's running frames by depth (see {@code Runtime.frames}). */
    Object[] frames = new Object[16];
    PyDict currentGlobals;
    PyDict currentLocals;
    /** micropython.heap_lock() depth: each thread locks the heap for itself, as in MicroPython. */
    int heapLockDepth;

    PythonThread(long ident, boolean main, Thread javaThread) {
        this.ident = ident;
        this.main = main;
        this.javaThread = javaThread;
    }

    /** The value {@code _thread.get_ident()} gives in this thread. */
    public long ident() {
        return ident;
    }

    /** Whether this is the thread that runs the interpreter's programs (KeyboardInterrupt goes there). */
    public boolean isMain() {
        return main;
    }

    public Thread javaThread() {
        return javaThread;
    }

    void runsOn(Thread t) {
        javaThread = t;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    void saveFrom(Runtime rt) {
        depth = rt.depth;
        frames = rt.frames;
        currentGlobals = rt.currentGlobals;
        currentLocals = rt.currentLocals;
        heapLockDepth = rt.heapAccount().lockDepth();
    }

    void loadInto(Runtime rt) {
        rt.depth = depth;
        rt.frames = frames;
        rt.currentGlobals = currentGlobals;
        rt.currentLocals = currentLocals;
        rt.heapAccount().setLockDepth(heapLockDepth);
    }
}
