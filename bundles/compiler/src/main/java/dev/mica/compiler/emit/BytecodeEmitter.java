package dev.mica.compiler.emit;

import dev.mica.code.Constant;
import dev.mica.code.Opcodes;
import dev.mica.compiler.scope.IdInfo;
import dev.mica.compiler.scope.IdKind;
import dev.mica.compiler.scope.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one scope's prelude and bytecode. Every pass runs the same calls: early passes only
 * measure, the last ones write. Jumps take one or two offset bytes depending on distance, so the
 * emit pass repeats until the code stops shrinking. Code after an unconditional jump, return or
 * raise is dropped until the next label.
 */
final class BytecodeEmitter {
    /** Stack slots a for-loop iterator takes. */
    static final int ITER_BUF_SLOTS = 4;
    static final int BREAK_FROM_FOR = 0x8000;

    static final int SUBSCR_LOAD = 0;
    static final int SUBSCR_STORE = 1;
    static final int SUBSCR_DELETE = 2;

    static final int SETUP_WITH = 0;
    static final int SETUP_EXCEPT = 1;
    static final int SETUP_FINALLY = 2;

    static final int BUILD_TUPLE = 0;
    static final int BUILD_LIST = 1;
    static final int BUILD_MAP = 2;
    static final int BUILD_SET = 3;
    static final int BUILD_SLICE = 4;

    static final int STAR_FLAG_SINGLE = 1;
    static final int STAR_FLAG_DOUBLE = 2;

    private final ModuleTables tables;
    private final boolean lineNumbers;

    private Pass pass;
    private Scope scope;
    private boolean suppress;
    private int stackSize;
    private int lastSourceLineOffset;
    private int lastSourceLine;
    private int[] labelOffsets = new int[16];

    private final ByteBuffer codeInfo = new ByteBuffer();
    private final ByteBuffer bytecode = new ByteBuffer();
    private int codeInfoSize;
    private int bytecodeSize;
    private int nInfo;
    private int nCell;
    private int nInfoStart;
    private boolean overflow;

    /** child scopes in MAKE_FUNCTION operand order */
    private final List<Scope> children = new ArrayList<>();
    private byte[] result;

    BytecodeEmitter(ModuleTables tables, boolean lineNumbers) {
        this.tables = tables;
        this.lineNumbers = lineNumbers;
    }

    Pass pass() {
        return pass;
    }

    List<Scope> children() {
        return children;
    }

    byte[] result() {
        return result;
    }

    void resetForScope() {
        nInfo = 0;
        nCell = 0;
        codeInfoSize = 0;
        bytecodeSize = 0;
        result = null;
        Arrays.fill(labelOffsets, 0);
    }

    // ---- prelude ----

    void startPass(Pass pass, Scope scope) {
        this.pass = pass;
        this.scope = scope;
        stackSize = 0;
        suppress = false;
        lastSourceLineOffset = 0;
        lastSourceLine = 1;
        codeInfo.clear();
        bytecode.clear();
        overflow = false;
        children.clear();

        int nState = scope.numLocals + scope.stackSize;
        if (nState == 0) {
            nState = 1;
        }
        writeSignature(nState, scope.excStackSize, scope.flags & Opcodes.SCOPE_FLAG_ALL_SIG,
                scope.numPosArgs, scope.numKwonlyArgs, scope.numDefPosArgs);
        if (pass.compareTo(Pass.CODE_SIZE) >= 0) {
            writeSizeInfo(nInfo, nCell);
        }
        nInfoStart = codeInfo.size();
        codeInfo.addUint(tables.qstr(scope.simpleName));
        for (int i = 0; i < scope.numPosArgs + scope.numKwonlyArgs; i++) {
            String name = "*";
            for (IdInfo id : scope.ids) {
                if (id.isParam() && id.localNum == i) {
                    name = id.name;
                    break;
                }
            }
            codeInfo.addUint(tables.qstr(name));
        }
    }

