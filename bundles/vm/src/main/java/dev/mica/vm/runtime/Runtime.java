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
 * The state of one interpreter: modules, built-ins, streams, the compiler in use, recursion
 * depth and the interrupt flag.
 */
public final class Runtime {
    public int depth;
    public int maxDepth = 2000;
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
    final InputStream stdin;
    private final PyObject buildClass;
    private final SysModule sys;

    public Runtime(Supplier<Compiler> compiler, CompileOptions options, InputStream stdin, OutputStream stdout,
            OutputStream stderr, java.util.List<String> argv, java.util.List<String> searchPath) {
        this.compiler = compiler;
        this.compileOptions = options;
        this.stdin = stdin;
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
        try {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = stdin.read()) >= 0 && b != '\n') {
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

    /** Asks the running program to stop with KeyboardInterrupt (from any thread). */
    public void requestInterrupt() {
        keyboardInterrupt = true;
        interruptPending = true;
    }

    /** Forgets a keyboard interrupt that came after the last run (scheduled callbacks stay queued). */
    public void clearInterrupt() {
        keyboardInterrupt = false;
        interruptPending = false;
        rearmIfScheduled();
    }

    /**
     * Handles what the flag announced, on the interpreter's thread: raises a pending
     * KeyboardInterrupt, else runs one scheduled callback (as MicroPython's scheduler does).
     */
    public void checkInterrupt() {
        interruptPending = false;
        if (keyboardInterrupt) {
            keyboardInterrupt = false;
            rearmIfScheduled();
            throw new PyException(new PyBaseException(PyBaseException.KEYBOARD_INTERRUPT, Py.NO_ARGS));
        }
        runScheduled(1);
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
    }

    /**
     * Runs up to {@code limit} queued callbacks now (unless a callback is already running). An
     * exception from a callback is printed, not raised, as MicroPython does.
     */
    public void runScheduled(int limit) {
        if (schedulerLocked) {
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
        rearmIfScheduled();
    }

    private void rearmIfScheduled() {
        synchronized (scheduled) {
            if (!scheduled.isEmpty()) {
                interruptPending = true;
            }
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
        } catch (IOException e) {
            // nothing more can be reported when the streams themselves fail
        }
    }

    // ---- compiling and running ----

    public Compiler compiler() {
        return compiler.get();
    }

    /** Compiles source, raising SyntaxError (or RuntimeError without a compiler) as a Python exception. */
    public CompiledModule compile(String source, String file, InputKind kind) {
        Compiler c = compiler.get();
        if (c == null) {
            throw Py.runtimeError("no compiler available");
        }
        try {
            return c.compile(source, file, kind, compileOptions());
        } catch (CompileError e) {
            PyType t = "IndentationError".equals(e.pythonType()) ? PyBaseException.INDENTATION_ERROR : PyBaseException.SYNTAX_ERROR;
            PyBaseException exc = PyBaseException.withMessage(t, e.getMessage());
            exc.addTraceback(e.sourceFile(), e.line(), e.scopeName());
            throw new PyException(exc);
        }
    }

    public PyObject run(CompiledModule module, PyDict globals, PyDict locals) {
        CodeInfo code = new CodeInfo(module.root(), new ModuleContext(module));
        return VirtualMachine.runModuleCode(code, this, globals, locals);
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

    public PyObject importName(String name, PyObject fromList, int level, PyDict globals) {
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
            current = importOne(modName, part, current);
            if (top == null) {
                top = current;
            }
            prefix = modName;
        }
        boolean hasFrom = fromList != null && fromList != PyNone.NONE && fromList.isTrue();
        return hasFrom ? current : top;
    }

    private PyObject importOne(String fullName, String part, PyObject parent) {
        PyObject existing = modules.getStr(fullName);
        if (existing != null) {
            return existing;
        }
        if (parent == null) {
            PyModule builtin = builtinModules.find(fullName, this::isOnPath);
            if (builtin != null) {
                return builtin;
            }
        }
        ImportFiles.Found found = locate(part, parent, fullName);
        PyModule m = new PyModule(fullName);
        ImportFiles.Found file = found;
        if (found.directory()) {
            m.globals().putStr("__path__", PyStr.of(found.shown()));
            file = importFiles().packageInit(found.path(), "__init__");
        }
        modules.putStr(fullName, m);
        try {
            if (file != null) {
                execFile(m, file);
            }
        } catch (PyException e) {
            modules.map().remove(PyStr.name(fullName));
            throw e;
        }
        bindInParent(parent, part, m);
        return m;
    }

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
            for (int i = 0; i < path.size(); i++) {
                dirs.add(path.get(i).str());
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
        run(decode(data, file.path().endsWith(".mpy"), file.shown()), m.globals(), m.globals());
    }

    /** Loads and runs a .py or .mpy file in a module's namespace. */
    public void execFile(PyModule m, Path file) {
        String shown = file.toString();
        if (shown.startsWith("./")) {
            shown = shown.substring(2);
        }
        m.globals().putStr("__file__", PyStr.of(shown));
        CompiledModule cm = load(file, shown);
        run(cm, m.globals(), m.globals());
    }

    private CompiledModule decode(byte[] data, boolean mpy, String shownName) {
        if (mpy) {
            try {
                return MpyReader.read(data);
            } catch (MpyReader.FormatException e) {
                throw Py.valueError(e.getMessage());
            }
        }
        return compile(new String(data, StandardCharsets.UTF_8), shownName, InputKind.FILE);
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
