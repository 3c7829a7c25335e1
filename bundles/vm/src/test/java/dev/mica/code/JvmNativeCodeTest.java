package dev.mica.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmNativeCodeTest {
    /** A bytecode prelude and body: no arguments, returns None. */
    private static final byte[] BYTECODE = {0x00, 0x04, 0x02, 0x40, 0x51, 0x63};

    private static byte[] join(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void viperHintsSurviveTheRoundTrip() throws Exception {
        EmitHints hints = new EmitHints(EmitMode.VIPER, Arrays.asList("int", null, "ptr8"), "uint",
                Arrays.asList("x", null, "buf", "i"));
        byte[] data = join(JvmNativeCode.hintsBlock(hints), BYTECODE);
        JvmNativeCode.Decoded decoded = JvmNativeCode.decode(RawCode.Kind.NATIVE_VIPER, data, -1);
        assertEquals(hints, decoded.hints());
        assertArrayEquals(BYTECODE, decoded.bytecode());
    }

    @Test
    void nativeCodeStartsAtItsPreludeOffset() throws Exception {
        EmitHints hints = new EmitHints(EmitMode.NATIVE, List.of(), null, List.of("n", "s"));
        byte[] block = JvmNativeCode.hintsBlock(hints);
        JvmNativeCode.Decoded decoded = JvmNativeCode.decode(RawCode.Kind.NATIVE_PYTHON, join(block, BYTECODE), block.length);
        assertEquals(hints, decoded.hints());
        assertArrayEquals(BYTECODE, decoded.bytecode());
        // an offset that does not fall right after the hints is a malformed file
        assertThrows(MpyReader.FormatException.class,
                () -> JvmNativeCode.decode(RawCode.Kind.NATIVE_PYTHON, join(block, BYTECODE), block.length + 1));
    }

    @Test
    void unknownTypesAndOverrunsAreRefused() {
        byte[] unknownType = {1, 9, 0, 0, 0x00, 0x04, 0x02, 0x40, 0x51, 0x63};
        assertThrows(MpyReader.FormatException.class, () -> JvmNativeCode.decode(RawCode.Kind.NATIVE_VIPER, unknownType, -1));
        byte[] nameTooLong = {0, 0, 1, 100, 'x'};
        assertThrows(MpyReader.FormatException.class, () -> JvmNativeCode.decode(RawCode.Kind.NATIVE_VIPER, nameTooLong, -1));
        byte[] noBytecode = {0, 0, 0};
        assertThrows(MpyReader.FormatException.class, () -> JvmNativeCode.decode(RawCode.Kind.NATIVE_VIPER, noBytecode, -1));
        // types belong to viper: a native function that names one is malformed
        byte[] typedNative = {1, 3, 0, 0, 0x00, 0x04, 0x02, 0x40, 0x51, 0x63};
        assertThrows(MpyReader.FormatException.class, () -> JvmNativeCode.decode(RawCode.Kind.NATIVE_PYTHON, typedNative, 4));
    }

    @Test
    void uintsAreWrittenHighGroupFirst() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JvmNativeCode.writeUint(out, 0x3fff);
        JvmNativeCode.writeUint(out, 5);
        assertArrayEquals(new byte[] {(byte) 0xff, 0x7f, 5}, out.toByteArray());
    }
}