    private void writeSignature(int s, int e, int f, int a, int k, int d) {
        s -= 1;
        int z = (s & 0xf) << 3 | (e & 1) << 2 | (a & 3);
        s >>= 4;
        e >>= 1;
        a >>= 2;
        while ((s | e | f | a | k | d) != 0) {
            codeInfo.add(0x80 | z);
            z = (f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1);
            s >>= 2;
            e >>= 1;
            f >>= 1;
            a >>= 1;
            k >>= 1;
            d >>= 1;
        }
        codeInfo.add(z);
    }

    private void writeSizeInfo(int i, int c) {
        do {
            int z = (i & 0x3f) << 1 | (c & 1);
            c >>= 1;
            i >>= 6;
            if ((c | i) != 0) {
                z |= 0x80;
            }
            codeInfo.add(z);
        } while ((c | i) != 0);
    }

    /** Ends a pass; false when the emit pass must run again because the code shrank. */
    boolean endPass() {
        if (pass == Pass.SCOPE) {
            return true;
        }
        nInfo = codeInfo.size() - nInfoStart;
        nCell = 0;
        for (IdInfo id : scope.ids) {
            if (id.kind == IdKind.CELL) {
                codeInfo.add(id.localNum);
                nCell++;
            }
        }
        if (pass == Pass.CODE_SIZE) {
            codeInfoSize = codeInfo.size();
            bytecodeSize = bytecode.size();
        } else if (pass == Pass.EMIT) {
            if (codeInfo.size() != codeInfoSize || bytecode.size() != bytecodeSize) {
                codeInfoSize = codeInfo.size();
                bytecodeSize = bytecode.size();
                return false;
            }
            if (overflow) {
                throw new IllegalStateException("bytecode overflow");
            }
            byte[] out = new byte[codeInfoSize + bytecodeSize];
            System.arraycopy(codeInfo.toArray(), 0, out, 0, codeInfoSize);
            System.arraycopy(bytecode.toArray(), 0, out, codeInfoSize, bytecodeSize);
            result = out;
        }
        return true;
    }

    // ---- low-level writers ----

    void adjustStackSize(int delta) {
        if (pass == Pass.SCOPE) {
            return;
        }
        stackSize += delta;
        if (stackSize > scope.stackSize) {
            scope.stackSize = stackSize;
        }
    }

    private void rawByte(int b) {
        if (!suppress) {
            bytecode.add(b);
        }
    }

    private void op(int stackAdj, int opcode) {
        adjustStackSize(stackAdj);
        rawByte(opcode);
    }

    private void opUint(int stackAdj, int opcode, long value) {
        op(stackAdj, opcode);
        if (!suppress) {
            bytecode.addUint(value);
        }
    }

    private void opQstr(int stackAdj, int opcode, String q) {
        opUint(stackAdj, opcode, tables.qstr(q));
    }

    private void opInt(int stackAdj, int opcode, long num) {
        op(stackAdj, opcode);
        byte[] buf = new byte[11];
        int p = buf.length;
        do {
            buf[--p] = (byte) (num & 0x7f);
            num >>= 7;
        } while (num != 0 && num != -1);
        if (num == -1 && (buf[p] & 0x40) == 0) {
            buf[--p] = 0x7f;
        } else if (num == 0 && (buf[p] & 0x40) != 0) {
            buf[--p] = 0;
        }
        for (int i = p; i < buf.length; i++) {
            rawByte(i == buf.length - 1 ? buf[i] : (buf[i] | 0x80));
        }
    }

    private void opLabel(int stackAdj, int opcode, int label) {
        adjustStackSize(stackAdj);
        if (suppress) {
            return;
        }
        boolean signed = opcode <= Opcodes.POP_JUMP_IF_FALSE;
        int extra = 1;
        int offset = 0;
        if (pass.compareTo(Pass.CODE_SIZE) >= 0) {
            offset = labelOffset(label) - bytecode.size() - 2;
            if ((signed && -64 <= offset && offset <= 63) || (!signed && offset >= 0 && offset <= 127)) {
                extra = 0;
            }
            offset -= extra;
        }
        bytecode.add(opcode);
        if (extra == 0) {
            if (signed) {
                offset += 0x40;
            }
            bytecode.add(offset);
        } else {
            if (signed) {
                offset += 0x4000;
            }
            if (pass == Pass.EMIT && !(0 <= offset && offset <= 0x7fff)) {
                overflow = true;
            }
            bytecode.add(0x80 | (offset & 0x7f));
            bytecode.add((offset >> 7) & 0xff);
        }
    }

