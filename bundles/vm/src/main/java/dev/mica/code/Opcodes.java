package dev.mica.code;

/**
 * MicroPython v1.24 bytecode: opcode values and operand formats (see {@code py/bc0.h}).
 *
 * <p>Operand encodings: a var-uint is 7 bits per byte, most significant group first, high bit
 * set on every byte but the last; a qstr operand is a var-uint index into the module's qstr
 * table; a jump offset is relative to the end of the instruction, either unsigned (one byte
 * {@code 0..0x7f} or two bytes {@code lo|0x80, hi} for 15 bits) or signed (the same bytes
 * minus {@code 0x40} or {@code 0x4000}).
 */
public final class Opcodes {
    private Opcodes() {}

    // operand formats, from the top nibble of the opcode
    public static final int FORMAT_BYTE = 0;
    public static final int FORMAT_QSTR = 1;
    public static final int FORMAT_VAR_UINT = 2;
    public static final int FORMAT_OFFSET = 3;

    /** The operand format of an opcode. */
    public static int format(int opcode) {
        return (0x000003a4 >> (2 * ((opcode & 0xff) >> 4))) & 3;
    }

    /** True for the opcodes followed by one more byte after their operand (MAKE_CLOSURE*, UNWIND_JUMP). */
    public static boolean hasExtraByte(int opcode) {
        return (opcode & MASK_EXTRA_BYTE) == 0;
    }

    public static final int MASK_EXTRA_BYTE = 0x9e;

    public static final int BASE_QSTR_O = 0x10;
    public static final int BASE_VINT_E = 0x20;
    public static final int BASE_VINT_O = 0x30;
    public static final int BASE_JUMP_E = 0x40;
    public static final int BASE_BYTE_O = 0x50;
    public static final int BASE_BYTE_E = 0x60;

    public static final int LOAD_CONST_FALSE = BASE_BYTE_O + 0x00;
    public static final int LOAD_CONST_NONE = BASE_BYTE_O + 0x01;
    public static final int LOAD_CONST_TRUE = BASE_BYTE_O + 0x02;
    /** operand: signed var-int (7 bits per byte, sign taken from bit 6 of the first byte) */
    public static final int LOAD_CONST_SMALL_INT = BASE_VINT_E + 0x02;
    public static final int LOAD_CONST_STRING = BASE_QSTR_O + 0x00;
    /** operand: index into the constant table */
    public static final int LOAD_CONST_OBJ = BASE_VINT_E + 0x03;
    public static final int LOAD_NULL = BASE_BYTE_O + 0x03;

    public static final int LOAD_FAST_N = BASE_VINT_E + 0x04;
    public static final int LOAD_DEREF = BASE_VINT_E + 0x05;
    public static final int LOAD_NAME = BASE_QSTR_O + 0x01;
    public static final int LOAD_GLOBAL = BASE_QSTR_O + 0x02;
    public static final int LOAD_ATTR = BASE_QSTR_O + 0x03;
    public static final int LOAD_METHOD = BASE_QSTR_O + 0x04;
    public static final int LOAD_SUPER_METHOD = BASE_QSTR_O + 0x05;
    public static final int LOAD_BUILD_CLASS = BASE_BYTE_O + 0x04;
    public static final int LOAD_SUBSCR = BASE_BYTE_O + 0x05;

    public static final int STORE_FAST_N = BASE_VINT_E + 0x06;
    public static final int STORE_DEREF = BASE_VINT_E + 0x07;
    public static final int STORE_NAME = BASE_QSTR_O + 0x06;
    public static final int STORE_GLOBAL = BASE_QSTR_O + 0x07;
    public static final int STORE_ATTR = BASE_QSTR_O + 0x08;
    public static final int STORE_SUBSCR = BASE_BYTE_O + 0x06;

    public static final int DELETE_FAST = BASE_VINT_E + 0x08;
    public static final int DELETE_DEREF = BASE_VINT_E + 0x09;
    public static final int DELETE_NAME = BASE_QSTR_O + 0x09;
    public static final int DELETE_GLOBAL = BASE_QSTR_O + 0x0a;

