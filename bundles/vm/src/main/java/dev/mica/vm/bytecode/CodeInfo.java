package dev.mica.vm.bytecode;

import java.util.ArrayList;
import java.util.List;

import dev.mica.code.Opcodes;
import dev.mica.code.RawCode;
import dev.mica.obj.HeapBudget;
import dev.mica.obj.Py;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;

/**
 * One raw code decoded once: the prelude's fields and the bytecode translated into fixed
 * three-int instructions {@code [opcode, operand, extra]} with jumps resolved to instruction
 * positions, multi-opcodes expanded and literal operands resolved into {@link #literals}.
 */
public final class CodeInfo {
    /** Internal opcode: push {@code literals[operand]} (small ints, constants, strings). */
    public static final int LOAD_LITERAL = 0x100;
    public static final int UNARY_OP = Opcodes.UNARY_OP_MULTI;
    public static final int BINARY_OP = Opcodes.BINARY_OP_MULTI;

    public final ModuleContext module;
    public final int nState;
    public final int nExcStack;
    public final int scopeFlags;
    public final int nPosArgs;
    public final int nKwonlyArgs;
    public final int nDefPosArgs;
    /** True for generator functions (a call makes a generator instead of running the code). */
    final boolean generator;
    public final String name;
    public final String[] argNames;
    public final int[] cells;
    public final int[] code;
    public final PyObject[] literals;
    /** Per instruction (index ip / 3): the inline cache of an attribute instruction, null until it runs. */
    final AttributeCache[] attributeCaches;
    public final CodeInfo[] children;
    /** The emitter the source asked for, and viper's types. */
    public final dev.mica.code.EmitHints hints;
    /** JVM code for this function and the emitter that made it; see {@link NativeCalls}. */
    volatile NativeCalls.Compiled compiled;
    /**
     * True when a decorator or option asked for an emitter other than bytecode, or when the
     * function became hot enough to be compiled ({@link #tiered}).
     */
    boolean wantsNative;
    /** Set when the function was sent to the emitter for being hot, not for a decorator. */
    volatile boolean tiered;
    /** Calls and backward jumps counted towards tiering. */
    int heat;
    private final int[] byteOffsets;
    private final byte[] lineTable;

    /**
     * Forgets the JVM code made by {@code owner} (an emitter that went away), so that nothing
     * of this function holds the emitter's classes; the next call runs as bytecode or is
     * compiled by the emitter bound then.
     */
    public void dropNativeCode(dev.mica.emit.NativeEmitter owner) {
        NativeCalls.Compiled c = compiled;
        if (c != null && c.owner() == owner) {
            compiled = null;
        }
    }

    /** More prelude bytes than any valid signature or size field has (their fields would overflow). */
    private static final int MAX_SIGNATURE_BYTES = 8;
    private static final int MAX_SIZE_BYTES = 4;

