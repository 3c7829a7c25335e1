package dev.mica.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MpyReaderTest {
    /** Module code: prelude (n_state 2, no args, name qstr 1) then LOAD_CONST_NONE, RETURN_VALUE. */
    private static final byte[] ROOT = {0x08, 0x02, 0x01, 0x51, 0x63};
    private static final byte[] CHILD = {(byte) 0x88, 0x40, 0x02, 0x02, 0x51, 0x63};

    private static void uint(ByteArrayOutputStream out, int v) {
        if (v >= 0x80) {
            out.write(0x80 | (v >> 7));
        }
        out.write(v & 0x7f);
    }

    private static void str(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        uint(out, b.length << 1);
        out.writeBytes(b);
        out.write(0);
    }

    /** A valid file: qstrs "prog.py", "<module>", static qstr "__init__"; three constants; one child. */
    static byte[] sample() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 6, 0, 31});
        uint(out, 3);
        uint(out, 3);
        str(out, "prog.py");
        str(out, "<module>");
        int init = MpyReader.staticQstrs().indexOf("__init__") + 1;
        uint(out, (init << 1) | 1);
        out.write(5);
        uint(out, 2);
        out.writeBytes("hi".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.write(7);
        String big = "123456789012345678901234567890";
        uint(out, big.length());
        out.writeBytes(big.getBytes(StandardCharsets.US_ASCII));
        out.write(10);
        uint(out, 2);
        out.write(1);
        out.write(8);
        uint(out, 3);
        out.writeBytes("2.5".getBytes(StandardCharsets.US_ASCII));
        uint(out, (ROOT.length << 3) | 4);
        out.writeBytes(ROOT);
        uint(out, 1);
        uint(out, CHILD.length << 3);
        out.writeBytes(CHILD);
        return out.toByteArray();
    }

    @Test
    void readsQstrsConstantsAndRawCode() throws Exception {
        CompiledModule m = MpyReader.read(sample());
        assertEquals("prog.py", m.sourceFile());
        assertEquals(List.of("prog.py", "<module>", "__init__"), m.qstrs());
        assertEquals(new Constant.Str("hi"), m.constants().get(0));
        assertEquals(new Constant.Int(new BigInteger("123456789012345678901234567890")), m.constants().get(1));
        assertEquals(new Constant.Tuple(List.of(Constant.Singleton.NONE, new Constant.Float(2.5))), m.constants().get(2));
        assertArrayEquals(ROOT, m.root().functionData());
        assertEquals(1, m.root().children().size());
        assertTrue(m.root().children().get(0).generator());
    }

    @Test
    void staticQstrTableStartsAsMicroPythonsDoes() {
        assertEquals("", MpyReader.staticQstrs().get(0));
        assertEquals("__dir__", MpyReader.staticQstrs().get(1));
        assertEquals("\n", MpyReader.staticQstrs().get(2));
    }

    @Test
    void refusesOtherVersionsAndNativeCode() {
        byte[] v5 = sample();
        v5[1] = 5;
        assertEquals("incompatible .mpy file", assertThrows(MpyReader.FormatException.class, () -> MpyReader.read(v5)).getMessage());
        byte[] native64 = sample();
        native64[2] = (byte) ((2 << 2) | 3);
        assertEquals("incompatible .mpy arch", assertThrows(MpyReader.FormatException.class, () -> MpyReader.read(native64)).getMessage());
        byte[] jvmOldSubVersion = sample();
        jvmOldSubVersion[2] = (byte) ((JvmNativeCode.ARCH << 2) | 2);
        assertEquals("incompatible .mpy file", assertThrows(MpyReader.FormatException.class, () -> MpyReader.read(jvmOldSubVersion)).getMessage());
        assertThrows(MpyReader.FormatException.class, () -> MpyReader.read("not an mpy".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] full = sample();
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThrows(MpyReader.FormatException.class, () -> MpyReader.read(cut), "length " + n);
        }
    }

    @Test
    void corruptedBytesNeverEscapeAsJavaErrors() {
        byte[] full = sample();
        for (int i = 4; i < full.length; i++) {
            for (int v : new int[] {0x00, 0x7f, 0x80, 0xff}) {
                byte[] bad = full.clone();
                bad[i] = (byte) v;
                try {
                    MpyReader.read(bad);
                } catch (MpyReader.FormatException expected) {
                    // a clean refusal is fine
                }
            }
        }
    }
}
