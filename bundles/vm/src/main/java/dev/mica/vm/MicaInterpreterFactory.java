package dev.mica.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.mica.code.Compiler;
import dev.mica.emit.NativeEmitter;
import dev.mica.heap.GarbageCollector;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.module.ModuleProvider;
import dev.mica.vm.frozen.ClassPathFrozenArchives;
import dev.mica.vm.frozen.FrozenModuleExtender;
import dev.mica.vm.frozen.FrozenModules;
import dev.mica.vm.modules.ModuleProviders;
import dev.mica.vm.runtime.SysModule;

/**
 * Makes Mica interpreters. Under OSGi the compiler and the modules of other bundles come from
 * the service registry and may change while interpreters run; on a plain class path they are
 * found with ServiceLoader.
 */
@Component(service = InterpreterFactory.class)
public final class MicaInterpreterFactory implements InterpreterFactory, ModuleProviders {
    /**
     * How long after the factory's activation a compilation waits for the first compiler. The
     * compiler's bundle may start after this one (at boot, or when a refresh of this bundle
     * restarts both), and apps started at once would otherwise fail for want of a compiler that
     * arrives a moment later. Later on, no compiler means none: compilations fail at once.
     */
    static final long FIRST_COMPILER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private volatile Compiler boundCompiler;
    private final Object compilerArrival = new Object();
    /** Until when (System.nanoTime) a compilation without a compiler waits for one; 0 for never. */
    private volatile long firstCompilerDeadline;

    /** True under Declarative Services or with an explicit compiler: then no ServiceLoader fallback. */
    private volatile boolean compilerManaged;
    private final ClassPathService<Compiler> classPathCompiler = new ClassPathService<>(Compiler.class);

    /** Ordered by service ranking, lowest first (as Declarative Services sorts them). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    private volatile List<ModuleProvider> boundModules = List.of();
    private volatile List<ModuleProvider> loadedModules;
    /** True under Declarative Services: modules come from the service registry only. */
    private volatile boolean modulesManaged;

    /** Frozen modules: from the bundles that carry them under OSGi, from the class path otherwise. */
    private final FrozenModules frozen = new FrozenModules();
    /** True under Declarative Services: the bundle tracker reports the frozen modules. */
    private volatile boolean frozenManaged;
    private volatile boolean frozenDiscoveryArranged;
    private volatile AutoCloseable frozenTracker;
    /**
     * Waits for bundles with modules still starting (under OSGi only): imports that miss call it.
     * Typed as a JDK interface so that the factory still loads on a class path without OSGi.
     */
    private volatile java.util.function.BooleanSupplier moduleArrivals;
    private volatile AutoCloseable moduleArrivalsTracker;
    private long explicitFrozenRank;
    /** The native code emitter (bundles/emitter): optional, dynamic, greedy like the compiler. */
    private volatile NativeEmitter boundEmitter;
    private final Object emitterArrival = new Object();
    /** Until when (System.nanoTime) viper code without an emitter waits for one; 0 for not at all. */
    private volatile long emitterGapDeadline;
    /** The runtimes of the interpreters made, to drop the code of an emitter that goes away. */
    private final java.util.Set<dev.mica.vm.runtime.Runtime> runtimes =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private final ClassPathService<NativeEmitter> classPathEmitter = new ClassPathService<>(NativeEmitter.class);
    /**
     * The heap tracer (the gc bundle). Dynamic and greedy: interpreters ask for the current one
     * whenever their charges pass the threshold, so a swap takes effect at their next trace.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile GarbageCollector boundCollector;
    private volatile boolean collectorManaged;
    private final ClassPathService<GarbageCollector> classPathCollector = new ClassPathService<>(GarbageCollector.class);

    public MicaInterpreterFactory() {
    }

    /** A factory with a fixed compiler (null for none), for embedding and tests. */
    public MicaInterpreterFactory(Compiler compiler) {
        this.boundCompiler = compiler;
        this.compilerManaged = true;
    }

