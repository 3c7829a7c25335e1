package dev.mica.code;

/**
 * Compile-time options that MicroPython fixes at build time or sets per call.
 *
 * @param optimizationLevel 0..3 as {@code micropython.opt_level}: 1 and up set
 *        {@code __debug__} false and drop asserts; 3 drops line numbers
 * @param emitMode the default emitter
 * @param smallIntBits bits of a small int on the target (sign included), as
 *        {@code mpy-cross -msmall-int-bits}: integer constants that fit are encoded in the
 *        bytecode, larger ones become constant objects
 */
public record CompileOptions(int optimizationLevel, EmitMode emitMode, int smallIntBits) {
    /** mpy-cross's default: the small ints of a 32-bit port, which every port can load. */
    public static final int DEFAULT_SMALL_INT_BITS = 31;
    /** The widest small int a 64-bit port has. */
    public static final int MAX_SMALL_INT_BITS = 63;

    public static final CompileOptions DEFAULT = new CompileOptions(0, EmitMode.BYTECODE);

    public CompileOptions {
        if (optimizationLevel < 0 || optimizationLevel > 3) {
            throw new IllegalArgumentException("optimization level must be 0..3: " + optimizationLevel);
        }
        if (smallIntBits < 2 || smallIntBits > MAX_SMALL_INT_BITS) {
            throw new IllegalArgumentException("small-int bits must be 2.." + MAX_SMALL_INT_BITS + ": " + smallIntBits);
        }
    }

    public CompileOptions(int optimizationLevel, EmitMode emitMode) {
        this(optimizationLevel, emitMode, DEFAULT_SMALL_INT_BITS);
    }

    // equals and hashCode are written out: the ones the compiler generates for records link
    // through java.lang.runtime.ObjectMethods, whose shared method handles (JDK 17) cache the
    // last component type they were adapted to, which would keep this bundle's class loader
    // reachable after the bundle is updated (see docs/architecture.md, "Swapping runtime bundles")

    @Override
    public boolean equals(Object other) {
        return other instanceof CompileOptions o && optimizationLevel == o.optimizationLevel
                && emitMode == o.emitMode && smallIntBits == o.smallIntBits;
    }

    @Override
    public int hashCode() {
        return (optimizationLevel * 31 + java.util.Objects.hashCode(emitMode)) * 31 + smallIntBits;
    }

    @Override
    public String toString() {
        return "CompileOptions[optimizationLevel=" + optimizationLevel + ", emitMode=" + emitMode + ", smallIntBits="
                + smallIntBits + "]";
    }
}