    public CodeInfo(RawCode raw, ModuleContext module) {
        this.module = module;
        this.hints = raw.emitHints();
        this.wantsNative = hints.mode() != dev.mica.code.EmitMode.BYTECODE;
        if (raw.kind() != RawCode.Kind.BYTECODE) {
            throw malformed();
        }
        byte[] d = raw.functionData();
        try {
            int[] pos = {0};
            int z = d[pos[0]++] & 0xff;
            int s = (z >> 3) & 0xf;
            int e = (z >> 2) & 1;
            int f = 0;
            int a = z & 3;
            int k = 0;
            int dd = 0;
            for (int n = 0; (z & 0x80) != 0; n++) {
                if (n >= MAX_SIGNATURE_BYTES) {
                    throw malformed();
                }
                z = d[pos[0]++] & 0xff;
                s |= (z & 0x30) << (2 * n);
                e |= (z & 0x02) << n;
                f |= ((z & 0x40) >> 6) << n;
                a |= (z & 0x4) << n;
                k |= ((z & 0x08) >> 3) << n;
                dd |= (z & 0x1) << n;
            }
            nState = s + 1;
            nExcStack = e;
            scopeFlags = f;
            nPosArgs = a;
            nKwonlyArgs = k;
            nDefPosArgs = dd;
            generator = (f & Opcodes.SCOPE_FLAG_GENERATOR) != 0;
            // the arguments (and *args, **kwargs) are locals: they live in the state too; each
            // exception block needs a SETUP instruction, so there are fewer than bytes
            int nArgSlots = nPosArgs + nKwonlyArgs + ((f & Opcodes.SCOPE_FLAG_VARARGS) != 0 ? 1 : 0)
                    + ((f & Opcodes.SCOPE_FLAG_VARKEYWORDS) != 0 ? 1 : 0);
            if (nExcStack > d.length || nDefPosArgs > nPosArgs || nArgSlots > nState) {
                throw malformed();
            }
            // a frame is allocated at every call: one larger than the whole heap never fits
            HeapBudget.checkSlots(nState);
            int nInfo = 0;
            int nCell = 0;
            for (int n = 0;; n++) {
                if (n >= MAX_SIZE_BYTES) {
                    throw malformed();
                }
                z = d[pos[0]++] & 0xff;
                nCell |= (z & 1) << n;
                nInfo |= ((z & 0x7e) >> 1) << (6 * n);
                if ((z & 0x80) == 0) {
                    break;
                }
            }
            int infoStart = pos[0];
            // sizes from the file are checked against the bytes there before anything is allocated
            if (nInfo < 0 || nCell < 0 || nInfo + nCell > d.length - infoStart
                    || 1 + nPosArgs + nKwonlyArgs > nInfo) {
                throw malformed();
            }
            name = module.names[readUint(d, pos)];
            argNames = new String[nPosArgs + nKwonlyArgs];
            for (int i = 0; i < argNames.length; i++) {
                argNames[i] = module.names[readUint(d, pos)];
            }
            int lineStart = pos[0];
            int bcStart = infoStart + nInfo + nCell;
            if (lineStart > infoStart + nInfo) {
                throw malformed();
            }
            lineTable = java.util.Arrays.copyOfRange(d, lineStart, infoStart + nInfo);
            cells = new int[nCell];
            for (int i = 0; i < nCell; i++) {
                cells[i] = d[infoStart + nInfo + i] & 0xff;
                if (cells[i] >= nState) {
                    throw malformed();
                }
            }
            List<PyObject> lits = new ArrayList<>();
            int[][] decoded = translate(d, bcStart, lits, raw.children().size());
            code = decoded[0];
            byteOffsets = decoded[1];
            literals = lits.toArray(new PyObject[0]);
            attributeCaches = new AttributeCache[code.length / 3];
        } catch (ArrayIndexOutOfBoundsException ex) {
            throw malformed();
        }
        children = new CodeInfo[raw.children().size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = new CodeInfo(raw.children().get(i), module);
        }
    }

    public boolean isGenerator() {
        return (scopeFlags & Opcodes.SCOPE_FLAG_GENERATOR) != 0;
    }

    public String sourceFile() {
        return module.sourceFile;
    }

    public String[] names() {
        return module.names;
    }

    /** A variable-length unsigned operand; one that does not fit an int is malformed. */
    static int readUint(byte[] d, int[] pos) {
        int v = 0;
        int b;
        do {
            if (v > (Integer.MAX_VALUE >> 7)) {
                throw malformed();
            }
            b = d[pos[0]++] & 0xff;
            v = (v << 7) | (b & 0x7f);
        } while ((b & 0x80) != 0);
        return v;
    }

    private static PyException malformed() {
        return Py.valueError("incompatible .mpy file");
    }

    /** An operand that indexes a table of {@code size} entries (names, locals, children). */
    private static int index(int operand, int size) {
        if (operand < 0 || operand >= size) {
            throw malformed();
        }
        return operand;
    }

