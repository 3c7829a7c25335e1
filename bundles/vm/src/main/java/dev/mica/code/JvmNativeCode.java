package dev.mica.code;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mica's native code in a {@code .mpy} file: the "machine code" of the JVM architecture.
 *
 * <p>A MicroPython {@code .mpy} names the architecture its native functions were compiled for
 * (bits 2..7 of the header's third byte) and stores each such function as raw code of kind
 * native-Python or viper. Mica's emitter turns bytecode into JVM classes when a module is
 * loaded, so its native code is portable: the function's ordinary bytecode (prelude first)
 * preceded by what the emitter needs beyond it, the hints block:
 * <pre>
 *   uint n; n × uint arg type     (0 = no annotation, else 1 + index in {@link #VIPER_TYPES})
 *   uint return type              (same coding)
 *   uint m; m × (uint len+1, utf-8 bytes)   local slot names (0 = unnamed slot)
 * </pre>
 * A native-Python function's prelude offset (the uint MicroPython reads after its code) points
 * past the hints block, at the bytecode prelude, so the prelude is where the format says.
 * The architecture number is the format's highest, far from MicroPython's own list, so a
 * MicroPython refuses such a file with its {@code incompatible .mpy arch}.
 */
public final class JvmNativeCode {
    /** The architecture number Mica's native code is written under. */
    public static final int ARCH = 63;
    /** Its name for {@code mica-cross -march=}. */
    public static final String ARCH_NAME = "jvm";

    /** Viper's types in the order of MicroPython's native type numbers. */
    public static final List<String> VIPER_TYPES = List.of("object", "bool", "int", "uint", "ptr", "ptr8", "ptr16", "ptr32");

    /** A native function's code as read back: its hints and its bytecode. */
    public record Decoded(EmitHints hints, byte[] bytecode) {}

    private JvmNativeCode() {}

    /** The raw-code kind a function with these hints is written as. */
    public static RawCode.Kind kindOf(EmitHints hints) {
        return switch (hints.mode()) {
            case BYTECODE -> RawCode.Kind.BYTECODE;
            case NATIVE -> RawCode.Kind.NATIVE_PYTHON;
            case VIPER -> RawCode.Kind.NATIVE_VIPER;
        };
    }

    /** The hints block that precedes a native function's bytecode. */
    public static byte[] hintsBlock(EmitHints hints) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeUint(out, hints.argTypes().size());
        for (String t : hints.argTypes()) {
            writeUint(out, typeCode(t));
        }
        writeUint(out, typeCode(hints.returnType()));
        writeUint(out, hints.localNames().size());
        for (String name : hints.localNames()) {
            if (name == null) {
                writeUint(out, 0);
            } else {
                byte[] b = name.getBytes(StandardCharsets.UTF_8);
                writeUint(out, b.length + 1L);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * Splits a native function's data into hints and bytecode.
     *
     * @param preludeOffset where the bytecode starts, or -1 to find it after the hints block
     *        (viper functions, whose format records no prelude offset)
     */
    public static Decoded decode(RawCode.Kind kind, byte[] funData, int preludeOffset) throws MpyReader.FormatException {
        Cursor c = new Cursor(funData);
        List<String> argTypes = new ArrayList<>();
        int nArgs = c.count();
        for (int i = 0; i < nArgs; i++) {
            argTypes.add(c.type());
        }
        String returnType = c.type();
        List<String> localNames = new ArrayList<>();
        int nLocals = c.count();
        for (int i = 0; i < nLocals; i++) {
            int len = c.count();
            localNames.add(len == 0 ? null : c.text(len - 1));
        }
        int start = preludeOffset < 0 ? c.pos : preludeOffset;
        if (start != c.pos || start >= funData.length) {
            throw new MpyReader.FormatException(MpyReader.INCOMPATIBLE);
        }
        EmitMode mode = kind == RawCode.Kind.NATIVE_VIPER ? EmitMode.VIPER : EmitMode.NATIVE;
        if (mode == EmitMode.NATIVE && (!argTypes.isEmpty() || returnType != null)) {
            throw new MpyReader.FormatException(MpyReader.INCOMPATIBLE); // types are viper's alone
        }
        byte[] bytecode = java.util.Arrays.copyOfRange(funData, start, funData.length);
        return new Decoded(new EmitHints(mode, argTypes, returnType, localNames), bytecode);
    }

    /**
     * The scope flags written after a viper function's code: those of its bytecode prelude,
     * none of which asks for relocation, read-only data or BSS.
     */
    public static int viperScopeFlags(byte[] bytecode) {
        return MpyReader.scopeFlags(bytecode) & 0x0f;
    }

    private static int typeCode(String type) {
        if (type == null) {
            return 0;
        }
        int i = VIPER_TYPES.indexOf(type);
        if (i < 0) {
            throw new IllegalArgumentException("not a viper type: " + type);
        }
        return i + 1;
    }

    /** Appends an unsigned int in the {@code .mpy} format's encoding: 7 bits a byte, high first. */
    public static void writeUint(ByteArrayOutputStream out, long value) {
        byte[] buf = new byte[10];
        int p = buf.length;
        buf[--p] = (byte) (value & 0x7f);
        value >>>= 7;
        while (value != 0) {
            buf[--p] = (byte) (0x80 | (value & 0x7f));
            value >>>= 7;
        }
        out.write(buf, p, buf.length - p);
    }

    /** Reads the hints block, refusing anything that runs past the data or names no type. */
    private static final class Cursor {
        private final byte[] data;
        int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        int count() throws MpyReader.FormatException {
            long v = 0;
            int b;
            do {
                if (pos >= data.length) {
                    throw new MpyReader.FormatException(MpyReader.INCOMPATIBLE);
                }
                b = data[pos++] & 0xff;
                v = (v << 7) | (b & 0x7f);
                if (v > data.length) {
                    throw new MpyReader.FormatException(MpyReader.INCOMPATIBLE);
                }
            } while ((b & 0x80) != 0);
            return (int) v;
        }

        String type() throws MpyReader.FormatException {
            int code = count();
            if (code > VIPER_TYPES.size()) {
                throw new MpyReader.FormatException(MpyReader.INCOMPATIBLE);
            }
            return code == 0 ? null : VIPER_TYPES.get(code - 1);
        }

        String text(int len) throws MpyReader.FormatException {
            if (len > data.length - pos) {
                throw new MpyReader.FormatException(MpyReader.INCOMPATIBLE);
            }
            String s = new String(data, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
