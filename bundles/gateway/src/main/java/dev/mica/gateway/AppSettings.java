package dev.mica.gateway;

import java.util.Objects;
import java.util.Set;

import dev.mica.code.CompileOptions;
import dev.mica.code.EmitMode;
import dev.mica.interp.InterpreterConfig;

/**
 * How one app is run: what an operator sets through a {@code dev.mica.app} configuration, or
 * the defaults. An app reads its settings when it starts, so a change applies at its next start.
 *
 * @param name the app's name: its folder or file under {@code apps/}
 * @param autostart whether the gateway starts it when the gateway starts
 * @param restart when it is started again after it ended
 * @param backoff the delays between restarts
 * @param heapSize the interpreter's heap budget in bytes
 * @param compileOptions optimisation level and default emitter of the interpreter
 * @param recursionLimit how deep the app's Python calls may nest
 * @param allowedModules the runtime modules the app may import; null allows every one
 * @param storage the folder the app's program sees as its files (its file root and first
 *        current directory): absolute, or relative to the app's own folder; null for the app's
 *        own folder. Its code is still imported from the app's folder ({@code sys.path})
 * @param tierThreshold calls and loop iterations after which a function is compiled as native
 *        code (tiering); 0 turns tiering off
 */
record AppSettings(String name, boolean autostart, RestartPolicy restart, Backoff backoff, long heapSize,
        CompileOptions compileOptions, int recursionLimit, Set<String> allowedModules, String storage,
        int tierThreshold) {

    AppSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(compileOptions, "compileOptions");
        allowedModules = allowedModules == null ? null : Set.copyOf(allowedModules);
    }

    AppSettings(String name, boolean autostart, RestartPolicy restart, Backoff backoff, long heapSize,
            CompileOptions compileOptions, int recursionLimit, Set<String> allowedModules) {
        this(name, autostart, restart, backoff, heapSize, compileOptions, recursionLimit, allowedModules, null,
                InterpreterConfig.DEFAULT_TIER_THRESHOLD);
    }

    AppSettings(String name, boolean autostart, RestartPolicy restart, Backoff backoff, long heapSize,
            CompileOptions compileOptions) {
        this(name, autostart, restart, backoff, heapSize, compileOptions, InterpreterConfig.DEFAULT_RECURSION_LIMIT,
                null);
    }

    /** An app without a configuration: started with the gateway, never restarted, default interpreter. */
    static AppSettings defaults(String name) {
        return new AppSettings(name, true, RestartPolicy.NEVER, Backoff.DEFAULT, InterpreterConfig.DEFAULT_HEAP_SIZE,
                CompileOptions.DEFAULT);
    }

    // equals and hashCode are written out: the ones the compiler generates for records link
    // through java.lang.runtime.ObjectMethods, whose shared method handles (JDK 17) cache the
    // last component type they were adapted to (here CompileOptions, of the vm bundle), which
    // kept a vm revision reachable after a configuration was taken and the vm updated

    @Override
    public boolean equals(Object other) {
        return other instanceof AppSettings o && name.equals(o.name) && autostart == o.autostart
                && restart == o.restart && backoff.initialDelay().equals(o.backoff.initialDelay())
                && backoff.maxDelay().equals(o.backoff.maxDelay()) && backoff.resetAfter().equals(o.backoff.resetAfter())
                && backoff.limit() == o.backoff.limit() && heapSize == o.heapSize
                && compileOptions.equals(o.compileOptions) && recursionLimit == o.recursionLimit
                && Objects.equals(allowedModules, o.allowedModules) && Objects.equals(storage, o.storage)
                && tierThreshold == o.tierThreshold;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, autostart, restart, backoff.initialDelay(), backoff.maxDelay(), backoff.resetAfter(),
                backoff.limit(), heapSize, compileOptions, recursionLimit, allowedModules, storage, tierThreshold);
    }

    @Override
    public String toString() {
        return "AppSettings[" + name + ", " + AppManager.describe(this) + "]";
    }

    int optimizationLevel() {
        return compileOptions.optimizationLevel();
    }

    EmitMode emit() {
        return compileOptions.emitMode();
    }

    /** The folder the app's program gets as its files, for an app whose own folder is {@code appRoot}. */
    java.nio.file.Path storageRoot(java.nio.file.Path appRoot) {
        return storage == null ? appRoot : appRoot.resolve(storage).normalize();
    }

    /** The interpreter options these settings give, over a base with the app's streams and paths. */
    InterpreterConfig applyTo(InterpreterConfig base) {
        return base.withHeapSize(heapSize).withCompileOptions(compileOptions).withRecursionLimit(recursionLimit)
                .withAllowedModules(allowedModules).withTierThreshold(tierThreshold);
    }
}
