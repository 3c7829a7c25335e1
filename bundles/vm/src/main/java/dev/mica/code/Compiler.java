package dev.mica.code;

/**
 * Turns MicroPython source into bytecode. Offered as a service by the compiler bundle (and by
 * {@link java.util.ServiceLoader} on a plain class path); a runtime without one runs only
 * precompiled code.
 */
public interface Compiler {
    /**
     * @param source the program text
     * @param sourceFile the file name tracebacks show ({@code <stdin>}, {@code <string>}, a path)
     * @param kind file, single interactive statement, or expression
     * @param options optimisation level and emitter
     * @throws CompileError for a program MicroPython would reject at compile time
     */
    CompiledModule compile(String source, String sourceFile, InputKind kind, CompileOptions options)
            throws CompileError;
}