    public static final int DUP_TOP = BASE_BYTE_O + 0x07;
    public static final int DUP_TOP_TWO = BASE_BYTE_O + 0x08;
    public static final int POP_TOP = BASE_BYTE_O + 0x09;
    public static final int ROT_TWO = BASE_BYTE_O + 0x0a;
    public static final int ROT_THREE = BASE_BYTE_O + 0x0b;

    /** signed offset, then a byte: the number of exception handlers to unwind (bit 7: pop an iterator) */
    public static final int UNWIND_JUMP = BASE_JUMP_E + 0x00;
    public static final int JUMP = BASE_JUMP_E + 0x02;
    public static final int POP_JUMP_IF_TRUE = BASE_JUMP_E + 0x03;
    public static final int POP_JUMP_IF_FALSE = BASE_JUMP_E + 0x04;
    /** this and the following jumps take an unsigned offset */
    public static final int JUMP_IF_TRUE_OR_POP = BASE_JUMP_E + 0x05;
    public static final int JUMP_IF_FALSE_OR_POP = BASE_JUMP_E + 0x06;
    public static final int SETUP_WITH = BASE_JUMP_E + 0x07;
    public static final int SETUP_EXCEPT = BASE_JUMP_E + 0x08;
    public static final int SETUP_FINALLY = BASE_JUMP_E + 0x09;
    public static final int POP_EXCEPT_JUMP = BASE_JUMP_E + 0x0a;
    public static final int FOR_ITER = BASE_JUMP_E + 0x0b;
    public static final int WITH_CLEANUP = BASE_BYTE_O + 0x0c;
    public static final int END_FINALLY = BASE_BYTE_O + 0x0d;
    public static final int GET_ITER = BASE_BYTE_O + 0x0e;
    public static final int GET_ITER_STACK = BASE_BYTE_O + 0x0f;

    public static final int BUILD_TUPLE = BASE_VINT_E + 0x0a;
    public static final int BUILD_LIST = BASE_VINT_E + 0x0b;
    public static final int BUILD_MAP = BASE_VINT_E + 0x0c;
    public static final int STORE_MAP = BASE_BYTE_E + 0x02;
    public static final int BUILD_SET = BASE_VINT_E + 0x0d;
    public static final int BUILD_SLICE = BASE_VINT_E + 0x0e;
    public static final int STORE_COMP = BASE_VINT_E + 0x0f;
    public static final int UNPACK_SEQUENCE = BASE_VINT_O + 0x00;
    public static final int UNPACK_EX = BASE_VINT_O + 0x01;

    public static final int RETURN_VALUE = BASE_BYTE_E + 0x03;
    public static final int RAISE_LAST = BASE_BYTE_E + 0x04;
    public static final int RAISE_OBJ = BASE_BYTE_E + 0x05;
    public static final int RAISE_FROM = BASE_BYTE_E + 0x06;
    public static final int YIELD_VALUE = BASE_BYTE_E + 0x07;
    public static final int YIELD_FROM = BASE_BYTE_E + 0x08;

    /** operand: index into the children of the current raw code */
    public static final int MAKE_FUNCTION = BASE_VINT_O + 0x02;
    public static final int MAKE_FUNCTION_DEFARGS = BASE_VINT_O + 0x03;
    /** operand: child index, then a byte: the number of closed-over cells */
    public static final int MAKE_CLOSURE = BASE_VINT_E + 0x00;
    public static final int MAKE_CLOSURE_DEFARGS = BASE_VINT_E + 0x01;
    /** operand: {@code n_positional | n_keyword << 8} */
    public static final int CALL_FUNCTION = BASE_VINT_O + 0x04;
    public static final int CALL_FUNCTION_VAR_KW = BASE_VINT_O + 0x05;
    public static final int CALL_METHOD = BASE_VINT_O + 0x06;
    public static final int CALL_METHOD_VAR_KW = BASE_VINT_O + 0x07;

    public static final int IMPORT_NAME = BASE_QSTR_O + 0x0b;
    public static final int IMPORT_FROM = BASE_QSTR_O + 0x0c;
    public static final int IMPORT_STAR = BASE_BYTE_E + 0x09;

