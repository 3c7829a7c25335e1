package dev.mica.code;

import java.util.List;

/**
 * One function's (or the module's, or a class body's) compiled code, like MicroPython's
 * {@code mp_raw_code_t}.
 *
 * @param kind what the code is
 * @param functionData for bytecode: the prelude (signature, size info, names, line table)
 *        followed by the bytecode, exactly as MicroPython lays out {@code fun_data}
 * @param children code objects this one creates with {@code MAKE_FUNCTION}/{@code MAKE_CLOSURE}
 *        (the operand indexes this list)
 * @param generator true when calling it makes a generator
 * @param emitHints the emitter the source asked for (native, viper) and viper's types; the
 *        code itself is always bytecode, which runs when no emitter compiles it
 */
public record RawCode(Kind kind, byte[] functionData, List<RawCode> children, boolean generator, EmitHints emitHints) {
    public RawCode {
        children = List.copyOf(children);
        if (emitHints == null) {
            emitHints = EmitHints.BYTECODE;
        }
    }

    /** Code without emitter hints (plain bytecode). */
    public RawCode(Kind kind, byte[] functionData, List<RawCode> children, boolean generator) {
        this(kind, functionData, children, generator, EmitHints.BYTECODE);
    }

    /** The kinds of {@code mp_raw_code_kind_t}. */
    public enum Kind {
        BYTECODE, NATIVE_PYTHON, NATIVE_VIPER, NATIVE_ASM
    }
}
