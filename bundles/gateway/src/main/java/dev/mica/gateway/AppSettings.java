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
 * @param tierThreshold calls and loop iterations after which a function is compiled as native
 *        code (tiering); 0 turns tiering off
 */
record AppSettings(String name, boolean autostart, RestartPolicy restart, Backoff backoff, long heapSize,
        CompileOptions compileOptions, int recursionLimit, Set<String> allowedModules, int tierThreshold) {

    AppSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(compileOptions, "compileOptions");
        allowedModules = allowedModules == null ? null : Set.copyOf(allowedModules);
    }

    AppSettings(String name, boolean autostart, RestartPolicy restart, Backoff backoff, long heapSize,
            CompileOptions compileOptions, int recursionLimit, Set<String> allowedModules) {
        this(name, autostart, restart, backoff, heapSize, compileOptions, recursionLimit, allowedModules,
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

    int optimizationLevel() {
        return compileOptions.optimizationLevel();
    }

    EmitMode emit() {
        return compileOptions.emitMode();
    }

    /** The interpreter options these settings give, over a base with the app's streams and paths. */
    InterpreterConfig applyTo(InterpreterConfig base) {
        return base.withHeapSize(heapSize).withCompileOptions(compileOptions).withRecursionLimit(recursionLimit)
                .withAllowedModules(allowedModules).withTierThreshold(tierThreshold);
    }
}