    /** {@code 0x70 + n} pushes the small int {@code n - 16} for n in 0..63 */
    public static final int LOAD_CONST_SMALL_INT_MULTI = 0x70;
    public static final int LOAD_CONST_SMALL_INT_MULTI_NUM = 64;
    public static final int LOAD_CONST_SMALL_INT_MULTI_EXCESS = 16;
    /** {@code 0xb0 + n} loads local n for n in 0..15 */
    public static final int LOAD_FAST_MULTI = 0xb0;
    public static final int LOAD_FAST_MULTI_NUM = 16;
    /** {@code 0xc0 + n} stores local n for n in 0..15 */
    public static final int STORE_FAST_MULTI = 0xc0;
    public static final int STORE_FAST_MULTI_NUM = 16;
    /** {@code 0xd0 + op} for the unary ops that appear in bytecode */
    public static final int UNARY_OP_MULTI = 0xd0;
    public static final int UNARY_OP_MULTI_NUM = UnaryOp.NUM_BYTECODE;
    /** {@code 0xd7 + op} for the binary ops that appear in bytecode */
    public static final int BINARY_OP_MULTI = 0xd7;
    public static final int BINARY_OP_MULTI_NUM = BinaryOp.NUM_BYTECODE;

    /** Scope flags, the low four of which are part of the prelude signature. */
    public static final int SCOPE_FLAG_GENERATOR = 0x01;
    public static final int SCOPE_FLAG_VARKEYWORDS = 0x02;
    public static final int SCOPE_FLAG_VARARGS = 0x04;
    public static final int SCOPE_FLAG_DEFKWARGS = 0x08;
    public static final int SCOPE_FLAG_ALL_SIG = 0x0f;

    /** Unary operator numbers ({@code mp_unary_op_t}); the first four appear in bytecode. */
    public static final class UnaryOp {
        private UnaryOp() {}

        public static final int POSITIVE = 0;
        public static final int NEGATIVE = 1;
        public static final int INVERT = 2;
        public static final int NOT = 3;
        public static final int NUM_BYTECODE = 4;
    }

    /** Binary operator numbers ({@code mp_binary_op_t}) as they appear in bytecode. */
    public static final class BinaryOp {
        private BinaryOp() {}

        public static final int LESS = 0;
        public static final int MORE = 1;
        public static final int EQUAL = 2;
        public static final int LESS_EQUAL = 3;
        public static final int MORE_EQUAL = 4;
        public static final int NOT_EQUAL = 5;
        public static final int IN = 6;
        public static final int IS = 7;
        public static final int EXCEPTION_MATCH = 8;
        public static final int INPLACE_OR = 9;
        public static final int INPLACE_XOR = 10;
        public static final int INPLACE_AND = 11;
        public static final int INPLACE_LSHIFT = 12;
        public static final int INPLACE_RSHIFT = 13;
        public static final int INPLACE_ADD = 14;
        public static final int INPLACE_SUBTRACT = 15;
        public static final int INPLACE_MULTIPLY = 16;
        public static final int INPLACE_MAT_MULTIPLY = 17;
        public static final int INPLACE_FLOOR_DIVIDE = 18;
        public static final int INPLACE_TRUE_DIVIDE = 19;
        public static final int INPLACE_MODULO = 20;
        public static final int INPLACE_POWER = 21;
        public static final int OR = 22;
        public static final int XOR = 23;
        public static final int AND = 24;
        public static final int LSHIFT = 25;
        public static final int RSHIFT = 26;
        public static final int ADD = 27;
        public static final int SUBTRACT = 28;
        public static final int MULTIPLY = 29;
        public static final int MAT_MULTIPLY = 30;
        public static final int FLOOR_DIVIDE = 31;
        public static final int TRUE_DIVIDE = 32;
        public static final int MODULO = 33;
        public static final int POWER = 34;
        public static final int NUM_BYTECODE = 35;
        /** offset from an in-place operator to its plain form */
        public static final int INPLACE_TO_PLAIN = OR - INPLACE_OR;
    }
}
