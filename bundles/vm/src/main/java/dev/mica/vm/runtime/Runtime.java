package dev.mica.vm.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import dev.mica.code.CompileError;
import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.Compiler;
import dev.mica.code.InputKind;
import dev.mica.code.MpyReader;
import dev.mica.vm.bytecode.CodeInfo;
import dev.mica.vm.bytecode.ModuleContext;
import dev.mica.vm.bytecode.PyFunction;
import dev.mica.vm.bytecode.VirtualMachine;
import dev.mica.vm.modules.BuiltinModules;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyCell;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * The state of one interpreter: modules, built-ins, streams, the compiler in use, its threads
 * and their interpreter lock, and the interrupt flag.
 *
 * <p>{@link #depth}, {@link #currentGlobals} and {@link #currentLocals} belong to the thread
 * that holds the interpreter lock: {@link InterpreterLock} saves them into the leaving
 * {@link PythonThread} and loads the arriving one's, so the interpreter loop keeps plain
 * field access.
 */
public final class Runtime {
    /** Call depth of the current thread, for the recursion limit. */
    public int depth;
    public int maxDepth = dev.mica.interp.InterpreterConfig.DEFAULT_RECURSION_LIMIT;
    /**
     * Slots (locals and value stack) of the frames running now, in every thread: they come
     * from the heap budget (see VirtualMachine.runFunction). Changed only under the interpreter lock.
     */
    public long frameSlots;
    /**
     * The frames running in the current thread, at the call depth they run at (null elsewhere):
     * roots for heap tracing. Swapped with {@link #depth} when threads take turns.
     */
    public Object[] frames;
    private dev.mica.heap.HeapAccount heapAccount = new dev.mica.heap.HeapAccount(
            dev.mica.interp.InterpreterConfig.DEFAULT_HEAP_SIZE, null);
    /** The exception an except block is handling, for sys.exc_info(); null outside one (as MicroPython, not nested). */
    public PyBaseException handledException;
    /**
     * Set when the running program needs attention between bytecodes: a keyboard interrupt or
     * scheduled callbacks. The interpreter loop reads only this flag on backward jumps and calls,
     * and calls {@link #checkInterrupt()} when it is set.
     */
    public volatile boolean interruptPending;
    private volatile boolean keyboardInterrupt;

    private final PyDict builtins = new PyDict();
    private final PyModule builtinsModule;
    private final PyDict modules = new PyDict();
    private final PyList path = new PyList();
    private final Supplier<Compiler> compiler;
    private final CompileOptions compileOptions;
    final OutputStream stdout;
    final OutputStream stderr;
    /** Standard input for sys.stdin: its reads let other threads run while they wait. */
    final InputStream stdin;
    private final InputStream rawStdin;
    private final PyObject buildClass;
    private final SysModule sys;

    public Runtime(Supplier<Compiler> compiler, CompileOptions options, InputStream stdin, OutputStream stdout,
            OutputStream stderr, java.util.List<String> argv, java.util.List<String> searchPath) {
        this.compiler = compiler;
        this.compileOptions = options;
        this.frames = mainThread.frames;
        this.rawStdin = stdin;
        this.stdin = new LockReleasingInputStream(this, stdin);
        this.stdout = new java.io.BufferedOutputStream(stdout, 8192);
        this.stderr = stderr;
        for (String p : searchPath) {
            path.append(PyStr.of(p));
        }
        builtinsModule = new PyModule("builtins", builtins);
        Builtins.install(this, builtins);
        buildClass = new PyBuiltinFunction("__build_class__", 2, PyBuiltinFunction.VARIADIC, true, this::buildClassImpl);
        builtins.putStr("__build_class__", buildClass);
        builtinImport = builtins.getStr("__import__");
        sys = new SysModule(this, argv);
        modules.putStr("sys", sys.module());
        modules.putStr("builtins", builtinsModule);
        builtinModules.installBuiltins(builtins);
    }

    // ---- heap ----

    /**
     * Gives the interpreter a heap of {@code heapSize} bytes; {@code collectors} supplies the
     * bound garbage collector, if any (none: accounting is unbounded).
     */
    public void configureHeap(long heapSize, Supplier<dev.mica.heap.GarbageCollector> collectors) {
        dev.mica.heap.HeapAccount account = new dev.mica.heap.HeapAccount(heapSize, collectors);
        account.setRoots(new InterpreterRoots(this));
        heapAccount = account;
    }

    /** The account this interpreter's allocations are charged to. */
    public dev.mica.heap.HeapAccount heapAccount() {
        return heapAccount;
    }

    /** Makes room in {@link #frames} for a frame at call depth {@code d}. */
    public Object[] growFrames(int d) {
        frames = java.util.Arrays.copyOf(frames, Math.max(d + 1, frames.length * 2));
        return frames;
    }

    /** The frames of the current thread and of every other thread of this interpreter. */
    void visitFrames(dev.mica.heap.HeapVisitor visitor) {
        for (Object f : frames) {
            visitor.visit(f);
        }
        PythonThread me = current;
        if (me != mainThread) {
            for (Object f : mainThread.frames) {
                visitor.visit(f);
            }
        }
        for (PythonThread t : threads) {
            if (t != me) {
                for (Object f : t.frames) {
                    visitor.visit(f);
                }
            }
        }
    }

    /** Callbacks queued by micropython.schedule. */
    void visitScheduled(dev.mica.heap.HeapVisitor visitor) {
        synchronized (scheduled) {
            for (PyObject[] item : scheduled) {
                visitor.visit(item[0]);
                visitor.visit(item[1]);
            }
        }
    }

    // ---- built-in modules (dev.mica.vm.modules.BuiltinModules makes them on first import) ----

    private final BuiltinModules builtinModules = new BuiltinModules(this);
    private CompileOptions currentCompileOptions;

    public BuiltinModules builtinModules() {
        return builtinModules;
    }

    public PyModule builtinsModule() {
        return builtinsModule;
    }

    /** Options for compiling from now on; micropython.opt_level reads and changes them. */
    public CompileOptions compileOptions() {
        return currentCompileOptions != null ? currentCompileOptions : compileOptions;
    }

    public void setCompileOptions(CompileOptions options) {
        currentCompileOptions = options;
    }

    private int verbose;

    /** The {@code -v} count: from 2 on, every compiled module's bytecode is listed on stdout. */
    public void setVerbose(int level) {
        verbose = level;
    }

    public int verbose() {
        return verbose;
    }

    /** Globals of the innermost running frame (for globals(), exec, eval). */
    public PyDict currentGlobals;
    /** The name namespace of the innermost running module or class body, null in functions. */
    public PyDict currentLocals;
    private PyDict mainGlobals;

    public PyDict currentGlobals() {
        if (currentGlobals != null) {
            return currentGlobals;
        }
        if (mainGlobals == null) {
            mainGlobals = new PyModule("__main__").globals();
        }
        return mainGlobals;
    }

    /** One line from stdin without its newline, or null at end of input. */
    public String readLine() {
        return withoutInterpreterLock(this::readLineBlocking);
    }

    private String readLineBlocking() {
        try {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = rawStdin.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw Py.error(PyBaseException.OS_ERROR, "I/O error: " + e.getMessage());
        }
    }

    public PyDict builtins() {
        return builtins;
    }

    public PyDict modules() {
        return modules;
    }

    /** Checked on every import, so without copying the entries. */
    private boolean searchPathIsEmpty() {
        PyObject current = sys().module().getAttr("path");
        return current == null || !current.isTrue();
    }

    /** The entries of sys.path as the program has it now (it may have assigned another sequence). */
    private PyObject[] searchPath() {
        PyObject current = sys().module().getAttr("path");
        return current == null ? new PyObject[0] : Ops.toArray(current);
    }

    public PyList path() {
        return path;
    }

    public SysModule sys() {
        return sys;
    }

    /** The class builder a class statement uses: builtins.__build_class__, which a program may replace. */
    public PyObject buildClass() {
        PyObject b = builtins.getStr("__build_class__");
        return b != null ? b : buildClass;
    }

    private final PyObject builtinImport;

    /** An import statement: through builtins.__import__ when a program replaced it, else directly. */
    public PyObject importStatement(String name, PyObject fromList, int level, PyDict globals) {
        PyObject imp = builtins.getStr("__import__");
        if (imp != null && imp != builtinImport) {
            return imp.call(new PyObject[] {PyStr.of(name), PyNone.NONE, PyNone.NONE, fromList, PyInt.of(level)}, null);
        }
        return importName(name, fromList, level, globals);
    }

    /** Asks the running program to stop with KeyboardInterrupt (from any thread); its main thread gets it. */
    public void requestInterrupt() {
        keyboardInterrupt = true;
        interruptPending = true;
    }

    /** Forgets a keyboard interrupt that came after the last run (scheduled callbacks stay queued). */
    public void clearInterrupt() {
        keyboardInterrupt = false;
        interruptPending = false;
        rearm();
    }

    /**
     * Handles what the flag announced, on the thread holding the interpreter lock: ends a
     * stopped thread, raises a pending KeyboardInterrupt in the main thread, hands the lock to a
     * thread that asked for it, else runs one scheduled callback (as MicroPython's scheduler
     * does).
     */
    public void checkInterrupt() {
        interruptPending = false;
        PythonThread me = current;
        if (me.stopRequested) {
            throw new ThreadStop();
        }
        if (keyboardInterrupt && me.isMain()) {
            keyboardInterrupt = false;
            rearm();
            throw new PyException(new PyBaseException(PyBaseException.KEYBOARD_INTERRUPT, Py.NO_ARGS));
        }
        runHardIrqs();
        if (gil.switchRequested) {
            gil.switchRequested = false;
            gil.handOver(me);
            if (me.stopRequested) {
                throw new ThreadStop();
            }
        }
        runScheduled(1);
    }

    // ---- threads and the interpreter lock ----

    private final InterpreterLock gil = new InterpreterLock(this);
    private final PythonThread mainThread = new PythonThread(1, true, null);
    /** The thread holding the interpreter lock (the main thread while there are no others). */
    private PythonThread current = mainThread;
    private final java.util.concurrent.atomic.AtomicLong lastIdent = new java.util.concurrent.atomic.AtomicLong(1);
    private final java.util.Set<PythonThread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public InterpreterLock interpreterLock() {
        return gil;
    }

    /** The thread running Python code now (the caller, as it holds the interpreter lock). */
    public PythonThread currentThread() {
        return current;
    }

    /** Called by the interpreter lock when {@code t} has taken it. */
    void enter(PythonThread t) {
        current = t;
        t.loadInto(this);
        if (needsAttention(t) || gil.switchRequested) {
            interruptPending = true;
        }
    }

    /** Called by the interpreter lock when {@code t} gives it up. */
    void leave(PythonThread t) {
        t.saveFrom(this);
    }

    /**
     * Starts running a program on the calling Java thread as the interpreter's main thread,
     * taking the interpreter lock when other threads run. Pairs with {@link #endRun()}.
     */
    public void beginRun() {
        resetCause = null;
        mainThread.runsOn(Thread.currentThread());
        mainThread.depth = 0;
        gil.acquire(mainThread);
        if (mainThread.stopRequested) {
            gil.release(mainThread);
            throw new ThreadStop();
        }
        runActive = true;
    }

    /** The program of the main thread ended: other threads may run on (as at MicroPython's REPL). */
    public void endRun() {
        runActive = false;
        if (current == mainThread && gil.isHeldByCurrentThread()) {
            gil.release(mainThread);
        }
    }

    /**
     * Starts a thread that runs {@code body} holding the interpreter lock, beginning with the
     * given globals and locals (those of the starting code, as MicroPython passes them). Called
     * by the thread holding the lock. OSError when the JVM cannot make another thread.
     */
    public PythonThread startThread(PyDict globals, PyDict locals, long stackBytes, Runnable body) {
        if (closing) {
            throw Py.osError(dev.mica.obj.Errno.EAGAIN);
        }
        gil.enable();
        PythonThread t = new PythonThread(lastIdent.incrementAndGet(), false, null);
        t.currentGlobals = globals;
        t.currentLocals = locals;
        Thread java = new dev.mica.heap.HeapThread(heapAccount, () -> runThread(t, body), "mica-thread-" + t.ident(), stackBytes);
        java.setDaemon(true);
        t.runsOn(java);
        threads.add(t);
        try {
            java.start();
        } catch (OutOfMemoryError | IllegalThreadStateException e) {
            threads.remove(t);
            throw Py.osError(dev.mica.obj.Errno.EAGAIN);
        }
        return t;
    }

    private void runThread(PythonThread t, Runnable body) {
        gil.acquire(t);
        try {
            if (!t.stopRequested) {
                body.run();
            }
        } catch (ThreadStop e) {
            // the interpreter is closing: the thread just ends
        } finally {
            threads.remove(t);
            gil.release(t);
        }
    }

    /** The threads started by the program that still run. */
    public java.util.Collection<PythonThread> threads() {
        return java.util.Collections.unmodifiableSet(threads);
    }

    /**
     * Ends every thread of the interpreter, the main thread's program included, at their next
     * look at interrupts or wake-up from a wait, and waits up to {@code graceMillis} for the
     * started threads to be gone. Called when the interpreter closes, from any thread.
     */
    public void stopAllThreads(long graceMillis) {
        closing = true;
        mainThread.stopRequested = true;
        for (PythonThread t : threads) {
            t.stopRequested = true;
        }
        interruptPending = true;
        for (PythonThread t : threads) {
            Thread java = t.javaThread();
            if (java != null) {
                java.interrupt();
            }
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (PythonThread t : threads) {
            Thread java = t.javaThread();
            long left = deadline - System.nanoTime();
            if (java == null || java == Thread.currentThread() || left <= 0) {
                continue;
            }
            try {
                java.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Why the running program was reset from outside (a watchdog), or null. */
    private volatile String resetCause;
    /** Whether the main thread runs a program now (between beginRun and endRun). */
    private volatile boolean runActive;

    /**
     * Ends the running program and its threads as a board's reset would (see
     * {@code ModuleEnvironment.resetProgram}): each stops at its next look at interrupts or
     * wake-up from a wait. Unlike {@link #stopAllThreads} the interpreter stays usable: the
     * next run starts afresh.
     */
    public void requestReset(String cause) {
        java.util.Objects.requireNonNull(cause);
        if (!runActive) {
            return; // nothing runs: nothing to reset
        }
        resetCause = cause;
        mainThread.stopRequested = true;
        for (PythonThread t : threads) {
            t.stopRequested = true;
        }
        interruptPending = true;
    }

    /**
     * Why the program was reset, or null; after a reset, takes back the main thread's stop so
     * that the interpreter can run again (the cause stays until the next run begins).
     */
    public String takeReset() {
        String cause = resetCause;
        if (cause != null && !closing) {
            mainThread.stopRequested = false;
        }
        return cause;
    }

    /** Why the last run was reset (see {@link #requestReset}), or null. */
    public String resetCause() {
        return resetCause;
    }

    /**
     * Whether {@code t} must come back to Python to handle something: its end, a keyboard
     * interrupt (main thread) or scheduled callbacks. Safe to ask without the interpreter lock.
     */
    public boolean needsAttention(PythonThread t) {
        if (t.stopRequested || (keyboardInterrupt && t.isMain())) {
            return true;
        }
        synchronized (hardIrqs) {
            if (!hardIrqs.isEmpty()) {
                return true;
            }
        }
        synchronized (scheduled) {
            return !scheduled.isEmpty();
        }
    }

    /**
     * Runs a blocking operation (a wait, I/O) with the interpreter lock released, so that other
     * threads run meanwhile; takes the lock back before returning. A thread stopped meanwhile
     * ends here. The operation must not touch Python objects.
     */
    public <T> T withoutInterpreterLock(java.util.function.Supplier<T> operation) {
        if (!gil.isEnabled() || !gil.isHeldByCurrentThread()) {
            // no other threads, or called from outside the program (nothing to give up)
            return operation.get();
        }
        PythonThread me = current;
        gil.release(me);
        try {
            return operation.get();
        } finally {
            gil.acquire(me, true);
            if (me.stopRequested) {
                throw new ThreadStop();
            }
        }
    }

    /** Lets other threads run now, if any wait for the interpreter lock. */
    public void yieldInterpreterLock() {
        if (gil.isEnabled() && gil.hasWaiters() && gil.isHeldByCurrentThread()) {
            PythonThread me = current;
            gil.handOver(me);
            if (me.stopRequested) {
                throw new ThreadStop();
            }
        }
    }

    // ---- micropython.schedule ----

    /** How many callbacks may wait at once (MicroPython's default scheduler depth). */
    public static final int SCHEDULER_DEPTH = 4;
    private final java.util.ArrayDeque<PyObject[]> scheduled = new java.util.ArrayDeque<>(SCHEDULER_DEPTH);
    /** True while a scheduled callback runs: callbacks never nest. */
    private boolean schedulerLocked;

    /**
     * Queues {@code function(argument)} to run between bytecodes on the interpreter's thread;
     * callable from any thread. RuntimeError when the queue is full.
     */
    public void schedule(PyObject function, PyObject argument) {
        synchronized (scheduled) {
            if (scheduled.size() >= SCHEDULER_DEPTH) {
                throw Py.runtimeError("schedule queue full");
            }
            scheduled.addLast(new PyObject[] {function, argument});
        }
        interruptPending = true;
        wakeWaiters();
    }

    /** How many hard interrupt handlers may wait at once. */
    public static final int HARD_IRQ_DEPTH = 8;
    private final java.util.ArrayDeque<PyObject[]> hardIrqs = new java.util.ArrayDeque<>(HARD_IRQ_DEPTH);
    /** True while a hard handler runs: hard handlers do not nest. */
    private boolean inHardIrq;

    /**
     * Queues a hard interrupt handler, from any thread: it runs at the running program's next
     * look at interrupts (a backward jump, a call, a wake-up from a wait), ahead of
     * micropython.schedule's queue and even inside a scheduled callback, as a hard interrupt
     * preempts soft ones on a board. False when too many wait (the event is lost).
     */
    public boolean scheduleHard(PyObject function, PyObject argument) {
        synchronized (hardIrqs) {
            if (hardIrqs.size() >= HARD_IRQ_DEPTH) {
                return false;
            }
            hardIrqs.addLast(new PyObject[] {function, argument});
        }
        interruptPending = true;
        wakeWaiters();
        return true;
    }

    /** Runs the queued hard handlers; an exception from one is printed, as from a scheduled callback. */
    private void runHardIrqs() {
        if (inHardIrq) {
            return;
        }
        while (true) {
            PyObject[] item;
            synchronized (hardIrqs) {
                item = hardIrqs.pollFirst();
            }
            if (item == null) {
                return;
            }
            inHardIrq = true;
            try {
                item[0].call(new PyObject[] {item[1]}, null);
            } catch (PyException e) {
                writeOut(formatException(e.value()));
            } finally {
                inHardIrq = false;
            }
        }
    }

    /**
     * Wakes the program's threads that sleep or wait for a device, so that an interrupt handler
     * queued meanwhile runs now rather than at the wait's next poll (a spurious wake-up for a
     * thread parked elsewhere, which every park allows for).
     */
    private void wakeWaiters() {
        Thread main = mainThread.javaThread();
        if (main != null) {
            java.util.concurrent.locks.LockSupport.unpark(main);
        }
        for (PythonThread t : threads) {
            Thread other = t.javaThread();
            if (other != null) {
                java.util.concurrent.locks.LockSupport.unpark(other);
            }
        }
    }

    /**
     * Runs up to {@code limit} queued callbacks now (unless a callback is already running). An
     * exception from a callback is printed, not raised, as MicroPython does.
     */
    public void runScheduled(int limit) {
        if (schedulerLocked || inHardIrq) {
            return;
        }
        for (int i = 0; i < limit; i++) {
            PyObject[] item;
            synchronized (scheduled) {
                item = scheduled.pollFirst();
            }
            if (item == null) {
                break;
            }
            schedulerLocked = true;
            try {
                item[0].call(new PyObject[] {item[1]}, null);
            } catch (PyException e) {
                writeOut(formatException(e.value()));
            } finally {
                schedulerLocked = false;
            }
        }
        rearm();
    }

    /** Sets the flag again while something is still waiting for the current thread. */
    private void rearm() {
        if (needsAttention(current)) {
            interruptPending = true;
        }
    }

    // ---- output ----

    /** Output is pushed out at least this often while a program keeps printing. */
    private static final long FLUSH_INTERVAL_NANOS = 50_000_000L;
    private long lastFlush = System.nanoTime();

    /** Writes to sys.stdout: to the (buffered) stream unless a program replaced sys.stdout. */
    public void writeOut(String s) {
        PyObject out = sys.module().globals().getStr("stdout");
        if (out == null || sys.isStandardStdout(out)) {
            writeStdout(s.getBytes(StandardCharsets.UTF_8));
        } else {
            dev.mica.obj.Ops.getAttr(out, "write").call(new PyObject[] {PyStr.of(s)}, null);
        }
    }

    /**
     * Bytes for the standard output stream, flushed at each line end (as a terminal or an app's
     * log reader expects to see a finished line at once), at the end of a run and before input.
     */
    void writeStdout(byte[] data) {
        try {
            stdout.write(data);
            long now = System.nanoTime();
            if ((data.length > 0 && data[data.length - 1] == '\n') || now - lastFlush > FLUSH_INTERVAL_NANOS) {
                stdout.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            throw Py.error(PyBaseException.OS_ERROR, "I/O error: " + e.getMessage());
        }
    }

    /** Writes to stderr after pushing out pending stdout, so the two keep their order. */
    public void writeErr(String s) {
        flush();
        write(stderr, s);
        flush();
    }

    static void write(OutputStream out, String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw Py.error(PyBaseException.OS_ERROR, "I/O error: " + e.getMessage());
        }
    }

    public void flush() {
        lastFlush = System.nanoTime();
        try {
            stdout.flush();
            stderr.flush();
        } catch (IOException | PyException e) {
            // nothing more can be reported when the streams themselves fail
        }
    }

    // ---- compiling and running ----

    public Compiler compiler() {
        return compiler.get();
    }

    private java.util.function.Supplier<dev.mica.emit.NativeEmitter> emitter = () -> null;

    /**
     * Tiering: a function run as bytecode is compiled by the native emitter once its calls and
     * backward jumps reach this count, and entered compiled from its next call; 0 turns it off.
     * Set from {@code InterpreterConfig.tierThreshold}.
     */
    public int tierThreshold;

    /** The emitter after a wait for one, for code that cannot run without (viper); none by default. */
    private java.util.function.Supplier<dev.mica.emit.NativeEmitter> awaitedEmitter = () -> emitter.get();

    /**
     * Functions that hold JVM code of an emitter, so that it can be dropped when the emitter
     * goes; weakly, as the functions of a program come and go.
     */
    private final java.util.Set<CodeInfo> nativeCode =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /** Where the native emitter comes from (the factory's bound one); none by default. */
    public void useEmitter(java.util.function.Supplier<dev.mica.emit.NativeEmitter> source) {
        emitter = source;
        awaitedEmitter = source;
    }

    /**
     * Where the native emitter comes from, and how to wait for one when none is bound (the
     * factory waits while an emitter update is likely under way).
     */
    public void useEmitter(java.util.function.Supplier<dev.mica.emit.NativeEmitter> source,
            java.util.function.Supplier<dev.mica.emit.NativeEmitter> awaited) {
        emitter = source;
        awaitedEmitter = awaited;
    }

    /** The native emitter bound now, or null. */
    public dev.mica.emit.NativeEmitter emitter() {
        return emitter.get();
    }

    /** The native emitter, waiting for one if the factory expects one soon; null if none came. */
    public dev.mica.emit.NativeEmitter awaitEmitter() {
        return awaitedEmitter.get();
    }

    /** Notes a function that now holds JVM code of an emitter (see {@link #dropNativeCode}). */
    public void rememberNativeCode(CodeInfo code) {
        synchronized (nativeCode) {
            nativeCode.add(code);
        }
    }

    /**
     * Drops the JVM code that {@code owner} made for this interpreter's functions: the emitter
     * was unbound, and nothing may keep its bundle's classes reachable. Called from the
     * thread that unbinds it; a function being run keeps its body until its call returns.
     */
    public void dropNativeCode(dev.mica.emit.NativeEmitter owner) {
        synchronized (nativeCode) {
            for (CodeInfo code : nativeCode) {
                code.dropNativeCode(owner);
            }
        }
    }

    /** Compiles source, raising SyntaxError (or RuntimeError without a compiler) as a Python exception. */
    public CompiledModule compile(String source, String file, InputKind kind) {
        Compiler c = compiler.get();
        if (c == null) {
            throw Py.runtimeError("no compiler available");
        }
        try {
            CompiledModule module;
            try {
                module = c.compile(source, file, kind, compileOptions());
            } catch (LinkageError e) {
                // the compiler's bundle was updated during the compilation: its successor compiles
                Compiler successor = compiler.get();
                if (successor == null || successor == c) {
                    throw Py.runtimeError("no compiler available");
                }
                module = successor.compile(source, file, kind, compileOptions());
            }
            if (verbose >= 2) {
                writeOut(dev.mica.vm.bytecode.BytecodeListing.of(module));
            }
            return module;
        } catch (CompileError e) {
            PyType t = switch (e.pythonType()) {
                case "IndentationError" -> PyBaseException.INDENTATION_ERROR;
                case "RuntimeError" -> PyBaseException.RUNTIME_ERROR;
                case "ViperTypeError" -> PyBaseException.VIPER_TYPE_ERROR;
                case "NotImplementedError" -> PyBaseException.NOT_IMPLEMENTED_ERROR;
                default -> PyBaseException.SYNTAX_ERROR;
            };
            PyBaseException exc = PyBaseException.withMessage(t, e.getMessage());
            exc.addTraceback(e.sourceFile(), e.line(), e.scopeName());
            throw new PyException(exc);
        }
    }

    /** Names of the code this interpreter has run (its qstrs, for micropython.qstr_info), up to a bound. */
    private final java.util.Set<String> qstrsSeen = new java.util.LinkedHashSet<>();
    private static final int QSTRS_KEPT = 4096;

    public java.util.Set<String> qstrsSeen() {
        return java.util.Collections.unmodifiableSet(qstrsSeen);
    }

    public PyObject run(CompiledModule module, PyDict globals, PyDict locals) {
        return run(module, globals, locals, false);
    }

    /**
     * Runs a module; {@code fromMpyFile} tells that its bytecode came from a {@code .mpy} file,
     * not from this runtime's compiler (see {@link ModuleContext#fromMpyFile()}).
     */
    public PyObject run(CompiledModule module, PyDict globals, PyDict locals, boolean fromMpyFile) {
        if (qstrsSeen.size() < QSTRS_KEPT) {
            qstrsSeen.add(module.sourceFile());
            qstrsSeen.addAll(module.qstrs());
        }
        CodeInfo code = new CodeInfo(module.root(), new ModuleContext(module, fromMpyFile));
        dev.mica.vm.bytecode.NativeSupport.prepare(code, this);
        return VirtualMachine.runModuleCode(code, this, globals, locals);
    }

    // ---- Java failures ----

    /** The first Java failure of this runtime that became a Python exception (see {@link #noteJavaFailure}). */
    private volatile Throwable javaFailure;

    /**
     * Remembers a Java failure (a VM bug, or an allocation the JVM could not make) that the VM
     * turned into a Python {@code RuntimeError} or {@code MemoryError}: the exception the
     * program sees keeps only its text. The fuzz test of the {@code .mpy} loader checks it.
     */
    public void noteJavaFailure(Throwable failure) {
        if (javaFailure == null) {
            javaFailure = failure;
        }
    }

    /** The first Java failure {@link #noteJavaFailure} was given, or null. */
    public Throwable javaFailure() {
        return javaFailure;
    }

    // ---- classes ----

    private PyObject buildClassImpl(PyObject[] args, String[] kwNames) {
        int nPos = Py.positional(args, kwNames);
        PyFunction body = (PyFunction) args[0];
        String name = args[1].str();
        PyType[] bases = new PyType[nPos - 2];
        for (int i = 2; i < nPos; i++) {
            if (!(args[i] instanceof PyType t)) {
                throw Py.typeError("type is not an acceptable base type");
            }
            bases[i - 2] = t;
        }
        PyDict ns = new PyDict();
        ns.putStr("__module__", body.globals().getStr("__name__") != null ? body.globals().getStr("__name__") : PyNone.NONE);
        ns.putStr("__qualname__", PyStr.of(name));
        PyObject cell = body.callWithLocals(ns);
        java.util.LinkedHashMap<String, PyObject> attrs = new java.util.LinkedHashMap<>();
        for (Map.Entry<PyObject, PyObject> e : ns.map().entrySet()) {
            attrs.put(((PyStr) e.getKey()).value().intern(), e.getValue());
        }
        PyType cls;
        PyObject meta = Py.keyword(args, kwNames, "metaclass");
        if (meta != null && meta != PyType.TYPE) {
            PyDict d = new PyDict();
            d.map().putAll(ns.map());
            return meta.call(new PyObject[] {PyStr.of(name), new PyTuple(bases), d}, null);
        }
        cls = PyType.userClass(name, bases, attrs);
        if (cell instanceof PyCell c) {
            c.value = cls;
        }
        return cls;
    }

    // ---- imports ----

    /** An import by code with these globals: the program's own imports obey the configured allow-list. */
    public PyObject importName(String name, PyObject fromList, int level, PyDict globals) {
        boolean restricted = builtinModules.restrictsImports() && !builtinModules.isRuntimeModule(globals);
        return importName(name, fromList, level, globals, restricted);
    }

    /** An import the runtime makes for itself (a module's implementation needs another module). */
    public PyObject importForRuntime(String name) {
        // a non-empty from-list makes the import give the named (innermost) module
        return importName(name, new PyTuple(PyStr.of("*")), 0, new PyDict(), false);
    }

    private PyObject importName(String name, PyObject fromList, int level, PyDict globals, boolean restricted) {
        String full = name;
        if (level > 0) {
            PyObject pkgName = globals.getStr("__name__");
            String pkg = pkgName == null ? "" : pkgName.str();
            boolean isPackage = globals.getStr("__path__") != null;
            String[] parts = pkg.split("\\.");
            int keep = parts.length - (isPackage ? level - 1 : level);
            if (keep < 0 || pkg.isEmpty() || (keep == 0 && !isPackage)) {
                throw Py.error(PyBaseException.IMPORT_ERROR, "can't perform relative import");
            }
            String base = String.join(".", java.util.Arrays.copyOf(parts, keep));
            full = name.isEmpty() ? base : base + "." + name;
        }
        String[] parts = full.split("\\.");
        PyObject top = null;
        PyObject current = null;
        String prefix = "";
        for (String part : parts) {
            String modName = prefix.isEmpty() ? part : prefix + "." + part;
            current = importOne(modName, part, current, restricted);
            if (top == null) {
                top = current;
            }
            prefix = modName;
        }
        boolean hasFrom = fromList != null && fromList != PyNone.NONE && fromList.isTrue();
        return hasFrom ? current : top;
    }

    /** Modules whose code runs now, with the thread running it (kept under the interpreter lock). */
    private final Map<String, PythonThread> importing = new java.util.HashMap<>();

    private PyObject importOne(String fullName, String part, PyObject parent, boolean restricted) {
        // a runtime module the configuration does not allow is, to the program, not there
        boolean barred = parent == null && restricted && !builtinModules.allowsImportOf(fullName);
        // an empty sys.path asks for the built-in, even over a module loaded from a file
        PyObject existing = searchPathIsEmpty() ? null : modules.getStr(fullName);
        if (existing != null && !importing.isEmpty()) {
            existing = awaitImport(fullName);
        }
        if (existing != null && barred && !isProgramModule(existing)) {
            existing = null; // loaded for the runtime's own use, not from the program's files
        }
        if (existing != null) {
            return existing;
        }
        if (parent == null && !barred) {
            PyModule builtin = builtinModules.find(fullName, this::isOnPath);
            if (builtin != null) {
                return builtin;
            }
        }
        ImportFiles.Found found;
        try {
            found = locate(part, parent, fullName);
        } catch (PyException missing) {
            if (parent != null || barred || !withoutInterpreterLock(builtinModules::awaitArrivingModules)) {
                throw missing;
            }
            // a bundle with modules has just started: look again, among its modules too
            PyModule builtin = builtinModules.find(fullName, this::isOnPath);
            if (builtin != null) {
                return builtin;
            }
            found = locate(part, parent, fullName);
        }
        if (barred && found.frozen() != null) {
            throw noModule(fullName); // frozen modules are the runtime's too
        }
        PyModule m = new PyModule(fullName);
        if (found.frozen() != null) {
            builtinModules.noteRuntimeModule(m);
        }
        ImportFiles.Found file = found;
        if (found.directory()) {
            m.globals().putStr("__path__", PyStr.of(found.shown()));
            file = importFiles().packageInit(found.path(), "__init__");
        }
        modules.putStr(fullName, m);
        importing.put(fullName, current);
        try {
            if (file != null) {
                execFile(m, file);
            }
        } catch (PyException e) {
            modules.map().remove(PyStr.name(fullName));
            throw e;
        } finally {
            importing.remove(fullName);
        }
        bindInParent(parent, part, m);
        return m;
    }

    /** A module made from the program's own files (not one the runtime made or froze). */
    private boolean isProgramModule(PyObject module) {
        return module instanceof PyModule m && m.globals().getStr("__file__") != null
                && !builtinModules.isRuntimeModule(m.globals());
    }

    /**
     * Waits while another thread runs the code of the module being imported, so that a thread
     * never sees a half-made module of another (its own circular imports still do, as in
     * MicroPython). Gives the module as it then is in sys.modules (none if its import failed).
     */
    private PyObject awaitImport(String fullName) {
        PythonThread owner;
        while ((owner = importing.get(fullName)) != null && owner != current) {
            withoutInterpreterLock(() -> {
                java.util.concurrent.locks.LockSupport.parkNanos(IMPORT_POLL_NANOS);
                return null;
            });
            if (interruptPending) {
                checkInterrupt();
            }
        }
        return modules.getStr(fullName);
    }

    private static final long IMPORT_POLL_NANOS = 1_000_000L;

    private ImportFiles importFiles() {
        return new ImportFiles(builtinModules);
    }

    /** The package folder, {@code .py} or {@code .mpy} file of a module, searched along sys.path or the parent's __path__. */
    private ImportFiles.Found locate(String part, PyObject parent, String fullName) {
        java.util.List<String> dirs = new java.util.ArrayList<>();
        if (parent != null) {
            PyObject p = parent.getAttr("__path__");
            if (p == null) {
                throw noModule(fullName);
            }
            dirs.add(p.str());
        } else {
            for (PyObject entry : searchPath()) {
                dirs.add(entry.str());
            }
        }
        ImportFiles files = importFiles();
        for (String dir : dirs) {
            ImportFiles.Found found = files.module(dir, part);
            if (found != null) {
                return found;
            }
        }
        throw noModule(fullName);
    }

    private boolean isOnPath(String name) {
        try {
            locate(name, null, name);
            return true;
        } catch (PyException e) {
            return false;
        }
    }

    /** Runs a module found along sys.path as {@code __main__} (its parent packages are imported normally). */
    public void runAsMain(String moduleName, PyModule main) {
        int dot = moduleName.lastIndexOf('.');
        PyObject parent = null;
        if (dot > 0) {
            parent = importName(moduleName.substring(0, dot), new PyTuple(PyStr.of("*")), 0, main.globals());
        }
        String part = moduleName.substring(dot + 1);
        ImportFiles.Found found = locate(part, parent, moduleName);
        if (found.directory()) {
            // a package runs its __init__ as an import first, then its __main__
            importName(moduleName, new PyTuple(PyStr.of("*")), 0, main.globals());
            found = importFiles().packageInit(found.path(), "__main__");
            if (found == null) {
                throw noModule(moduleName + ".__main__");
            }
        }
        execFile(main, found);
    }

    private static void bindInParent(PyObject parent, String part, PyModule m) {
        if (parent != null) {
            parent.setAttr(part.intern(), m);
        }
    }

    private static PyException noModule(String name) {
        return Py.error(PyBaseException.IMPORT_ERROR, "no module named '" + name + "'");
    }

    private void execFile(PyModule m, ImportFiles.Found file) {
        m.globals().putStr("__file__", PyStr.of(file.shown()));
        byte[] data = importFiles().read(file);
        boolean mpy = file.compiled();
        run(decode(data, mpy, file.shown()), m.globals(), m.globals(), mpy);
    }

    /** Loads and runs a .py or .mpy file in a module's namespace. */
    public void execFile(PyModule m, Path file) {
        String shown = file.toString();
        if (shown.startsWith("./")) {
            shown = shown.substring(2);
        }
        m.globals().putStr("__file__", PyStr.of(shown));
        CompiledModule cm = load(file, shown);
        run(cm, m.globals(), m.globals(), file.toString().endsWith(".mpy"));
    }

    private CompiledModule decode(byte[] data, boolean mpy, String shownName) {
        if (mpy) {
            try {
                return MpyReader.read(data);
            } catch (MpyReader.FormatException e) {
                throw Py.valueError(e.getMessage());
            }
        }
        return compileImported(new String(data, StandardCharsets.UTF_8), shownName);
    }

    /**
     * Compiles the source of a module being imported. Without a compiler (its bundle stopped
     * or being updated) that is MicroPython's ImportError of a build without one; precompiled
     * modules still load.
     */
    public CompiledModule compileImported(String source, String file) {
        if (compiler.get() == null) {
            throw Py.error(PyBaseException.IMPORT_ERROR, "script compilation not supported");
        }
        return compile(source, file, InputKind.FILE);
    }

    public CompiledModule load(Path file, String shownName) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw Py.error(PyBaseException.OS_ERROR, "[Errno 2] ENOENT");
        }
        if (file.toString().endsWith(".mpy")) {
            try {
                return MpyReader.read(data);
            } catch (MpyReader.FormatException e) {
                throw Py.valueError(e.getMessage());
            }
        }
        return compile(new String(data, StandardCharsets.UTF_8), shownName, InputKind.FILE);
    }

    public PyObject importFrom(PyObject module, String name) {
        PyObject v = module.getAttr(name);
        if (v != null) {
            return v;
        }
        PyObject modName = module.getAttr("__name__");
        if (module.getAttr("__path__") != null && modName != null) {
            try {
                return importName(modName.str() + "." + name, new PyTuple(PyStr.name(name)), 0, new PyDict());
            } catch (PyException e) {
                if (!e.matches(PyBaseException.IMPORT_ERROR)) {
                    throw e;
                }
            }
        }
        throw Py.error(PyBaseException.IMPORT_ERROR, "can't import name " + name);
    }

    public void importStar(PyObject module, PyDict target) {
        if (!(module instanceof PyModule m)) {
            throw Py.typeError("import * from non-module");
        }
        for (Map.Entry<PyObject, PyObject> e : m.globals().map().entrySet()) {
            if (!((PyStr) e.getKey()).value().startsWith("_")) {
                target.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Prints an exception with its traceback, as MicroPython's print_exception. */
    public String formatException(PyBaseException e) {
        StringBuilder sb = new StringBuilder();
        // sys.tracebacklimit, when set, keeps that many entries from the outermost call (none when <= 0)
        PyObject limitObj = sys.module().globals().getStr("tracebacklimit");
        long limit = limitObj == null ? Long.MAX_VALUE : dev.mica.obj.Ops.indexValue(limitObj, "int");
        if (!e.traceback().isEmpty() && limit > 0) {
            sb.append("Traceback (most recent call last):\n");
            int last = (int) Math.max(-1, e.traceback().size() - 1 - limit);
            for (int i = e.traceback().size() - 1; i > last; i--) {
                PyBaseException.TracebackEntry t = e.traceback().get(i);
                sb.append("  File \"").append(t.file()).append("\", line ").append(t.line());
                if (t.block() != null) {
                    sb.append(", in ").append(t.block());
                }
                sb.append('\n');
            }
        }
        sb.append(e.type().name()).append(": ").append(e.argsText()).append('\n');
        return sb.toString();
    }
}