    private int[][] translate(byte[] d, int start, List<PyObject> lits, int nChildren) {
        // pass 1: instruction start offsets
        List<Integer> starts = new ArrayList<>();
        int p = start;
        while (p < d.length) {
            starts.add(p - start);
            p = skip(d, p);
        }
        int n = starts.size();
        int[] offsetToIndex = new int[d.length - start + 1];
        java.util.Arrays.fill(offsetToIndex, -1);
        for (int i = 0; i < n; i++) {
            offsetToIndex[starts.get(i)] = i;
        }
        offsetToIndex[d.length - start] = n;
        int[] out = new int[n * 3 + 3];
        int[] offsets = new int[n + 1];
        p = start;
        for (int i = 0; i < n; i++) {
            offsets[i] = p - start;
            int op = d[p++] & 0xff;
            int o = i * 3;
            int[] pos = {p};
            if (op >= Opcodes.LOAD_CONST_SMALL_INT_MULTI && op < Opcodes.LOAD_CONST_SMALL_INT_MULTI + 64) {
                out[o] = LOAD_LITERAL;
                out[o + 1] = literal(lits, PyInt.of(op - Opcodes.LOAD_CONST_SMALL_INT_MULTI - 16));
            } else if (op >= Opcodes.LOAD_FAST_MULTI && op < Opcodes.LOAD_FAST_MULTI + 16) {
                out[o] = Opcodes.LOAD_FAST_N;
                out[o + 1] = index(op - Opcodes.LOAD_FAST_MULTI, nState);
            } else if (op >= Opcodes.STORE_FAST_MULTI && op < Opcodes.STORE_FAST_MULTI + 16) {
                out[o] = Opcodes.STORE_FAST_N;
                out[o + 1] = index(op - Opcodes.STORE_FAST_MULTI, nState);
            } else if (op >= Opcodes.UNARY_OP_MULTI && op < Opcodes.UNARY_OP_MULTI + Opcodes.UNARY_OP_MULTI_NUM) {
                out[o] = UNARY_OP;
                out[o + 1] = op - Opcodes.UNARY_OP_MULTI;
            } else if (op >= Opcodes.BINARY_OP_MULTI && op < Opcodes.BINARY_OP_MULTI + Opcodes.BINARY_OP_MULTI_NUM) {
                out[o] = BINARY_OP;
                out[o + 1] = op - Opcodes.BINARY_OP_MULTI;
            } else {
                out[o] = op;
                switch (Opcodes.format(op)) {
                    case Opcodes.FORMAT_QSTR: {
                        int q = index(readUint(d, pos), module.names.length);
                        if (op == Opcodes.LOAD_CONST_STRING) {
                            out[o] = LOAD_LITERAL;
                            out[o + 1] = literal(lits, module.nameObjects[q]);
                        } else {
                            out[o + 1] = q;
                        }
                        break;
                    }
                    case Opcodes.FORMAT_VAR_UINT:
                        if (op == Opcodes.LOAD_CONST_SMALL_INT) {
                            out[o] = LOAD_LITERAL;
                            out[o + 1] = literal(lits, PyInt.of(readSignedInt(d, pos)));
                        } else if (op == Opcodes.LOAD_CONST_OBJ) {
                            out[o] = LOAD_LITERAL;
                            out[o + 1] = literal(lits, module.constants[readUint(d, pos)]);
                        } else {
                            out[o + 1] = checkedOperand(op, readUint(d, pos), nChildren);
                        }
                        break;
                    case Opcodes.FORMAT_OFFSET: {
                        int b0 = d[pos[0]++] & 0xff;
                        int off;
                        boolean signed = op <= Opcodes.POP_JUMP_IF_FALSE;
                        if ((b0 & 0x80) != 0) {
                            off = (b0 & 0x7f) | ((d[pos[0]++] & 0xff) << 7);
                            if (signed) {
                                off -= 0x4000;
                            }
                        } else {
                            off = signed ? b0 - 0x40 : b0;
                        }
                        int target = pos[0] - start + off;
                        if (target < 0 || target >= offsetToIndex.length || offsetToIndex[target] < 0) {
                            throw Py.valueError("incompatible .mpy file");
                        }
                        out[o + 1] = offsetToIndex[target] * 3;
                        break;
                    }
                    default:
                        break;
                }
                if ((op == Opcodes.MAKE_CLOSURE || op == Opcodes.MAKE_CLOSURE_DEFARGS || op == Opcodes.UNWIND_JUMP)) {
                    out[o + 2] = d[pos[0]++] & 0xff;
                }
            }
            p = pos[0];
        }
        out[n * 3] = Opcodes.RETURN_VALUE;
        offsets[n] = d.length - start;
        for (int i = 0; i < out.length; i += 3) {
            out[i] = DispatchCodes.of(out[i]);
        }
        return new int[][] {out, offsets};
    }

