package dev.mica.vm;

import java.util.ArrayList;
import java.util.Iterator;
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
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.module.ModuleProvider;
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
    private volatile Compiler loadedCompiler;
    private volatile boolean loaderTried;

    /** Ordered by service ranking, lowest first (as Declarative Services sorts them). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    private volatile List<ModuleProvider> boundModules = List.of();
    private volatile List<ModuleProvider> loadedModules;
    /** True under Declarative Services: modules come from the service registry only. */
    private volatile boolean modulesManaged;

    public MicaInterpreterFactory() {
    }

    /** A factory with a fixed compiler (null for none), for embedding and tests. */
    public MicaInterpreterFactory(Compiler compiler) {
        this.boundCompiler = compiler;
        this.compilerManaged = true;
    }

    @org.osgi.service.component.annotations.Activate
    void activate() {
        compilerManaged = true;
        modulesManaged = true;
        synchronized (compilerArrival) {
            if (boundCompiler == null) {
                firstCompilerDeadline = System.nanoTime() + FIRST_COMPILER_GRACE_NANOS;
            }
        }
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

    @Override
    public Interpreter create(InterpreterConfig config) {
        return new MicaInterpreter(config, this::currentCompiler, this);
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
        if (!loaderTried) {
            Iterator<Compiler> it = ServiceLoader.load(Compiler.class, MicaInterpreterFactory.class.getClassLoader()).iterator();
            Compiler found = null;
            try {
                found = it.hasNext() ? it.next() : null;
            } catch (java.util.ServiceConfigurationError e) {
                found = null;
            }
            loadedCompiler = found;
            loaderTried = true;
        }
        return loadedCompiler;
    }
}
