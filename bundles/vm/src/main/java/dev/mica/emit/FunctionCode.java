package dev.mica.emit;

import dev.mica.code.EmitHints;
import dev.mica.obj.PyObject;

/**
 * A function's bytecode as the VM decoded it, for an emitter to translate. Instructions are
 * fixed triples {@code [opcode, operand, extra]}: the opcodes of {@code py/bc0.h}
 * ({@link dev.mica.code.Opcodes}) with the multi-opcodes expanded (LOAD_FAST_N, STORE_FAST_N,
 * {@link #UNARY_OP} and {@link #BINARY_OP} with the operator as operand) and every constant
 * load turned into {@link #LOAD_LITERAL}; jump operands are instruction positions (indexes
 * into {@link #instructions()}, multiples of 3); qstr operands index {@link #names()};
 * the extra int is the closure count of MAKE_CLOSURE* and the unwind count of UNWIND_JUMP.
 * The array ends with a RETURN_VALUE past the real code.
 */
public interface FunctionCode {
    /** Push {@code literals()[operand]}: small ints, strings, constants. */
    int LOAD_LITERAL = 0x100;
    int UNARY_OP = dev.mica.code.Opcodes.UNARY_OP_MULTI;
    int BINARY_OP = dev.mica.code.Opcodes.BINARY_OP_MULTI;

    String name();

    String sourceFile();

    EmitHints hints();

    /** Locals plus the deepest value stack (MicroPython's n_state). */
    int nState();

    int nExceptionStack();

    int scopeFlags();

    int nPosArgs();

    int nKwonlyArgs();

    boolean isGenerator();

    /** Parameter names (positional, then keyword-only). */
    String[] argNames();

    /** Locals that are cells (closed over by inner functions). */
    int[] cells();

    int[] instructions();

    PyObject[] literals();

    String[] names();

    /** How many code objects MAKE_FUNCTION/MAKE_CLOSURE can create. */
    int childCount();

    /** The source line of the instruction at {@code position}. */
    int lineOf(int position);
}