    private int labelOffset(int label) {
        return label < labelOffsets.length ? labelOffsets[label] : 0;
    }

    void setSourceLine(int line) {
        if (!lineNumbers || line <= lastSourceLine) {
            return;
        }
        int bytesToSkip = bytecode.size() - lastSourceLineOffset;
        int linesToSkip = line - lastSourceLine;
        while (bytesToSkip > 0 || linesToSkip > 0) {
            int b;
            int l;
            if (linesToSkip <= 6 || bytesToSkip > 0xf) {
                b = Math.min(bytesToSkip, 0x1f);
                l = b < bytesToSkip ? 0 : Math.min(linesToSkip, 0x3);
                codeInfo.add(b | (l << 5));
            } else {
                b = Math.min(bytesToSkip, 0xf);
                l = Math.min(linesToSkip, 0x7ff);
                codeInfo.add(0x80 | b | ((l >> 4) & 0x70));
                codeInfo.add(l & 0xff);
            }
            bytesToSkip -= b;
            linesToSkip -= l;
        }
        lastSourceLineOffset = bytecode.size();
        lastSourceLine = line;
    }

    void labelAssign(int label) {
        suppress = false;
        if (pass == Pass.SCOPE) {
            return;
        }
        if (label >= labelOffsets.length) {
            labelOffsets = Arrays.copyOf(labelOffsets, Math.max(label + 1, labelOffsets.length * 2));
        }
        labelOffsets[label] = bytecode.size();
    }

    // ---- instructions ----

    void importName(String q) {
        opQstr(-1, Opcodes.IMPORT_NAME, q);
    }

    void importFrom(String q) {
        opQstr(1, Opcodes.IMPORT_FROM, q);
    }

    void importStar() {
        op(-1, Opcodes.IMPORT_STAR);
    }

    void loadConstNone() {
        op(1, Opcodes.LOAD_CONST_NONE);
    }

    void loadConstBool(boolean b) {
        op(1, b ? Opcodes.LOAD_CONST_TRUE : Opcodes.LOAD_CONST_FALSE);
    }

    void loadConstSmallInt(long v) {
        if (-Opcodes.LOAD_CONST_SMALL_INT_MULTI_EXCESS <= v
                && v < Opcodes.LOAD_CONST_SMALL_INT_MULTI_NUM - Opcodes.LOAD_CONST_SMALL_INT_MULTI_EXCESS) {
            op(1, Opcodes.LOAD_CONST_SMALL_INT_MULTI + Opcodes.LOAD_CONST_SMALL_INT_MULTI_EXCESS + (int) v);
        } else {
            opInt(1, Opcodes.LOAD_CONST_SMALL_INT, v);
        }
    }

    void loadConstStr(String q) {
        opQstr(1, Opcodes.LOAD_CONST_STRING, q);
    }

    void loadConstObj(Constant c) {
        opUint(1, Opcodes.LOAD_CONST_OBJ, tables.constant(c));
    }

    void loadNull() {
        op(1, Opcodes.LOAD_NULL);
    }

    void loadFast(int localNum) {
        if (localNum <= 15) {
            op(1, Opcodes.LOAD_FAST_MULTI + localNum);
        } else {
            opUint(1, Opcodes.LOAD_FAST_N, localNum);
        }
    }

    void loadDeref(int localNum) {
        opUint(1, Opcodes.LOAD_DEREF, localNum);
    }

    void loadName(String q, boolean global) {
        opQstr(1, global ? Opcodes.LOAD_GLOBAL : Opcodes.LOAD_NAME, q);
    }

    void loadMethod(String q, boolean isSuper) {
        opQstr(isSuper ? -1 : 1, isSuper ? Opcodes.LOAD_SUPER_METHOD : Opcodes.LOAD_METHOD, q);
    }

    void loadBuildClass() {
        op(1, Opcodes.LOAD_BUILD_CLASS);
    }

