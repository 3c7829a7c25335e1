package dev.mica.interp;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.mica.code.CompileOptions;

/**
 * What an interpreter is made with: MicroPython's compile-time and command-line options.
 *
 * @param stdin {@code sys.stdin}
 * @param stdout {@code sys.stdout}
 * @param stderr {@code sys.stderr}, where tracebacks go
 * @param argv {@code sys.argv}
 * @param path {@code sys.path}; {@link Interpreter#runFile} replaces its first entry with the
 *        script's directory, as MicroPython's unix port does
 * @param heapSize heap budget in bytes, as {@code -X heapsize}
 * @param compileOptions optimisation level and emitter
 * @param storageRoot when not null, file access is confined to this folder
 * @param verbose {@code -v} count
 * @param recursionLimit how deep Python calls may nest before {@code RuntimeError: maximum
 *        recursion depth exceeded}
 * @param allowedModules the built-in and bundle-provided modules the program may import, by
 *        name; null allows every one. Modules of the program's own files are not affected.
 * @param tierThreshold tiering: a function run as bytecode is compiled by the native emitter
 *        (when one is bound) once its calls and loop iterations reach this count, and runs
 *        compiled from its next call; 0 turns tiering off
 */
public record InterpreterConfig(
        InputStream stdin,
        OutputStream stdout,
        OutputStream stderr,
        List<String> argv,
        List<String> path,
        long heapSize,
        CompileOptions compileOptions,
        Path storageRoot,
        int verbose,
        int recursionLimit,
        Set<String> allowedModules,
        int tierThreshold) {

    /** The unix port's default heap on a 64-bit host. */
    public static final long DEFAULT_HEAP_SIZE = 2L * 1024 * 1024;

    /** The unix port's default {@code sys.path}: the script's own entry, then the library folders. */
    public static final List<String> DEFAULT_PATH = List.of("", ".frozen", "~/.micropython/lib", "/usr/lib/micropython");

    /** Nesting of Python calls allowed by default; deep enough for MicroPython's tests, well inside a JVM thread's stack. */
    public static final int DEFAULT_RECURSION_LIMIT = 2000;

    /** Tiering's default threshold: 0, off (bin/mica's {@code -X tier=N} and an app's {@code tier} setting turn it on). */
    public static final int DEFAULT_TIER_THRESHOLD = 0;

    /** Without tiering: the configuration as it was before tiering was configurable. */
    public InterpreterConfig(InputStream stdin, OutputStream stdout, OutputStream stderr, List<String> argv,
            List<String> path, long heapSize, CompileOptions compileOptions, Path storageRoot, int verbose,
            int recursionLimit, Set<String> allowedModules) {
        this(stdin, stdout, stderr, argv, path, heapSize, compileOptions, storageRoot, verbose, recursionLimit,
                allowedModules, DEFAULT_TIER_THRESHOLD);
    }

    public InterpreterConfig {
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        argv = List.copyOf(argv);
        path = List.copyOf(path);
        Objects.requireNonNull(compileOptions, "compileOptions");
        if (heapSize <= 0) {
            throw new IllegalArgumentException("heap size must be positive: " + heapSize);
        }
        if (recursionLimit <= 0) {
            throw new IllegalArgumentException("recursion limit must be positive: " + recursionLimit);
        }
        allowedModules = allowedModules == null ? null : Set.copyOf(allowedModules);
        if (tierThreshold < 0) {
            throw new IllegalArgumentException("tier threshold must not be negative: " + tierThreshold);
        }
    }

    /** Standard streams of the process, empty argv, MicroPython's default path and heap. */
    public static InterpreterConfig standard() {
        return new InterpreterConfig(System.in, System.out, System.err, List.of(), DEFAULT_PATH,
                DEFAULT_HEAP_SIZE, CompileOptions.DEFAULT, null, 0, DEFAULT_RECURSION_LIMIT, null, DEFAULT_TIER_THRESHOLD);
    }

    public InterpreterConfig withStreams(InputStream in, OutputStream out, OutputStream err) {
        return new InterpreterConfig(in, out, err, argv, path, heapSize, compileOptions, storageRoot,
                verbose, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withArgv(List<String> newArgv) {
        return new InterpreterConfig(stdin, stdout, stderr, newArgv, path, heapSize, compileOptions, storageRoot,
                verbose, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withPath(List<String> newPath) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, newPath, heapSize, compileOptions, storageRoot,
                verbose, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withHeapSize(long bytes) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, bytes, compileOptions, storageRoot,
                verbose, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withCompileOptions(CompileOptions options) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, heapSize, options, storageRoot,
                verbose, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withStorageRoot(Path root) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, heapSize, compileOptions, root,
                verbose, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withVerbose(int level) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, heapSize, compileOptions, storageRoot,
                level, recursionLimit, allowedModules, tierThreshold);
    }

    public InterpreterConfig withRecursionLimit(int limit) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, heapSize, compileOptions, storageRoot, verbose,
                limit, allowedModules, tierThreshold);
    }

    /** Only these runtime modules may be imported; null allows every one. */
    public InterpreterConfig withAllowedModules(Set<String> names) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, heapSize, compileOptions, storageRoot, verbose,
                recursionLimit, names, tierThreshold);
    }

    /** Tiering's threshold (see {@link #tierThreshold()}); 0 turns it off. */
    public InterpreterConfig withTierThreshold(int threshold) {
        return new InterpreterConfig(stdin, stdout, stderr, argv, path, heapSize, compileOptions, storageRoot, verbose,
                recursionLimit, allowedModules, threshold);
    }
}
