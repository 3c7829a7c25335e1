package dev.mica.code;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a MicroPython {@code .mpy} file (version 6) into a {@link CompiledModule}: bytecode,
 * and native code of Mica's own architecture ({@link JvmNativeCode}). Any other version or
 * malformed input is refused with a {@link FormatException} whose message is MicroPython's
 * ({@code incompatible .mpy file}); machine code for another architecture with
 * {@code incompatible .mpy arch}, as a MicroPython with a native emitter refuses it.
 */
public final class MpyReader {
    private static final int MPY_VERSION = 6;
    private static final int MAX_SMALL_INT_BITS = 63;
    private static final int MAX_NESTING = 1000;
    static final String INCOMPATIBLE = "incompatible .mpy file";
    private static final String INCOMPATIBLE_ARCH = "incompatible .mpy arch";
    /** The sub-version a file with native code must have. */
    private static final int MPY_SUB_VERSION = 3;
    private static final int SCOPE_FLAG_VIPER_RODATA = 0x20;
    private static final int SCOPE_FLAG_VIPER_BSS = 0x40;
    private static final List<String> STATIC_QSTRS = loadStaticQstrs();

    /** A {@code .mpy} file this reader cannot load. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] data;
    private int pos;
    /** True when the header names Mica's architecture, so native raw code may follow. */
    private boolean jvmNative;

    private MpyReader(byte[] data) {
        this.data = data;
    }

    /** Reads a whole {@code .mpy} file. */
    public static CompiledModule read(byte[] data) throws FormatException {
        MpyReader r = new MpyReader(data);
        try {
            return r.readModule();
        } catch (IndexOutOfBoundsException | NumberFormatException | ArithmeticException e) {
            throw new FormatException(INCOMPATIBLE);
        }
    }

    /** The qstrs MicroPython's {@code .mpy} files refer to by number (index 1 is the first). */
    public static List<String> staticQstrs() {
        return STATIC_QSTRS;
    }

    private CompiledModule readModule() throws FormatException {
        if (data.length < 4 || data[0] != 'M' || data[1] != MPY_VERSION) {
            throw new FormatException(INCOMPATIBLE);
        }
        int features = data[2] & 0xff;
        int arch = features >> 2;
        if ((arch != 0 && (features & 3) != MPY_SUB_VERSION) || (data[3] & 0xff) > MAX_SMALL_INT_BITS) {
            throw new FormatException(INCOMPATIBLE);
        }
        if (arch != 0 && arch != JvmNativeCode.ARCH) {
            throw new FormatException(INCOMPATIBLE_ARCH);
        }
        jvmNative = arch == JvmNativeCode.ARCH;
        pos = 4;
        int nQstr = readCount();
        int nObj = readCount();
        List<String> qstrs = new ArrayList<>(nQstr);
        for (int i = 0; i < nQstr; i++) {
            qstrs.add(readQstr());
        }
        List<Constant> constants = new ArrayList<>(nObj);
        for (int i = 0; i < nObj; i++) {
            constants.add(readObject(0));
        }
        if (qstrs.isEmpty()) {
            throw new FormatException(INCOMPATIBLE);
        }
        RawCode root = readRawCode(0);
        return new CompiledModule(qstrs.get(0), qstrs, constants, root);
    }

    private int readByte() {
        return data[pos++] & 0xff;
    }

    private long readUint() throws FormatException {
        long v = 0;
        int b;
        do {
            b = readByte();
            v = (v << 7) | (b & 0x7f);
            if (v > Integer.MAX_VALUE) {
                throw new FormatException(INCOMPATIBLE);
            }
        } while ((b & 0x80) != 0);
        return v;
    }

    /** A length or count that must fit in the rest of the file. */
    private int readCount() throws FormatException {
        long n = readUint();
        if (n > data.length - pos + 1L) {
            throw new FormatException(INCOMPATIBLE);
        }
        return (int) n;
    }

    private byte[] readBytes(int n) throws FormatException {
        if (n < 0 || n > data.length - pos) {
            throw new FormatException(INCOMPATIBLE);
        }
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    private String readQstr() throws FormatException {
        long len = readUint();
        if ((len & 1) != 0) {
            int index = (int) (len >> 1);
            if (index < 1 || index > STATIC_QSTRS.size()) {
                throw new FormatException(INCOMPATIBLE);
            }
            return STATIC_QSTRS.get(index - 1);
        }
        byte[] b = readBytes((int) (len >> 1));
        readByte(); // terminating zero
        return new String(b, StandardCharsets.UTF_8);
    }

    private Constant readObject(int depth) throws FormatException {
        if (depth > MAX_NESTING) {
            throw new FormatException(INCOMPATIBLE);
        }
        int type = readByte();
        switch (type) {
            case 1:
                return Constant.Singleton.NONE;
            case 2:
                return Constant.Singleton.FALSE;
            case 3:
                return Constant.Singleton.TRUE;
            case 4:
                return Constant.Singleton.ELLIPSIS;
            case 10: {
                int n = readCount();
                List<Constant> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(readObject(depth + 1));
                }
                return new Constant.Tuple(items);
            }
            case 5:
            case 6: {
                byte[] b = readBytes(readCount());
                readByte(); // terminating zero
                return type == 5 ? new Constant.Str(new String(b, StandardCharsets.UTF_8)) : new Constant.Bytes(b);
            }
            case 7: {
                String s = new String(readBytes(readCount()), StandardCharsets.US_ASCII);
                return new Constant.Int(parseInt(s.trim()));
            }
            case 8:
                return new Constant.Float(parseFloat(new String(readBytes(readCount()), StandardCharsets.US_ASCII)));
            case 9:
                return parseComplex(new String(readBytes(readCount()), StandardCharsets.US_ASCII));
            default:
                throw new FormatException(INCOMPATIBLE);
        }
    }

