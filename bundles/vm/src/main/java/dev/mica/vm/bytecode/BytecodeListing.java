package dev.mica.vm.bytecode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import dev.mica.code.CompiledModule;
import dev.mica.code.Opcodes;
import dev.mica.code.RawCode;
import dev.mica.obj.Ops;

/**
 * The listing of compiled bytecode that the unix port prints with {@code -v -v}: for each code
 * block a header, its raw bytes, argument names, sizes, the line-number table, then one line
 * per instruction with its decoded operand. Blocks come in the order the compiler finishes
 * them: the module, then each level of nested functions in turn.
 */
public final class BytecodeListing {
    /** Method names shown after the binary operators of bytecode; empty where the port has none. */
    private static final String[] BINARY_OP_NAMES = {
        "__lt__", "__gt__", "__eq__", "__le__", "__ge__", "__ne__", "", "", "",
        "", "", "", "", "", "__iadd__", "__isub__", "", "", "", "", "", "",
        "__or__", "__xor__", "__and__", "__lshift__", "__rshift__", "__add__", "__sub__", "__mul__",
        "__matmul__", "__floordiv__", "__truediv__", "__mod__", "__pow__",
    };

    private static final String[] UNARY_OP_NAMES = {"__pos__", "__neg__", "__invert__", ""};

    private static final Map<Integer, String> OPCODE_NAMES = opcodeNames();

    private BytecodeListing() {}

    /** The listing of every bytecode block of a module. */
    public static String of(CompiledModule module) {
        ModuleContext context = new ModuleContext(module);
        StringBuilder out = new StringBuilder();
        Deque<RawCode> pending = new ArrayDeque<>();
        pending.add(module.root());
        while (!pending.isEmpty()) {
            RawCode code = pending.poll();
            if (code.kind() == RawCode.Kind.BYTECODE) {
                block(context, code, out);
            }
            pending.addAll(code.children());
        }
        return out.toString();
    }

    private static void block(ModuleContext context, RawCode code, StringBuilder out) {
        byte[] data = code.functionData();
        int[] ip = {0};
        // signature: state size, exception stack size, argument counts
        int z = data[ip[0]++] & 0xff;
        int nState = (z >> 3) & 0xf;
        int nExcStack = (z >> 2) & 1;
        int nPosArgs = z & 3;
        int nKwonlyArgs = 0;
        for (int n = 0; (z & 0x80) != 0; n++) {
            z = data[ip[0]++] & 0xff;
            nState |= (z & 0x30) << (2 * n);
            nExcStack |= (z & 0x02) << n;
            nPosArgs |= (z & 0x4) << n;
            nKwonlyArgs |= ((z & 0x08) >> 3) << n;
        }
        nState += 1;
        // sizes of the name/line table and of the cell list
        int nCell = 0;
        int nInfo = 0;
        for (int n = 0; ; n++) {
            z = data[ip[0]++] & 0xff;
            nCell |= (z & 1) << n;
            nInfo |= ((z & 0x7e) >> 1) << (6 * n);
            if ((z & 0x80) == 0) {
                break;
            }
        }
        int infoStart = ip[0];
        int preludeSize = infoStart + nInfo + nCell;
        String blockName = context.names[(int) readUint(data, ip)];
        out.append("File ").append(context.names[0]).append(", code block '").append(blockName)
                .append("' (descriptor: ").append(address(code)).append(", bytecode @").append(address(data))
                .append(' ').append(data.length).append(" bytes)\n");
        out.append("Raw bytecode (code_info_size=").append(preludeSize).append(", bytecode_size=")
                .append(data.length - preludeSize).append("):\n");
        for (int i = 0; i < data.length; i++) {
            if (i > 0 && i % 16 == 0) {
                out.append('\n');
            }
            out.append(String.format(" %02x", data[i] & 0xff));
        }
        out.append('\n');
        out.append("arg names:");
        for (int i = 0; i < nPosArgs + nKwonlyArgs; i++) {
            out.append(' ').append(context.names[(int) readUint(data, ip)]);
        }
        out.append('\n');
        out.append("(N_STATE ").append(nState).append(")\n");
        out.append("(N_EXC_STACK ").append(nExcStack).append(")\n");
        int lineTableEnd = infoStart + nInfo;
        for (int i = 0; i < nCell; i++) {
            out.append("(INIT_CELL ").append(data[lineTableEnd + i] & 0xff).append(")\n");
        }
        lineTable(data, ip[0], lineTableEnd, out);
        instructions(code, context, data, preludeSize, out);
    }

    private static void lineTable(byte[] data, int start, int end, StringBuilder out) {
        int bc = 0;
        int line = 1;
        out.append("  bc=").append(bc).append(" line=").append(line).append('\n');
        int i = start;
        while (i < end) {
            int b = data[i] & 0xff;
            if ((b & 0x80) == 0) {
                // one byte: 5 bits of bytecode offset, 2 of line delta
                bc += b & 0x1f;
                line += b >> 5;
                i += 1;
            } else {
                // two bytes: 4 bits of offset, 11 bits of line delta
                bc += b & 0xf;
                line += ((b << 4) & 0x700) | (data[i + 1] & 0xff);
                i += 2;
            }
            out.append("  bc=").append(bc).append(" line=").append(line).append('\n');
        }
    }

    private static void instructions(RawCode code, ModuleContext context, byte[] data, int start,
            StringBuilder out) {
        int[] ip = {start};
        while (ip[0] < data.length) {
            out.append(String.format("%02d ", ip[0] - start));
            out.append(instruction(code, context, data, start, ip)).append('\n');
        }
    }

