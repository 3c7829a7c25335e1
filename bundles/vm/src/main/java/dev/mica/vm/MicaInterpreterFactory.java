package dev.mica.vm;

import java.util.Iterator;
import java.util.ServiceLoader;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.mica.code.Compiler;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.vm.runtime.SysModule;

/**
 * Makes Mica interpreters. Under OSGi the compiler comes from the service registry and may
 * change while interpreters run; on a plain class path it is found with ServiceLoader.
 */
@Component(service = InterpreterFactory.class)
public final class MicaInterpreterFactory implements InterpreterFactory {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Compiler boundCompiler;

    /** True under Declarative Services or with an explicit compiler: then no ServiceLoader fallback. */
    private volatile boolean compilerManaged;
    private volatile Compiler loadedCompiler;
    private volatile boolean loaderTried;

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
    }

    @Override
    public Interpreter create(InterpreterConfig config) {
        return new MicaInterpreter(config, this::currentCompiler);
    }

    @Override
    public String version() {
        return SysModule.VERSION;
    }

    /** The compiler for the next compilation: the bound one, else one found by ServiceLoader. */
    Compiler currentCompiler() {
        Compiler c = boundCompiler;
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