    /** Digits at most this long go to {@code new BigInteger(String)} directly. */
    private static final int PLAIN_PARSE_DIGITS = 1000;

    /**
     * A decimal int constant. {@code new BigInteger(String)} takes time quadratic in the
     * length, minutes for the million digits a hostile file may hold; halves parsed apart and
     * joined with one multiplication (Karatsuba or Toom-Cook at these sizes) take seconds.
     */
    static BigInteger parseInt(String s) {
        boolean negative = s.startsWith("-");
        String digits = negative || s.startsWith("+") ? s.substring(1) : s;
        if (digits.isEmpty()) {
            throw new NumberFormatException("no digits");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a decimal digit");
            }
        }
        BigInteger v = parseDigits(digits);
        return negative ? v.negate() : v;
    }

    private static BigInteger parseDigits(String digits) {
        if (digits.length() <= PLAIN_PARSE_DIGITS) {
            return new BigInteger(digits);
        }
        int lowLength = digits.length() / 2;
        BigInteger high = parseDigits(digits.substring(0, digits.length() - lowLength));
        BigInteger low = parseDigits(digits.substring(digits.length() - lowLength));
        return high.multiply(BigInteger.TEN.pow(lowLength)).add(low);
    }

    private static double parseFloat(String s) {
        String t = s.trim().toLowerCase();
        switch (t) {
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
            case "-nan":
            case "+nan":
                return Double.NaN;
            default:
                // the text MicroPython's repr gave, read back the way MicroPython reads it
                boolean negative = t.startsWith("-");
                String digits = negative || t.startsWith("+") ? t.substring(1) : t;
                double v = dev.mica.obj.FloatParser.parseDecimal(digits);
                return negative ? -v : v;
        }
    }

    private static Constant parseComplex(String s) {
        String t = s.trim();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.endsWith("j")) {
            return new Constant.Complex(parseFloat(t), 0);
        }
        t = t.substring(0, t.length() - 1);
        int split = -1;
        for (int i = t.length() - 1; i > 0; i--) {
            char c = t.charAt(i);
            if ((c == '+' || c == '-') && Character.toLowerCase(t.charAt(i - 1)) != 'e') {
                split = i;
                break;
            }
        }
        if (split < 0) {
            return new Constant.Complex(0, parseFloat(t));
        }
        return new Constant.Complex(parseFloat(t.substring(0, split)), parseFloat(t.substring(split)));
    }

    private RawCode readRawCode(int depth) throws FormatException {
        if (depth > MAX_NESTING) {
            throw new FormatException(INCOMPATIBLE);
        }
        long kindLen = readUint();
        RawCode.Kind kind = RawCode.Kind.values()[(int) (kindLen & 3)];
        boolean hasChildren = (kindLen & 4) != 0;
        int len = (int) (kindLen >> 3);
        if (kind != RawCode.Kind.BYTECODE && (!jvmNative || kind == RawCode.Kind.NATIVE_ASM)) {
            throw new FormatException(INCOMPATIBLE);
        }
        byte[] funData = readBytes(len);
        if (funData.length == 0) {
            throw new FormatException(INCOMPATIBLE);
        }
        EmitHints hints = EmitHints.BYTECODE;
        if (kind != RawCode.Kind.BYTECODE) {
            int preludeOffset = -1;
            if (kind == RawCode.Kind.NATIVE_PYTHON) {
                preludeOffset = (int) readUint(); // checked against the code by decode
            } else if ((readUint() & (SCOPE_FLAG_VIPER_RODATA | SCOPE_FLAG_VIPER_BSS)) != 0) {
                throw new FormatException(INCOMPATIBLE); // Mica's viper code keeps no data beside it
            }
            JvmNativeCode.Decoded decoded = JvmNativeCode.decode(kind, funData, preludeOffset);
            funData = decoded.bytecode();
            hints = decoded.hints();
        }
        List<RawCode> children = new ArrayList<>();
        if (hasChildren) {
            int n = readCount();
            for (int i = 0; i < n; i++) {
                children.add(readRawCode(depth + 1));
            }
        }
        // native code is bytecode the emitter compiles, so it is held as such, with its hints
        return new RawCode(RawCode.Kind.BYTECODE, funData, children,
                (scopeFlags(funData) & Opcodes.SCOPE_FLAG_GENERATOR) != 0, hints);
    }

    /** The scope flags from a bytecode prelude's signature. */
    static int scopeFlags(byte[] funData) {
        int p = 0;
        int z = funData[p++] & 0xff;
        int flags = 0;
        for (int n = 0; (z & 0x80) != 0; n++) {
            z = funData[p++] & 0xff;
            flags |= ((z & 0x40) >> 6) << n;
        }
        return flags;
    }

    private static List<String> loadStaticQstrs() {
        List<String> out = new ArrayList<>();
        try (InputStream in = MpyReader.class.getResourceAsStream("static-qstrs.txt")) {
            if (in == null) {
                throw new IllegalStateException("static-qstrs.txt missing from the bundle");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("\"")) {
                    out.add(unquote(line));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read static-qstrs.txt", e);
        }
        return List.copyOf(out);
    }

    private static String unquote(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                char n = line.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