    private static String instruction(RawCode code, ModuleContext context, byte[] data, int start, int[] ip) {
        int op = data[ip[0]++] & 0xff;
        if (op >= Opcodes.LOAD_CONST_SMALL_INT_MULTI) {
            return multiOpcode(op);
        }
        String name = OPCODE_NAMES.getOrDefault(op, String.format("0x%02x", op));
        switch (op) {
            case Opcodes.LOAD_CONST_SMALL_INT: {
                long value = (data[ip[0]] & 0x40) != 0 ? -1 : 0;
                int b;
                do {
                    b = data[ip[0]++] & 0xff;
                    value = (value << 7) | (b & 0x7f);
                } while ((b & 0x80) != 0);
                return name + " " + value;
            }
            case Opcodes.LOAD_CONST_STRING:
            case Opcodes.IMPORT_NAME:
            case Opcodes.IMPORT_FROM:
                return name + " '" + context.names[(int) readUint(data, ip)] + "'";
            case Opcodes.LOAD_CONST_OBJ: {
                int index = (int) readUint(data, ip);
                return name + " " + address(context.constants[index]) + "=" + Ops.repr(context.constants[index]);
            }
            case Opcodes.MAKE_FUNCTION:
            case Opcodes.MAKE_FUNCTION_DEFARGS:
                return name + " " + address(code.children().get((int) readUint(data, ip)));
            case Opcodes.MAKE_CLOSURE:
            case Opcodes.MAKE_CLOSURE_DEFARGS: {
                String child = address(code.children().get((int) readUint(data, ip)));
                return name + " " + child + " " + (data[ip[0]++] & 0xff);
            }
            case Opcodes.CALL_FUNCTION:
            case Opcodes.CALL_FUNCTION_VAR_KW:
            case Opcodes.CALL_METHOD:
            case Opcodes.CALL_METHOD_VAR_KW: {
                long counts = readUint(data, ip);
                return name + " n=" + (counts & 0xff) + " nkw=" + ((counts >> 8) & 0xff);
            }
            default:
                break;
        }
        switch (Opcodes.format(op)) {
            case Opcodes.FORMAT_QSTR:
                return name + " " + context.names[(int) readUint(data, ip)];
            case Opcodes.FORMAT_VAR_UINT:
                return name + " " + readUint(data, ip);
            case Opcodes.FORMAT_OFFSET: {
                int b = data[ip[0]++] & 0xff;
                int offset = b & 0x7f;
                if ((b & 0x80) != 0) {
                    offset |= (data[ip[0]++] & 0xff) << 7;
                }
                // the unconditional and pop-and-test jumps (and UNWIND_JUMP) may go backwards
                if (op <= Opcodes.POP_JUMP_IF_FALSE) {
                    offset -= (b & 0x80) != 0 ? 0x4000 : 0x40;
                }
                String text = name + " " + (ip[0] + offset - start);
                if (op == Opcodes.UNWIND_JUMP) {
                    text += " " + (data[ip[0]++] & 0xff);
                }
                return text;
            }
            default:
                return name;
        }
    }

    private static String multiOpcode(int op) {
        if (op < Opcodes.LOAD_CONST_SMALL_INT_MULTI + Opcodes.LOAD_CONST_SMALL_INT_MULTI_NUM) {
            return "LOAD_CONST_SMALL_INT "
                    + (op - Opcodes.LOAD_CONST_SMALL_INT_MULTI - Opcodes.LOAD_CONST_SMALL_INT_MULTI_EXCESS);
        } else if (op < Opcodes.LOAD_FAST_MULTI + Opcodes.LOAD_FAST_MULTI_NUM) {
            return "LOAD_FAST " + (op - Opcodes.LOAD_FAST_MULTI);
        } else if (op < Opcodes.STORE_FAST_MULTI + Opcodes.STORE_FAST_MULTI_NUM) {
            return "STORE_FAST " + (op - Opcodes.STORE_FAST_MULTI);
        } else if (op < Opcodes.UNARY_OP_MULTI + UNARY_OP_NAMES.length) {
            int unary = op - Opcodes.UNARY_OP_MULTI;
            return "UNARY_OP " + unary + " " + UNARY_OP_NAMES[unary];
        } else if (op < Opcodes.BINARY_OP_MULTI + BINARY_OP_NAMES.length) {
            int binary = op - Opcodes.BINARY_OP_MULTI;
            return "BINARY_OP " + binary + " " + BINARY_OP_NAMES[binary];
        }
        return String.format("0x%02x", op);
    }

    /** A stand-in for the C pointers the port prints (bare hex, as its %p): an identity hash. */
    private static String address(Object o) {
        return Integer.toHexString(System.identityHashCode(o));
    }

    private static long readUint(byte[] data, int[] ip) {
        long value = 0;
        int b;
        do {
            b = data[ip[0]++] & 0xff;
            value = (value << 7) | (b & 0x7f);
        } while ((b & 0x80) != 0);
        return value;
    }

    private static Map<Integer, String> opcodeNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : Opcodes.class.getFields()) {
            String n = f.getName();
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers()) || n.startsWith("BASE_")
                    || n.startsWith("FORMAT_") || n.startsWith("SCOPE_") || n.startsWith("MASK_") || n.contains("MULTI")) {
                continue;
            }
            try {
                names.putIfAbsent(f.getInt(null), n);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }
}
