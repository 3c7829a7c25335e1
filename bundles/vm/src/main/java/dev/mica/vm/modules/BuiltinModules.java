package dev.mica.vm.modules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.mica.interp.InterpreterConfig;
import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyModule;
import dev.mica.vm.runtime.Runtime;

/**
 * The built-in modules of one interpreter: names mapped to factories, each module made on its
 * first import and kept for the interpreter's life (nothing is built at start-up).
 *
 * <p>As in MicroPython, a built-in is either fixed ({@code micropython}, {@code gc}, {@code sys}:
 * found before the file system, so a {@code gc.py} cannot hide it) or extensible
 * ({@code collections}, {@code io}, {@code errno}: a file of that name on {@code sys.path} wins).
 * {@code uNAME} names an extensible built-in directly, skipping the file system; {@code usys}
 * is the one fixed module with such an alias.
 *
 * <p>Besides the modules of this bundle, other bundles offer modules as
 * {@link ModuleProvider}s; the interpreter's {@link ModuleProviders} says which are there now.
 */
public final class BuiltinModules {
    /** How a module is found relative to the file system. */
    public enum Kind {
        FIXED, EXTENSIBLE
    }

    private record Entry(Kind kind, Function<BuiltinModules, PyModule> factory) {}

    /** Every built-in module by name, in the order help('modules') lists them before sorting. */
    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        register("builtins", Kind.FIXED, m -> m.runtime.builtinsModule());
        register("sys", Kind.FIXED, m -> m.runtime.sys().module());
        register("micropython", Kind.FIXED, m -> dev.mica.vm.runtime.MicropythonModule.create(m.runtime));
        register("gc", Kind.FIXED, GcModule::create);
        register("collections", Kind.EXTENSIBLE, m -> CollectionsModule.create());
        register("errno", Kind.EXTENSIBLE, m -> ErrnoModule.create());
        register("io", Kind.EXTENSIBLE, IoModule::create);
        register("array", Kind.EXTENSIBLE, m -> ArrayModule.create());
        register("struct", Kind.EXTENSIBLE, m -> StructModule.create());
        register("_thread", Kind.FIXED, ThreadModule::create);
    }

    /** Adds a built-in module; other modules of this bundle register here as they are written. */
    static synchronized void register(String name, Kind kind, Function<BuiltinModules, PyModule> factory) {
        TABLE.put(name, new Entry(kind, factory));
    }

    private final Runtime runtime;
    private final Map<String, PyModule> made = new HashMap<>();
    /**
     * The provider that made each module of another bundle: when that provider goes away (its
     * bundle stopped or updated), a new import no longer finds the module, or gets a fresh one
     * from its successor. Objects the program already holds keep working (see docs/architecture.md).
     */
    private final Map<String, ModuleProvider> madeBy = new HashMap<>();
    /** Modules whose Python code is running now, so that an import of itself finds it. */
    private final Map<String, PyModule> loading = new HashMap<>();
    private ModuleProviders providers = ModuleProviders.NONE;
    private dev.mica.vm.frozen.FrozenModules frozenModules = new dev.mica.vm.frozen.FrozenModules();
    private final InterpreterModuleEnvironment environment = new InterpreterModuleEnvironment(this);
    private Path storageRoot;
    private StorageFiles files = new StorageFiles(null);
    private final Map<String, String> environmentVariables = new java.util.concurrent.ConcurrentHashMap<>();
    private long heapSize = InterpreterConfig.DEFAULT_HEAP_SIZE;
    /** The modules the program may import, by name; null allows every one. */
    private java.util.Set<String> allowedModules;
    /** Globals of the modules imported from frozen files, by identity. */
    private final java.util.Set<PyDict> frozenModuleGlobals =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Open files and their numbers (3 and up), shared by every way of opening one. */
    private final OpenFiles openFiles = new OpenFiles();
    private volatile dev.mica.module.FileSystemView fileSystemView;
    /** What modules asked to run when the interpreter closes, in the order they asked. */
    private final java.util.List<Runnable> closeActions = new java.util.ArrayList<>();

    public BuiltinModules(Runtime runtime) {
        this.runtime = runtime;
    }

    /** Takes the settings modules depend on: the storage root that confines open(), the heap budget. */
    public void configure(InterpreterConfig config) {
        this.storageRoot = config.storageRoot();
        this.files = new StorageFiles(storageRoot);
        environmentVariables.clear();
        if (storageRoot == null) {
            environmentVariables.putAll(System.getenv());
        }
        this.heapSize = config.heapSize();
        this.allowedModules = config.allowedModules();
    }

    /**
     * Whether the configuration lets the program import the runtime's module of this top-level
     * name ({@code u} aliases go by the real name); builtins, whose names every program sees
     * anyway, always.
     */
    public boolean allowsImportOf(String name) {
        if (allowedModules == null) {
            return true;
        }
        String real = name.equals("usys") ? "sys"
                : name.length() > 1 && name.charAt(0) == 'u' && kindOf(name) == null ? name.substring(1) : name;
        return allowed(real);
    }

    /** Counts a module made from a frozen file as the runtime's (see {@link #isRuntimeModule}). */
    public synchronized void noteRuntimeModule(PyModule module) {
        frozenModuleGlobals.add(module.globals());
    }

    /** Whether the configuration names the modules a program may import at all. */
    public boolean restrictsImports() {
        return allowedModules != null;
    }

    private boolean allowed(String name) {
        return allowedModules == null || allowedModules.contains(name) || name.equals("builtins");
    }

    /**
     * Whether these globals belong to a module of the runtime (made here, in Java or from Python
     * shipped in a bundle): its imports are its own business, not the program's, and are not
     * restricted by the allow-list.
     */
    public synchronized boolean isRuntimeModule(PyDict globals) {
        if (frozenModuleGlobals.contains(globals)) {
            return true;
        }
        for (PyModule m : made.values()) {
            if (m.globals() == globals) {
                return true;
            }
        }
        for (PyModule m : loading.values()) {
            if (m.globals() == globals) {
                return true;
            }
        }
        return false;
    }

    /** Waits for bundles that offer modules and are on their way; true if it waited. */
    public boolean awaitArrivingModules() {
        return providers.awaitArrivals();
    }

    /** Takes the modules that other bundles offer. */
    public void useProviders(ModuleProviders providers) {
        this.providers = providers;
    }

    /** Takes the frozen modules that import finds through the {@code .frozen} entry of sys.path. */
    public void useFrozenModules(dev.mica.vm.frozen.FrozenModules frozen) {
        this.frozenModules = frozen;
    }

    public dev.mica.vm.frozen.FrozenModules frozenModules() {
        return frozenModules;
    }

    /** Adds the built-in functions that belong to a module of this registry ({@code open}, from io). */
    public void installBuiltins(PyDict builtins) {
        builtins.putStr("open", IoModule.openFunction(this));
    }

    public Runtime runtime() {
        return runtime;
    }

    /** Folder that file access is confined to, or null when it is not confined. */
    public Path storageRoot() {
        return storageRoot;
    }

    /** The interpreter's environment variables (os.getenv/putenv). */
    public Map<String, String> environmentVariables() {
        return environmentVariables;
    }

    /** The host path of a program's file name, confined to the storage root (OSError(EACCES) outside it). */
    public Path resolvePath(String name) {
        return files.resolve(name);
    }

    /** The program's file names as host paths, and its current directory. */
    StorageFiles files() {
        return files;
    }

    OpenFiles openFiles() {
        return openFiles;
    }

    /** The view of files that open() and import ask first (installed by the vfs module), or null. */
    public dev.mica.module.FileSystemView fileSystemView() {
        return fileSystemView;
    }

    void useFileSystemView(dev.mica.module.FileSystemView view) {
        this.fileSystemView = view;
    }

    /**
     * The host path of a name as import and the main script use it: relative names start at
     * the program's current directory when file access is not confined.
     */
    public Path hostPath(String name) {
        if (storageRoot == null && !name.isEmpty()) {
            return Path.of(files.currentDirectory()).resolve(name);
        }
        return Path.of(name);
    }

    /** The content of a file the program names (execfile), through the installed view of files if any. */
    public byte[] readProgramFile(String name) {
        dev.mica.module.FileSystemView view = fileSystemView;
        if (view != null) {
            return view.readFile(name);
        }
        try {
            return java.nio.file.Files.readAllBytes(files.resolve(name));
        } catch (java.io.IOException e) {
            throw IoErrors.os(dev.mica.obj.Errno.ENOENT);
        }
    }

    public long heapSize() {
        return heapSize;
    }

    /** The environment the modules of other bundles are made with. */
    ModuleEnvironment environment() {
        return environment;
    }

    /**
     * The built-in module an import of the top-level name {@code name} gives, or null when the
     * import should come from the file system (or fail). {@code onPath} tells whether sys.path
     * has a module of that name; it is asked only for extensible built-ins.
     */
    public PyModule find(String name, Predicate<String> onPath) {
        forgetWithdrawn();
        Kind kind = kindOf(name);
        if (kind == Kind.FIXED) {
            return module(name);
        }
        if (name.equals("usys")) {
            return module("sys");
        }
        if (kind == null && name.length() > 1 && name.charAt(0) == 'u' && kindOf(name.substring(1)) == Kind.EXTENSIBLE) {
            return module(name.substring(1));
        }
        if (kind != null && !onPath.test(name)) {
            return module(name);
        }
        return null;
    }

    /** How the built-in module of that name is found, or null when there is none. */
    private Kind kindOf(String name) {
        Entry e = TABLE.get(name);
        if (e != null) {
            return e.kind;
        }
        ModuleProvider p = providers.find(name);
        if (p == null) {
            return null;
        }
        return p.extensible() ? Kind.EXTENSIBLE : Kind.FIXED;
    }

    /**
     * The module of that built-in name, made now if this is its first use; null if there is
     * none. The monitor is not held while a module is made: making one may run Python code,
     * which lets other threads run, and they may import too.
     */
    public PyModule module(String name) {
        Entry e = TABLE.get(name);
        ModuleProvider p = e == null ? providers.find(name) : null;
        synchronized (this) {
            if (e == null) {
                forgetIfWithdrawn(name, p);
            }
            PyModule m = made.get(name);
            if (m == null) {
                m = loading.get(name);
            }
            if (m != null) {
                return m;
            }
        }
        PyModule m;
        if (e != null) {
            m = e.factory.apply(this);
        } else {
            if (p == null) {
                return null;
            }
            m = p.create(environment);
        }
        synchronized (this) {
            PyModule first = made.putIfAbsent(name, m);
            if (first != null) {
                return first;
            }
            if (p != null) {
                madeBy.put(name, p);
            }
            return m;
        }
    }

    /**
     * Drops every module of another bundle whose provider went away or was replaced, so that
     * the registry holds nothing of a bundle's old revision past the next import.
     */
    private void forgetWithdrawn() {
        List<String> names;
        synchronized (this) {
            if (madeBy.isEmpty()) {
                return;
            }
            names = new ArrayList<>(madeBy.keySet());
        }
        for (String name : names) {
            ModuleProvider current = providers.find(name);
            synchronized (this) {
                forgetIfWithdrawn(name, current);
            }
        }
    }

    /** Drops a module of another bundle whose provider is no longer the one offered under its name. */
    private void forgetIfWithdrawn(String name, ModuleProvider current) {
        ModuleProvider maker = madeBy.get(name);
        if (maker != null && maker != current) {
            madeBy.remove(name);
            made.remove(name);
        }
    }

    /** Marks a module as being made while its Python code runs; {@code m} null ends that. */
    synchronized void loading(String name, PyModule m) {
        if (m == null) {
            loading.remove(name);
        } else {
            loading.put(name, m);
        }
    }

    /** The modules made so far, for heap tracing (a program may hold one that sys.modules lost). */
    public synchronized java.util.List<PyModule> madeModules() {
        return new ArrayList<>(made.values());
    }

    /** True once the module has been made (for tests of lazy creation). */
    public synchronized boolean isLoaded(String name) {
        return made.containsKey(name);
    }

    /** Names of all built-in modules, this bundle's and those offered now, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>(TABLE.keySet());
        for (String offered : providers.names()) {
            if (!names.contains(offered)) {
                names.add(offered);
            }
        }
        names.removeIf(name -> !allowed(name));
        names.add("__main__");
        Collections.sort(names);
        return names;
    }

    /** The text of help('modules'): names in four columns, as MicroPython prints them. */
    public String helpText() {
        List<String> names = names();
        // frozen modules too, by their file names without extension ("pkg/__init__"), as MicroPython lists them
        for (String frozen : frozenModules.moduleNames()) {
            if (!names.contains(frozen)) {
                names.add(frozen);
            }
        }
        Collections.sort(names);
        int columns = 4;
        int width = 18;
        int rows = (names.size() + columns - 1) / columns;
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                int i = c * rows + r;
                if (i >= names.size()) {
                    break;
                }
                String n = names.get(i);
                line.append(n);
                if (c < columns - 1 && i + rows < names.size()) {
                    line.append(" ".repeat(Math.max(1, width - n.length())));
                }
            }
            sb.append(line).append('\n');
        }
        sb.append("Plus any modules on the filesystem\n");
        return sb.toString();
    }

    void whenClosed(Runnable action) {
        synchronized (closeActions) {
            closeActions.add(action);
        }
    }

    /** Runs the modules' close actions, last registered first, each once. */
    public void close() {
        java.util.List<Runnable> actions;
        synchronized (closeActions) {
            actions = new java.util.ArrayList<>(closeActions);
            closeActions.clear();
        }
        for (int i = actions.size() - 1; i >= 0; i--) {
            try {
                actions.get(i).run();
            } catch (RuntimeException e) {
                // one module failing to release its resources must not keep the others'
            }
        }
    }
}
