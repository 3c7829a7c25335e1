package dev.mica.code;

import java.util.List;

/**
 * One compiled module: what a {@code .mpy} file holds. Qstr operands in the bytecode of every
 * raw code index {@link #qstrs()}; {@code LOAD_CONST_OBJ} operands index {@link #constants()}.
 *
 * @param sourceFile name of the source file, as tracebacks show it
 * @param qstrs the module's qstr table; entry 0 is the source file name, as in {@code .mpy}
 * @param constants the module's constant table
 * @param root the module's top-level code
 */
public record CompiledModule(String sourceFile, List<String> qstrs, List<Constant> constants, RawCode root) {
    public CompiledModule {
        qstrs = List.copyOf(qstrs);
        constants = List.copyOf(constants);
    }
}
