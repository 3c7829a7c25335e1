package dev.mica.code;

/**
 * Compile-time options that MicroPython fixes at build time or sets per call.
 *
 * @param optimizationLevel 0..3 as {@code micropython.opt_level}: 1 and up set
 *        {@code __debug__} false and drop asserts; 3 drops line numbers
 * @param emitMode the default emitter
 */
public record CompileOptions(int optimizationLevel, EmitMode emitMode) {
    public static final CompileOptions DEFAULT = new CompileOptions(0, EmitMode.BYTECODE);

    public CompileOptions {
        if (optimizationLevel < 0 || optimizationLevel > 3) {
            throw new IllegalArgumentException("optimization level must be 0..3: " + optimizationLevel);
        }
    }
}
