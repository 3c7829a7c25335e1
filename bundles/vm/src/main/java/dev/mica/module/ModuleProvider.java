package dev.mica.module;

import dev.mica.obj.PyModule;

/**
 * One built-in module, such as {@code json} or {@code socket}, offered by the bundle that owns
 * it. Interpreters ask for it by name on the first import and keep what {@link #create} gives
 * for their whole life, so the module's state is never shared between interpreters.
 *
 * <p>When several providers offer the same name, the one with the highest service ranking
 * wins, as a newer bundle replaces an older one. A provider that goes away does not take its
 * module from interpreters that already imported it; later imports use whatever is offered then.
 */
public interface ModuleProvider {
    /** The name programs import, e.g. {@code "json"}. */
    String name();

    /**
     * True when a file of the same name on {@code sys.path} hides this module, as with
     * MicroPython's extensible built-ins (then {@code u} + name still finds the built-in);
     * false for modules found before the file system.
     */
    default boolean extensible() {
        return true;
    }

    /** Makes the module for the interpreter that {@code environment} describes. */
    PyModule create(ModuleEnvironment environment);
}