    /** A factory with a fixed compiler and garbage collector (either may be null), for embedding and tests. */
    public MicaInterpreterFactory(Compiler compiler, GarbageCollector collector) {
        this(compiler);
        this.boundCollector = collector;
        this.collectorManaged = true;
    }

    @org.osgi.service.component.annotations.Activate
    void activate(org.osgi.framework.BundleContext context) {
        activate();
        frozenManaged = true;
        frozenTracker = FrozenModuleExtender.start(context, frozen);
        ModuleBundleArrivals arrivals = ModuleBundleArrivals.start(context, () -> boundModules.size());
        moduleArrivals = arrivals::awaitArrivals;
        moduleArrivalsTracker = arrivals;
    }

    /** What activation does apart from tracking frozen modules: services now come from Declarative Services. */
    void activate() {
        compilerManaged = true;
        modulesManaged = true;
        collectorManaged = true;
        synchronized (compilerArrival) {
            if (boundCompiler == null) {
                firstCompilerDeadline = System.nanoTime() + FIRST_COMPILER_GRACE_NANOS;
            }
        }
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() throws Exception {
        AutoCloseable tracker = frozenTracker;
        frozenTracker = null;
        if (tracker != null) {
            tracker.close();
        }
        AutoCloseable arrivals = moduleArrivalsTracker;
        moduleArrivals = null;
        moduleArrivalsTracker = null;
        if (arrivals != null) {
            arrivals.close();
        }
        // this revision may be on its way out: the JDK must not keep its records linked
        dev.mica.interp.RecordMethodCaches.release();
    }

    /**
     * Adds a folder of frozen {@code .mpy} files, ahead of those found on the class path (for
     * tests and embedding, where the class folder of a bundle has no manifest yet).
     */
    public synchronized MicaInterpreterFactory withFrozenFolder(java.nio.file.Path folder) {
        try {
            frozen.add(ClassPathFrozenArchives.folderArchive(folder), ++explicitFrozenRank);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    /** The frozen modules of the interpreters this factory makes (for embedding and tests). */
    public FrozenModules frozenModules() {
        return frozen;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCompiler(Compiler compiler) {
        synchronized (compilerArrival) {
            boundCompiler = compiler;
            firstCompilerDeadline = 0;
            compilerArrival.notifyAll();
        }
    }

    /** A greedy reference binds the newer compiler before it unbinds the older one. */
    void unbindCompiler(Compiler compiler) {
        synchronized (compilerArrival) {
            if (boundCompiler == compiler) {
                boundCompiler = null;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEmitter(NativeEmitter emitter) {
        synchronized (emitterArrival) {
            boundEmitter = emitter;
            emitterGapDeadline = 0;
            emitterArrival.notifyAll();
        }
    }

    /**
     * The emitter went away (its bundle stopped, updated or uninstalled): the code it made is
     * dropped from every interpreter, so no function keeps its classes, and viper code waits
     * {@link #EMITTER_GAP_NANOS} for a successor before it fails.
     */
    void unbindEmitter(NativeEmitter emitter) {
        synchronized (emitterArrival) {
            if (boundEmitter == emitter) {
                boundEmitter = null;
                emitterGapDeadline = System.nanoTime() + EMITTER_GAP_NANOS;
            }
        }
        List<dev.mica.vm.runtime.Runtime> made;
        synchronized (runtimes) {
            made = new ArrayList<>(runtimes);
        }
        for (dev.mica.vm.runtime.Runtime rt : made) {
            rt.dropNativeCode(emitter);
        }
    }

    /** How long after an emitter went away viper code waits for the next (an update's gap). */
    public static final long EMITTER_GAP_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** The bound emitter, waiting for one while an emitter went away less than the gap ago. */
    NativeEmitter awaitEmitter() {
        NativeEmitter e = currentEmitter();
        if (e != null || emitterGapDeadline == 0) {
            return e;
        }
        synchronized (emitterArrival) {
            while (boundEmitter == null && emitterGapDeadline != 0) {
                long left = emitterGapDeadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(emitterArrival, left);
                } catch (InterruptedException ex) {
                    // the program is being stopped: no emitter, and the interrupt stays
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return boundEmitter;
        }
    }

    @Override
    public Interpreter create(InterpreterConfig config) {
        if (!frozenManaged && !frozenDiscoveryArranged) {
            arrangeClassPathDiscovery();
        }
        MicaInterpreter interpreter = new MicaInterpreter(config, this::currentCompiler, this, frozen,
                this::currentCollector);
        interpreter.runtime().useEmitter(this::currentEmitter, this::awaitEmitter);
        synchronized (runtimes) {
            runtimes.add(interpreter.runtime());
        }
        return interpreter;
    }

    /** On a class path, the jars with frozen modules are looked for on the first frozen lookup. */
    private synchronized void arrangeClassPathDiscovery() {
        if (!frozenDiscoveryArranged) {
            frozenDiscoveryArranged = true;
            frozen.discoverOnFirstUse(() -> ClassPathFrozenArchives.find(MicaInterpreterFactory.class.getClassLoader()));
        }
    }

    @Override
    public String version() {
        return SysModule.VERSION;
    }

    @Override
    public ModuleProvider find(String name) {
        List<ModuleProvider> all = currentModules();
        // the last of a name wins: the highest ranked, or the one found last on the class path
        for (int i = all.size() - 1; i >= 0; i--) {
            ModuleProvider p = all.get(i);
            if (name.equals(p.name())) {
                return p;
            }
        }
        return null;
    }

    @Override
    public boolean awaitArrivals() {
        java.util.function.BooleanSupplier arrivals = moduleArrivals;
        return arrivals != null && arrivals.getAsBoolean();
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (ModuleProvider p : currentModules()) {
            if (!names.contains(p.name())) {
                names.add(p.name());
            }
        }
        return names;
    }

    private List<ModuleProvider> currentModules() {
        if (modulesManaged) {
            return boundModules;
        }
        List<ModuleProvider> loaded = loadedModules;
        if (loaded == null) {
            loaded = new ArrayList<>();
            try {
                for (ModuleProvider p : ServiceLoader.load(ModuleProvider.class, MicaInterpreterFactory.class.getClassLoader())) {
                    loaded.add(p);
                }
            } catch (java.util.ServiceConfigurationError e) {
                // a broken provider on the class path leaves the modules found before it
            }
            loadedModules = loaded = List.copyOf(loaded);
        }
        return loaded;
    }

    /**
     * The native emitter for the next compilation: the bound one under Declarative Services,
     * else (on a class path) one found by ServiceLoader.
     */
    NativeEmitter currentEmitter() {
        NativeEmitter e = boundEmitter;
        if (e != null || modulesManaged) {
            return e;
        }
        return classPathEmitter.get();
    }

    /** The garbage collector for the next trace: the bound one, else one found by ServiceLoader. */
    GarbageCollector currentCollector() {
        GarbageCollector c = boundCollector;
        if (c != null || collectorManaged) {
            return c;
        }
        return classPathCollector.get();
    }

    private Compiler awaitFirstCompiler() {
        synchronized (compilerArrival) {
            long deadline = firstCompilerDeadline;
            while (boundCompiler == null && deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    firstCompilerDeadline = 0;
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(compilerArrival, left);
                } catch (InterruptedException e) {
                    // the program is being stopped: it gets no compiler, and the interrupt stays
                    Thread.currentThread().interrupt();
                    break;
                }
                deadline = firstCompilerDeadline;
            }
            return boundCompiler;
        }
    }

    /** The compiler for the next compilation: the bound one, else one found by ServiceLoader. */
    Compiler currentCompiler() {
        Compiler c = boundCompiler;
        if (c == null && firstCompilerDeadline != 0) {
            c = awaitFirstCompiler();
        }
        if (c != null || compilerManaged) {
            return c;
        }
        return classPathCompiler.get();
    }
}