    void subscr(int kind) {
        if (kind == SUBSCR_LOAD) {
            op(-1, Opcodes.LOAD_SUBSCR);
        } else {
            if (kind == SUBSCR_DELETE) {
                loadNull();
                rotThree();
            }
            op(-3, Opcodes.STORE_SUBSCR);
        }
    }

    void attrLoad(String q) {
        opQstr(0, Opcodes.LOAD_ATTR, q);
    }

    void attrStore(String q, boolean delete) {
        if (delete) {
            loadNull();
            rotTwo();
        }
        opQstr(-2, Opcodes.STORE_ATTR, q);
    }

    void storeFast(int localNum) {
        if (localNum <= 15) {
            op(-1, Opcodes.STORE_FAST_MULTI + localNum);
        } else {
            opUint(-1, Opcodes.STORE_FAST_N, localNum);
        }
    }

    void storeDeref(int localNum) {
        opUint(-1, Opcodes.STORE_DEREF, localNum);
    }

    void storeName(String q, boolean global) {
        opQstr(-1, global ? Opcodes.STORE_GLOBAL : Opcodes.STORE_NAME, q);
    }

    void deleteLocal(int localNum, boolean deref) {
        opUint(0, deref ? Opcodes.DELETE_DEREF : Opcodes.DELETE_FAST, localNum);
    }

    void deleteName(String q, boolean global) {
        opQstr(0, global ? Opcodes.DELETE_GLOBAL : Opcodes.DELETE_NAME, q);
    }

    void dupTop() {
        op(1, Opcodes.DUP_TOP);
    }

    void dupTopTwo() {
        op(2, Opcodes.DUP_TOP_TWO);
    }

    void popTop() {
        op(-1, Opcodes.POP_TOP);
    }

    void rotTwo() {
        op(0, Opcodes.ROT_TWO);
    }

    void rotThree() {
        op(0, Opcodes.ROT_THREE);
    }

    void jump(int label) {
        opLabel(0, Opcodes.JUMP, label);
        suppress = true;
    }

    void popJumpIf(boolean cond, int label) {
        opLabel(-1, cond ? Opcodes.POP_JUMP_IF_TRUE : Opcodes.POP_JUMP_IF_FALSE, label);
    }

    void jumpIfOrPop(boolean cond, int label) {
        opLabel(-1, cond ? Opcodes.JUMP_IF_TRUE_OR_POP : Opcodes.JUMP_IF_FALSE_OR_POP, label);
    }

    void unwindJump(int label, int exceptDepth) {
        if (exceptDepth == 0) {
            if ((label & BREAK_FROM_FOR) != 0) {
                for (int i = 0; i < ITER_BUF_SLOTS; i++) {
                    rawByte(Opcodes.POP_TOP);
                }
            }
            opLabel(0, Opcodes.JUMP, label & ~BREAK_FROM_FOR);
        } else {
            opLabel(0, Opcodes.UNWIND_JUMP, label & ~BREAK_FROM_FOR);
            rawByte(((label & BREAK_FROM_FOR) != 0 ? 0x80 : 0) | exceptDepth);
        }
        suppress = true;
    }

    void setupBlock(int label, int kind) {
        opLabel(kind == SETUP_WITH ? 2 : 0, Opcodes.SETUP_WITH + kind, label);
    }

    void withCleanup(int label) {
        loadConstNone();
        labelAssign(label);
        op(2, Opcodes.WITH_CLEANUP);
        adjustStackSize(-4);
    }

    void asyncWithSetupFinally(int labelAexitNoExc, int labelFinallyBlock, int labelRetUnwindJump) {
        loadConstNone();
        rotTwo();
        jump(labelAexitNoExc);
        labelAssign(labelFinallyBlock);
        dupTop();
        loadName("BaseException", true);
        binaryOp(Opcodes.BinaryOp.EXCEPTION_MATCH);
        popJumpIf(false, labelRetUnwindJump);
    }

    void endFinally() {
        op(-1, Opcodes.END_FINALLY);
    }

    void getIter(boolean useStack) {
        op(useStack ? ITER_BUF_SLOTS - 1 : 0, useStack ? Opcodes.GET_ITER_STACK : Opcodes.GET_ITER);
    }

