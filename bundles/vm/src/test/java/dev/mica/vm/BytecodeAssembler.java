package dev.mica.vm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mica.code.CompiledModule;
import dev.mica.code.Constant;
import dev.mica.code.Opcodes;
import dev.mica.code.RawCode;

/**
 * Builds MicroPython bytecode (prelude and instructions) for tests: one assembler per module,
 * one {@link Code} per function. Jumps always use the two-byte offset form.
 */
final class BytecodeAssembler {
    private final List<String> qstrs = new ArrayList<>();
    private final List<Constant> constants = new ArrayList<>();

    BytecodeAssembler(String sourceFile) {
        qstrs.add(sourceFile);
    }

    int qstr(String s) {
        int i = qstrs.indexOf(s);
        if (i >= 0) {
            return i;
        }
        qstrs.add(s);
        return qstrs.size() - 1;
    }

    int constant(Constant c) {
        constants.add(c);
        return constants.size() - 1;
    }

    Code code(String name, String... argNames) {
        return new Code(name, argNames);
    }

    CompiledModule module(RawCode root) {
        return new CompiledModule(qstrs.get(0), qstrs, constants, root);
    }

    /** One function being assembled. */
    final class Code {
        private final String name;
        private final String[] argNames;
        private final ByteArrayOutputStream bc = new ByteArrayOutputStream();
        private final Map<String, Integer> labels = new HashMap<>();
        private final List<Object[]> fixups = new ArrayList<>();
        private final List<RawCode> children = new ArrayList<>();
        private final List<Integer> cells = new ArrayList<>();
        private int nState = 8;
        private int nExcStack;
        private int scopeFlags;
        private int nKwonly;
        private int nDefPos;
        private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
        private int lastLineOffset;
        private int lastLine = 1;

        Code(String name, String[] argNames) {
            this.name = name;
            this.argNames = argNames;
        }

        Code state(int n, int excStack) {
            nState = n;
            nExcStack = excStack;
            return this;
        }

        Code flags(int flags) {
            scopeFlags = flags;
            return this;
        }

        Code kwonly(int n) {
            nKwonly = n;
            return this;
        }

        Code defaults(int n) {
            nDefPos = n;
            return this;
        }

        Code cell(int local) {
            cells.add(local);
            return this;
        }

        Code child(RawCode c) {
            children.add(c);
            return this;
        }

        /** Marks the source line of the following instructions (lines must not decrease). */
        Code line(int line) {
            int b = bc.size() - lastLineOffset;
            int l = line - lastLine;
            while (b > 31 || l > 3) {
                int bb = Math.min(b, 31);
                int ll = Math.min(l, 3);
                lines.write(bb | (ll << 5));
                b -= bb;
                l -= ll;
            }
            if (b > 0 || l > 0) {
                lines.write(b | (l << 5));
            }
            lastLineOffset = bc.size();
            lastLine = line;
            return this;
        }

        Code op(int opcode) {
            bc.write(opcode);
            return this;
        }

        Code op(int opcode, int uint) {
            bc.write(opcode);
            writeUint(bc, uint);
            return this;
        }

        Code opByte(int opcode, int uint, int extra) {
            op(opcode, uint);
            bc.write(extra);
            return this;
        }

        Code name(int opcode, String qstr) {
            return op(opcode, qstr(qstr));
        }

        Code smallInt(long v) {
            if (v >= -16 && v < 48) {
                return op(Opcodes.LOAD_CONST_SMALL_INT_MULTI + (int) v + 16);
            }
            bc.write(Opcodes.LOAD_CONST_SMALL_INT);
            writeSigned(bc, v);
            return this;
        }

        Code binary(int binaryOp) {
            return op(Opcodes.BINARY_OP_MULTI + binaryOp);
        }

        Code jump(int opcode, String label) {
            bc.write(opcode);
            fixups.add(new Object[] {bc.size(), label, opcode <= Opcodes.POP_JUMP_IF_FALSE});
            bc.write(0);
            bc.write(0);
            return this;
        }

