package dev.mica.vm.bytecode;

import dev.mica.code.Opcodes;

/**
 * The numbers the interpreter loop dispatches on. The opcodes it handles itself get consecutive
 * numbers from {@link #BASE} up, so that its switch compiles to a jump table rather than a
 * search; every other opcode keeps MicroPython's number and is handled out of the loop.
 * {@link CodeInfo} renumbers each instruction once, when it decodes the bytecode.
 */
final class DispatchCodes {
    private DispatchCodes() {}

    /** Above every MicroPython opcode and every internal opcode of {@link CodeInfo}. */
    static final int BASE = 0x200;
    static final int LOAD_LITERAL = BASE + 0;
    static final int UNARY_OP = BASE + 1;
    static final int BINARY_OP = BASE + 2;
    static final int LOAD_CONST_FALSE = BASE + 3;
    static final int LOAD_CONST_NONE = BASE + 4;
    static final int LOAD_CONST_TRUE = BASE + 5;
    static final int LOAD_NULL = BASE + 6;
    static final int LOAD_FAST_N = BASE + 7;
    static final int STORE_FAST_N = BASE + 8;
    static final int LOAD_DEREF = BASE + 9;
    static final int STORE_DEREF = BASE + 10;
    static final int LOAD_GLOBAL = BASE + 11;
    static final int LOAD_ATTR = BASE + 12;
    static final int LOAD_METHOD = BASE + 13;
    static final int STORE_ATTR = BASE + 14;
    static final int LOAD_SUBSCR = BASE + 15;
    static final int STORE_SUBSCR = BASE + 16;
    static final int DUP_TOP = BASE + 17;
    static final int POP_TOP = BASE + 18;
    static final int ROT_TWO = BASE + 19;
    static final int JUMP = BASE + 20;
    static final int POP_JUMP_IF_TRUE = BASE + 21;
    static final int POP_JUMP_IF_FALSE = BASE + 22;
    static final int JUMP_IF_TRUE_OR_POP = BASE + 23;
    static final int JUMP_IF_FALSE_OR_POP = BASE + 24;
    static final int UNWIND_JUMP = BASE + 25;
    static final int END_FINALLY = BASE + 26;
    static final int POP_EXCEPT_JUMP = BASE + 27;
    static final int GET_ITER_STACK = BASE + 28;
    static final int FOR_ITER = BASE + 29;
    static final int BUILD_TUPLE = BASE + 30;
    static final int CALL_FUNCTION = BASE + 31;
    static final int CALL_METHOD = BASE + 32;
    static final int RETURN_VALUE = BASE + 33;
    static final int RAISE_LAST = BASE + 34;
    static final int RAISE_OBJ = BASE + 35;
    static final int RAISE_FROM = BASE + 36;
    static final int YIELD_VALUE = BASE + 37;
    static final int YIELD_FROM = BASE + 38;

    /** The opcode each dispatch number stands for, by {@code number - BASE}. */
    private static final int[] STANDARD = {
        CodeInfo.LOAD_LITERAL,
        CodeInfo.UNARY_OP,
        CodeInfo.BINARY_OP,
        Opcodes.LOAD_CONST_FALSE,
        Opcodes.LOAD_CONST_NONE,
        Opcodes.LOAD_CONST_TRUE,
        Opcodes.LOAD_NULL,
        Opcodes.LOAD_FAST_N,
        Opcodes.STORE_FAST_N,
        Opcodes.LOAD_DEREF,
        Opcodes.STORE_DEREF,
        Opcodes.LOAD_GLOBAL,
        Opcodes.LOAD_ATTR,
        Opcodes.LOAD_METHOD,
        Opcodes.STORE_ATTR,
        Opcodes.LOAD_SUBSCR,
        Opcodes.STORE_SUBSCR,
        Opcodes.DUP_TOP,
        Opcodes.POP_TOP,
        Opcodes.ROT_TWO,
        Opcodes.JUMP,
        Opcodes.POP_JUMP_IF_TRUE,
        Opcodes.POP_JUMP_IF_FALSE,
        Opcodes.JUMP_IF_TRUE_OR_POP,
        Opcodes.JUMP_IF_FALSE_OR_POP,
        Opcodes.UNWIND_JUMP,
        Opcodes.END_FINALLY,
        Opcodes.POP_EXCEPT_JUMP,
        Opcodes.GET_ITER_STACK,
        Opcodes.FOR_ITER,
        Opcodes.BUILD_TUPLE,
        Opcodes.CALL_FUNCTION,
        Opcodes.CALL_METHOD,
        Opcodes.RETURN_VALUE,
        Opcodes.RAISE_LAST,
        Opcodes.RAISE_OBJ,
        Opcodes.RAISE_FROM,
        Opcodes.YIELD_VALUE,
        Opcodes.YIELD_FROM
    };

    private static final int[] DISPATCH = new int[BASE];

    static {
        for (int op = 0; op < BASE; op++) {
            DISPATCH[op] = op;
        }
        for (int i = 0; i < STANDARD.length; i++) {
            DISPATCH[STANDARD[i]] = BASE + i;
        }
    }

    /** The dispatch number of an opcode (MicroPython's or one of {@link CodeInfo}'s). */
    static int of(int opcode) {
        return DISPATCH[opcode];
    }

    /** The opcode (MicroPython's number, or an internal one of {@link CodeInfo}) a dispatch number stands for. */
    static int standard(int dispatch) {
        return dispatch >= BASE ? STANDARD[dispatch - BASE] : dispatch;
    }
}
