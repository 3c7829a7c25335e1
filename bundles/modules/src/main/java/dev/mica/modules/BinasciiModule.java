package dev.mica.modules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.Buffers;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;

/**
 * The {@code binascii} module: hex and base64 conversions and CRC-32, with MicroPython's lenient
 * base64 decoder (characters outside the alphabet are skipped, padding ends the data early).
 */
@Component(service = ModuleProvider.class)
public final class BinasciiModule implements ModuleProvider {
    private static final byte[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC_TABLE[n] = c;
        }
    }

    @Override
    public String name() {
        return "binascii";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("binascii");
        m.setAttr("hexlify", new PyBuiltinFunction("hexlify", 1, 2, false, (a, kw) -> {
            // bytes.hex does the work; hexlify takes any buffer (a str too) and gives bytes
            PyObject[] args = a.clone();
            args[0] = new PyBytes(Buffers.bytesOf(a[0]));
            PyObject hex = Ops.getAttr(PyBytes.TYPE, "hex").call(args, null);
            return hex instanceof PyBytes b ? b : new PyBytes(Ops.str(hex).getBytes(StandardCharsets.US_ASCII));
        }));
        m.setAttr("unhexlify", new PyBuiltinFunction("unhexlify", 1, 1, false,
                (a, kw) -> Ops.getAttr(PyBytes.TYPE, "fromhex").call(new PyObject[] {a[0]}, null)));
        m.setAttr("a2b_base64", new PyBuiltinFunction("a2b_base64", 1, 1, false, (a, kw) -> decodeBase64(Buffers.bytesOf(a[0]))));
        m.setAttr("b2a_base64", new PyBuiltinFunction("b2a_base64", 1, 2, true, (a, kw) -> {
            Py.checkKeywords(kw, "newline");
            if (Py.positional(a, kw) > 2) {
                throw Py.typeError("function expected at most 2 arguments, got " + Py.positional(a, kw));
            }
            PyObject newline = Py.positional(a, kw) > 1 ? a[1] : Py.keyword(a, kw, "newline");
            return encodeBase64(Buffers.bytesOf(a[0]), newline == null || newline.isTrue());
        }));
        m.setAttr("crc32", new PyBuiltinFunction("crc32", 1, 2, false, (a, kw) -> {
            byte[] data = Buffers.bytesOf(a[0]);
            int crc = a.length > 1 ? (int) PyInt.truncatedValue(a[1]) : 0;
            return PyInt.of(Integer.toUnsignedLong(crc32(data, crc)));
        }));
        return m.seal();
    }

    static int crc32(byte[] data, int start) {
        int c = ~start;
        for (byte b : data) {
            c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }

    private static int sextet(int ch) {
        if (ch >= 'A' && ch <= 'Z') {
            return ch - 'A';
        }
        if (ch >= 'a' && ch <= 'z') {
            return ch - 'a' + 26;
        }
        if (ch >= '0' && ch <= '9') {
            return ch - '0' + 52;
        }
        return ch == '+' ? 62 : ch == '/' ? 63 : -1;
    }

    /**
     * Collects 6 bits per alphabet character and skips anything else. A pad character ends the
     * data where padding is due: after 2 leftover bits, or after 4 bits and a second pad.
     */
    private static PyBytes decodeBase64(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = 0;
        int pending = 0;
        boolean padSeen = false;
        for (byte b : in) {
            if (b == '=') {
                if (pending == 2 || pending == 4 && padSeen) {
                    pending = 0;
                    break;
                }
                padSeen = true;
            }
            int v = sextet(b & 0xff);
            if (v < 0) {
                continue;
            }
            padSeen = false;
            bits = bits << 6 | v;
            pending += 6;
            if (pending >= 8) {
                pending -= 8;
                out.write(bits >> pending);
            }
        }
        if (pending != 0) {
            throw Py.valueError("incorrect padding");
        }
        return new PyBytes(out.toByteArray());
    }

    private static PyBytes encodeBase64(byte[] in, boolean newline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i += 3) {
            int left = Math.min(3, in.length - i);
            int group = (in[i] & 0xff) << 16 | (left > 1 ? (in[i + 1] & 0xff) << 8 : 0) | (left > 2 ? in[i + 2] & 0xff : 0);
            out.write(BASE64[group >> 18 & 63]);
            out.write(BASE64[group >> 12 & 63]);
            out.write(left > 1 ? BASE64[group >> 6 & 63] : '=');
            out.write(left > 2 ? BASE64[group & 63] : '=');
        }
        if (newline) {
            out.write('\n');
        }
        return new PyBytes(out.toByteArray());
    }
}
