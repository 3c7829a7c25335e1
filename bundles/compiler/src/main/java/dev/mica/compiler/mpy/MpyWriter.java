package dev.mica.compiler.mpy;

import dev.mica.code.MpyReader;
import dev.mica.code.Constant;
import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.EmitMode;
import dev.mica.code.JvmNativeCode;
import dev.mica.code.RawCode;
import dev.mica.compiler.parse.QstrPool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a compiled module as a {@code .mpy} version 6 file, the format MicroPython v1.24 loads:
 * header, qstr table (names in the format's static table are written as indices), constant table
 * (numbers as their repr text), then the raw code tree. Functions compiled for an emitter
 * (native, viper) are written as native code of Mica's JVM architecture ({@link JvmNativeCode});
 * a module without them is exactly what mpy-cross writes.
 */
public final class MpyWriter {
    /** The {@code .mpy} format version written in the header. */
    public static final int VERSION = 6;
    /** Its sub-version, which a file records only when it holds native code. */
    public static final int SUB_VERSION = 3;

    private static final int OBJ_NONE = 1;
    private static final int OBJ_FALSE = 2;
    private static final int OBJ_TRUE = 3;
    private static final int OBJ_ELLIPSIS = 4;
    private static final int OBJ_STR = 5;
    private static final int OBJ_BYTES = 6;
    private static final int OBJ_INT = 7;
    private static final int OBJ_FLOAT = 8;
    private static final int OBJ_COMPLEX = 9;
    private static final int OBJ_TUPLE = 10;

    private static final Map<String, Integer> STATIC_QSTRS = loadStatic();

    private MpyWriter() {}

    private static Map<String, Integer> loadStatic() {
        List<String> names = MpyReader.staticQstrs();
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.putIfAbsent(names.get(i), i + 1); // qstr 0 is the null qstr
        }
        return out;
    }

    /** The module as mpy-cross writes it by default, for targets with 31-bit small ints. */
    public static byte[] write(CompiledModule module) {
        return write(module, CompileOptions.DEFAULT_SMALL_INT_BITS);
    }

    /**
     * The module for a target whose small ints have {@code smallIntBits} bits (the header's fourth
     * byte); the module must have been compiled for the same width.
     */
    public static byte[] write(CompiledModule module, int smallIntBits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('M');
        out.write(VERSION);
        // feature flags: architecture and sub-version only when the file holds native code
        out.write(hasNativeCode(module.root()) ? (JvmNativeCode.ARCH << 2) | SUB_VERSION : 0);
        out.write(smallIntBits);
        writeUint(out, module.qstrs().size());
        writeUint(out, module.constants().size());
        for (String q : module.qstrs()) {
            Integer idx = STATIC_QSTRS.get(q);
            if (idx != null) {
                writeUint(out, ((long) idx << 1) | 1);
            } else {
                byte[] b = q.getBytes(StandardCharsets.UTF_8);
                writeUint(out, (long) b.length << 1);
                out.writeBytes(b);
                out.write(0);
            }
        }
        for (Constant c : module.constants()) {
            writeConstant(out, c);
        }
        writeRawCode(out, module.root());
        return out.toByteArray();
    }

    private static void writeConstant(ByteArrayOutputStream out, Constant c) {
        if (c instanceof Constant.Str s) {
            byte[] b = s.value().getBytes(StandardCharsets.UTF_8);
            out.write(OBJ_STR);
            writeUint(out, b.length);
            out.writeBytes(b);
            out.write(0);
        } else if (c instanceof Constant.Bytes bs) {
            byte[] b = bs.value();
            out.write(OBJ_BYTES);
            writeUint(out, b.length);
            out.writeBytes(b);
            out.write(0);
        } else if (c instanceof Constant.Singleton s) {
            out.write(switch (s) {
                case NONE -> OBJ_NONE;
                case FALSE -> OBJ_FALSE;
                case TRUE -> OBJ_TRUE;
                case ELLIPSIS -> OBJ_ELLIPSIS;
            });
        } else if (c instanceof Constant.Tuple t) {
            out.write(OBJ_TUPLE);
            writeUint(out, t.items().size());
            for (Constant item : t.items()) {
                writeConstant(out, item);
            }
        } else {
            int type;
            String text;
            if (c instanceof Constant.Int i) {
                type = OBJ_INT;
                text = i.value().toString();
            } else if (c instanceof Constant.Float f) {
                type = OBJ_FLOAT;
                text = FloatRepr.of(f.value());
            } else {
                Constant.Complex x = (Constant.Complex) c;
                type = OBJ_COMPLEX;
                text = FloatRepr.ofComplex(x.real(), x.imag());
            }
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            out.write(type);
            writeUint(out, b.length);
            out.writeBytes(b);
        }
    }

    private static boolean hasNativeCode(RawCode rc) {
        if (rc.emitHints().mode() != EmitMode.BYTECODE) {
            return true;
        }
        for (RawCode child : rc.children()) {
            if (hasNativeCode(child)) {
                return true;
            }
        }
        return false;
    }

    private static void writeRawCode(ByteArrayOutputStream out, RawCode rc) {
        RawCode.Kind kind = JvmNativeCode.kindOf(rc.emitHints());
        byte[] data = rc.functionData();
        byte[] hints = kind == RawCode.Kind.BYTECODE ? new byte[0] : JvmNativeCode.hintsBlock(rc.emitHints());
        long length = (long) hints.length + data.length;
        writeUint(out, (length << 3) | (rc.children().isEmpty() ? 0 : 4) | kind.ordinal());
        out.writeBytes(hints);
        out.writeBytes(data);
        if (kind == RawCode.Kind.NATIVE_PYTHON) {
            writeUint(out, hints.length); // the prelude offset: the bytecode's prelude follows the hints
        } else if (kind == RawCode.Kind.NATIVE_VIPER) {
            writeUint(out, JvmNativeCode.viperScopeFlags(data));
        }
        if (!rc.children().isEmpty()) {
            writeUint(out, rc.children().size());
            for (RawCode child : rc.children()) {
                writeRawCode(out, child);
            }
        }
    }

    private static void writeUint(ByteArrayOutputStream out, long value) {
        JvmNativeCode.writeUint(out, value);
    }
}
