package dev.mica.compiler;

import dev.mica.code.CompiledModule;
import dev.mica.code.Opcodes;
import dev.mica.code.RawCode;
import java.util.ArrayList;
import java.util.List;

/** A readable listing of compiled bytecode, for debugging and tests. */
public final class Disassembler {
    private Disassembler() {}

    /** The decoded prelude of one raw code. */
    public record Prelude(int nState, int nExcStack, int scopeFlags, int nPosArgs, int nKwonlyArgs, int nDefPosArgs,
            int nInfo, int nCell, String simpleName, List<String> argNames, int bytecodeStart) {}

    public static Prelude prelude(CompiledModule module, RawCode code) {
        byte[] d = code.functionData();
        int[] ip = {0};
        int z = d[ip[0]++] & 0xff;
        int s = (z >> 3) & 0xf;
        int e = (z >> 2) & 1;
        int f = 0;
        int a = z & 3;
        int k = 0;
        int def = 0;
        for (int n = 0; (z & 0x80) != 0; n++) {
            z = d[ip[0]++] & 0xff;
            s |= (z & 0x30) << (2 * n);
            e |= (z & 0x02) << n;
            f |= ((z & 0x40) >> 6) << n;
            a |= (z & 0x4) << n;
            k |= ((z & 0x08) >> 3) << n;
            def |= (z & 0x1) << n;
        }
        s += 1;
        int c = 0;
        int info = 0;
        for (int n = 0; ; n++) {
            z = d[ip[0]++] & 0xff;
            c |= (z & 1) << n;
            info |= ((z & 0x7e) >> 1) << (6 * n);
            if ((z & 0x80) == 0) {
                break;
            }
        }
        int infoStart = ip[0];
        String name = module.qstrs().get((int) readUint(d, ip));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < a + k; i++) {
            args.add(module.qstrs().get((int) readUint(d, ip)));
        }
        return new Prelude(s, e, f, a, k, def, info, c, name, args, infoStart + info + c);
    }

    private static long readUint(byte[] d, int[] ip) {
        long v = 0;
        int b;
        do {
            b = d[ip[0]++] & 0xff;
            v = (v << 7) | (b & 0x7f);
        } while ((b & 0x80) != 0);
        return v;
    }

    /** One line per instruction: the opcode name and its decoded operand. */
    public static List<String> instructions(CompiledModule module, RawCode code) {
        byte[] d = code.functionData();
        int[] ip = {prelude(module, code).bytecodeStart()};
        List<String> out = new ArrayList<>();
        while (ip[0] < d.length) {
            int op = d[ip[0]++] & 0xff;
            String name = name(op);
            String operand = "";
            if (op >= Opcodes.LOAD_CONST_SMALL_INT_MULTI && op < 0xb0) {
                operand = " " + (op - Opcodes.LOAD_CONST_SMALL_INT_MULTI - Opcodes.LOAD_CONST_SMALL_INT_MULTI_EXCESS);
            } else if (op >= 0xb0 && op < 0xd0) {
                operand = " " + (op & 0xf);
            } else if (op >= 0xd0) {
                operand = " " + (op < Opcodes.BINARY_OP_MULTI ? op - Opcodes.UNARY_OP_MULTI : op - Opcodes.BINARY_OP_MULTI);
            } else {
                switch (Opcodes.format(op)) {
                    case Opcodes.FORMAT_QSTR -> operand = " " + module.qstrs().get((int) readUint(d, ip));
                    case Opcodes.FORMAT_VAR_UINT -> {
                        if (op == Opcodes.LOAD_CONST_SMALL_INT) {
                            long v = (d[ip[0]] & 0x40) != 0 ? -1 : 0;
                            int b;
                            do {
                                b = d[ip[0]++] & 0xff;
                                v = (v << 7) | (b & 0x7f);
                            } while ((b & 0x80) != 0);
                            operand = " " + v;
                        } else {
                            operand = " " + readUint(d, ip);
                        }
                    }
                    case Opcodes.FORMAT_OFFSET -> {
                        int b = d[ip[0]++] & 0xff;
                        int off = b & 0x7f;
                        if ((b & 0x80) != 0) {
                            off |= (d[ip[0]++] & 0xff) << 7;
                        }
                        boolean signed = op <= Opcodes.POP_JUMP_IF_FALSE;
                        if (signed) {
                            off -= (b & 0x80) != 0 ? 0x4000 : 0x40;
                        }
                        operand = " " + (ip[0] + off - prelude(module, code).bytecodeStart());
                    }
                    default -> { }
                }
                if (Opcodes.hasExtraByte(op) && Opcodes.format(op) != Opcodes.FORMAT_BYTE) {
                    operand += " " + (d[ip[0]++] & 0xff);
                }
            }
            out.add(name + operand);
        }
        return out;
    }

    /** A full listing of a code object and its children. */
    public static String listing(CompiledModule module) {
        StringBuilder sb = new StringBuilder();
        list(module, module.root(), sb);
        return sb.toString();
    }

    private static void list(CompiledModule module, RawCode code, StringBuilder sb) {
        Prelude p = prelude(module, code);
        sb.append(p.simpleName()).append(' ').append(p.argNames()).append(" n_state=").append(p.nState())
                .append(" n_exc_stack=").append(p.nExcStack()).append('\n');
        for (String ins : instructions(module, code)) {
            sb.append("  ").append(ins).append('\n');
        }
        for (RawCode child : code.children()) {
            list(module, child, sb);
        }
    }

    private static String name(int op) {
        for (java.lang.reflect.Field f : Opcodes.class.getFields()) {
            try {
                if (f.getType() == int.class && !f.getName().startsWith("BASE_") && !f.getName().startsWith("FORMAT_")
                        && !f.getName().startsWith("SCOPE_") && !f.getName().startsWith("MASK_")
                        && !f.getName().contains("MULTI") && f.getInt(null) == op) {
                    return f.getName();
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        if (op >= 0x70 && op < 0xb0) {
            return "LOAD_CONST_SMALL_INT";
        } else if (op >= 0xb0 && op < 0xc0) {
            return "LOAD_FAST";
        } else if (op >= 0xc0 && op < 0xd0) {
            return "STORE_FAST";
        } else if (op >= 0xd0 && op < 0xd7) {
            return "UNARY_OP";
        } else if (op >= 0xd7) {
            return "BINARY_OP";
        }
        return String.format("0x%02x", op);
    }
}