    /**
     * An operand that the VM uses as a local slot, a child index or a count of stack values,
     * checked against what the frame has: the VM allocates and indexes with it unchecked.
     */
    private int checkedOperand(int op, int arg, int nChildren) {
        switch (op) {
            case Opcodes.LOAD_FAST_N:
            case Opcodes.STORE_FAST_N:
            case Opcodes.DELETE_FAST:
            case Opcodes.LOAD_DEREF:
            case Opcodes.STORE_DEREF:
            case Opcodes.DELETE_DEREF:
                return index(arg, nState);
            case Opcodes.MAKE_FUNCTION:
            case Opcodes.MAKE_FUNCTION_DEFARGS:
            case Opcodes.MAKE_CLOSURE:
            case Opcodes.MAKE_CLOSURE_DEFARGS:
                return index(arg, nChildren);
            case Opcodes.BUILD_TUPLE:
            case Opcodes.BUILD_LIST:
            case Opcodes.BUILD_SET:
            case Opcodes.UNPACK_SEQUENCE:
                return index(arg, nState + 1);
            case Opcodes.STORE_COMP:
                index(arg >> 2, nState + 1);
                return arg;
            case Opcodes.UNPACK_EX:
                index((arg & 0xff) + ((arg >> 8) & 0xff), nState + 1);
                return arg;
            default:
                return arg;
        }
    }

    private static int literal(List<PyObject> lits, PyObject o) {
        lits.add(o);
        return lits.size() - 1;
    }

    private static long readSignedInt(byte[] d, int[] pos) {
        int b = d[pos[0]] & 0xff;
        long v = (b & 0x40) != 0 ? -1 : 0;
        do {
            b = d[pos[0]++] & 0xff;
            v = (v << 7) | (b & 0x7f);
        } while ((b & 0x80) != 0);
        return v;
    }

    /** Offset of the instruction after the one at {@code p}. */
    private static int skip(byte[] d, int p) {
        int op = d[p++] & 0xff;
        if (op >= 0x70) {
            return p;
        }
        switch (Opcodes.format(op)) {
            case Opcodes.FORMAT_QSTR:
            case Opcodes.FORMAT_VAR_UINT:
                while ((d[p++] & 0x80) != 0) {
                    // continuation bytes
                }
                break;
            case Opcodes.FORMAT_OFFSET:
                if ((d[p++] & 0x80) != 0) {
                    p++;
                }
                break;
            default:
                break;
        }
        if (op == Opcodes.MAKE_CLOSURE || op == Opcodes.MAKE_CLOSURE_DEFARGS || op == Opcodes.UNWIND_JUMP) {
            p++;
        }
        return p;
    }

    /** The source line of the instruction at position {@code ip} (a multiple of 3). */
    public int lineOf(int ip) {
        int bcOffset = byteOffsets[Math.min(ip / 3, byteOffsets.length - 1)];
        int line = 1;
        int i = 0;
        while (i < lineTable.length) {
            int c = lineTable[i] & 0xff;
            int b;
            int l;
            if ((c & 0x80) == 0) {
                b = c & 0x1f;
                l = c >> 5;
                i += 1;
            } else {
                b = c & 0xf;
                l = ((c << 4) & 0x700) | (i + 1 < lineTable.length ? lineTable[i + 1] & 0xff : 0);
                i += 2;
            }
            if (bcOffset >= b) {
                bcOffset -= b;
                line += l;
            } else {
                break;
            }
        }
        return line;
    }
}