        Code unwindJump(String label, int count) {
            jump(Opcodes.UNWIND_JUMP, label);
            bc.write(count);
            return this;
        }

        Code label(String label) {
            labels.put(label, bc.size());
            return this;
        }

        RawCode build() {
            byte[] code = bc.toByteArray();
            for (Object[] f : fixups) {
                int at = (Integer) f[0];
                int target = labels.get((String) f[1]);
                int off = target - (at + 2);
                if ((Boolean) f[2]) {
                    off += 0x4000;
                }
                code[at] = (byte) ((off & 0x7f) | 0x80);
                code[at + 1] = (byte) (off >> 7);
            }
            ByteArrayOutputStream info = new ByteArrayOutputStream();
            writeUint(info, qstr(name));
            for (String a : argNames) {
                writeUint(info, qstr(a));
            }
            info.writeBytes(lines.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeSignature(out, nState - 1, nExcStack, scopeFlags, argNames.length - nKwonly, nKwonly, nDefPos);
            writeSize(out, info.size(), cells.size());
            out.writeBytes(info.toByteArray());
            for (int c : cells) {
                out.write(c);
            }
            out.writeBytes(code);
            return new RawCode(RawCode.Kind.BYTECODE, out.toByteArray(), children, (scopeFlags & 1) != 0);
        }
    }

    static void writeUint(ByteArrayOutputStream out, long v) {
        byte[] buf = new byte[10];
        int p = buf.length;
        buf[--p] = (byte) (v & 0x7f);
        v >>>= 7;
        while (v != 0) {
            buf[--p] = (byte) (0x80 | (v & 0x7f));
            v >>>= 7;
        }
        out.write(buf, p, buf.length - p);
    }

    static void writeSigned(ByteArrayOutputStream out, long v) {
        byte[] buf = new byte[10];
        int p = buf.length;
        buf[--p] = (byte) (v & 0x7f);
        long rest = v >> 7;
        // keep going until the remaining bits and the sign bit (bit 6 of the first byte) agree
        while (!(rest == 0 && (buf[p] & 0x40) == 0) && !(rest == -1 && (buf[p] & 0x40) != 0)) {
            buf[--p] = (byte) (0x80 | (rest & 0x7f));
            rest >>= 7;
        }
        out.write(buf, p, buf.length - p);
    }

    static void writeSignature(ByteArrayOutputStream out, int s, int e, int f, int a, int k, int d) {
        List<Integer> bytes = new ArrayList<>();
        bytes.add(((s & 0xf) << 3) | ((e & 1) << 2) | (a & 3));
        for (int n = 0; (s >> (4 + 2 * n)) != 0 || (e >> (1 + n)) != 0 || (f >> n) != 0 || (a >> (2 + n)) != 0
                || (k >> n) != 0 || (d >> n) != 0; n++) {
            bytes.set(bytes.size() - 1, bytes.get(bytes.size() - 1) | 0x80);
            bytes.add((((f >> n) & 1) << 6) | (((s >> (4 + 2 * n)) & 3) << 4) | (((k >> n) & 1) << 3)
                    | (((a >> (2 + n)) & 1) << 2) | (((e >> (1 + n)) & 1) << 1) | ((d >> n) & 1));
        }
        for (int b : bytes) {
            out.write(b);
        }
    }

    static void writeSize(ByteArrayOutputStream out, int nInfo, int nCell) {
        int n = 0;
        while (true) {
            int z = (((nInfo >> (6 * n)) & 0x3f) << 1) | ((nCell >> n) & 1);
            boolean more = (nInfo >> (6 * (n + 1))) != 0 || (nCell >> (n + 1)) != 0;
            out.write(more ? z | 0x80 : z);
            n++;
            if (!more) {
                break;
            }
        }
    }
}