    void forIter(int label) {
        opLabel(1, Opcodes.FOR_ITER, label);
    }

    void forIterEnd() {
        adjustStackSize(-ITER_BUF_SLOTS);
    }

    void popExceptJump(int label) {
        opLabel(0, Opcodes.POP_EXCEPT_JUMP, label);
        suppress = true;
    }

    void unaryOp(int op) {
        op(0, Opcodes.UNARY_OP_MULTI + op);
    }

    /** A binary operator; {@code invert} applies {@code not} after it (for "not in" and "is not"). */
    void binaryOp(int op, boolean invert) {
        op(-1, Opcodes.BINARY_OP_MULTI + op);
        if (invert) {
            op(0, Opcodes.UNARY_OP_MULTI + Opcodes.UnaryOp.NOT);
        }
    }

    void binaryOp(int op) {
        binaryOp(op, false);
    }

    void build(int n, int kind) {
        opUint(kind == BUILD_MAP ? 1 : 1 - n, Opcodes.BUILD_TUPLE + kind, n);
    }

    void storeMap() {
        op(-2, Opcodes.STORE_MAP);
    }

    /** @param collectionKind 0 list, 1 dict, 2 set */
    void storeComp(int collectionKind, int collectionStackIndex) {
        int n = collectionKind == 1 ? 1 : 0;
        opUint(-1 - n, Opcodes.STORE_COMP, ((long) (collectionStackIndex + n) << 2) | collectionKind);
    }

    void unpackSequence(int n) {
        opUint(-1 + n, Opcodes.UNPACK_SEQUENCE, n);
    }

    void unpackEx(int left, int right) {
        opUint(-1 + left + right + 1, Opcodes.UNPACK_EX, left | (right << 8));
    }

    private int child(Scope s) {
        children.add(s);
        return children.size() - 1;
    }

    void makeFunction(Scope s, int nPosDefaults, int nKwDefaults) {
        if (nPosDefaults == 0 && nKwDefaults == 0) {
            opUint(1, Opcodes.MAKE_FUNCTION, child(s));
        } else {
            opUint(-1, Opcodes.MAKE_FUNCTION_DEFARGS, child(s));
        }
    }

    void makeClosure(Scope s, int nClosedOver, int nPosDefaults, int nKwDefaults) {
        if (nPosDefaults == 0 && nKwDefaults == 0) {
            opUint(-nClosedOver + 1, Opcodes.MAKE_CLOSURE, child(s));
        } else {
            opUint(-2 - nClosedOver + 1, Opcodes.MAKE_CLOSURE_DEFARGS, child(s));
        }
        rawByte(nClosedOver);
    }

    private void call(int stackAdj, int base, int nPos, int nKw, int starFlags) {
        if (starFlags != 0) {
            stackAdj -= nPos + 2 * nKw + 1;
            opUint(stackAdj, base + 1, (nKw << 8) | nPos);
        } else {
            stackAdj -= nPos + 2 * nKw;
            opUint(stackAdj, base, (nKw << 8) | nPos);
        }
    }

    void callFunction(int nPos, int nKw, int starFlags) {
        call(0, Opcodes.CALL_FUNCTION, nPos, nKw, starFlags);
    }

    void callMethod(int nPos, int nKw, int starFlags) {
        call(-1, Opcodes.CALL_METHOD, nPos, nKw, starFlags);
    }

    void returnValue() {
        op(-1, Opcodes.RETURN_VALUE);
        suppress = true;
    }

    void raiseVarargs(int nArgs) {
        op(-nArgs, Opcodes.RAISE_LAST + nArgs);
        suppress = true;
    }

    void yieldValue() {
        op(0, Opcodes.YIELD_VALUE);
        scope.flags |= Opcodes.SCOPE_FLAG_GENERATOR;
    }

    void yieldFrom() {
        op(-1, Opcodes.YIELD_FROM);
        scope.flags |= Opcodes.SCOPE_FLAG_GENERATOR;
    }

    void startExceptHandler() {
        adjustStackSize(4);
    }

    void endExceptHandler() {
        adjustStackSize(-3);
    }
}
