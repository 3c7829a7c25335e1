package dev.mica.obj;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text methods that bytes and bytearray share, working on bytes. Results have the type of
 * self, and arguments are checked as MicroPython checks them: most accept bytes or bytearray,
 * some (split's separator, startswith, endswith, rsplit) accept bytes or str but not bytearray.
 */
final class BytesMethods {
    private BytesMethods() {}

    static void install(PyType t) {
        t.method("find", 2, 4, a -> finder(a, 1, false));
        t.method("rfind", 2, 4, a -> finder(a, -1, false));
        t.method("index", 2, 4, a -> finder(a, 1, true));
        t.method("rindex", 2, 4, a -> finder(a, -1, true));
        t.method("count", 2, 4, BytesMethods::count);
        t.method("join", 2, 2, BytesMethods::join);
        t.method("split", 1, 3, BytesMethods::split);
        t.method("rsplit", 1, 3, BytesMethods::rsplit);
        t.methodKw("splitlines", 1, 2, BytesMethods::splitlines);
        t.method("startswith", 2, 3, BytesMethods::startswith);
        t.method("endswith", 2, 3, BytesMethods::endswith);
        t.method("strip", 1, 2, a -> strip(a, true, true));
        t.method("lstrip", 1, 2, a -> strip(a, true, false));
        t.method("rstrip", 1, 2, a -> strip(a, false, true));
        t.method("replace", 3, 4, BytesMethods::replace);
        t.method("partition", 2, 2, a -> partition(a, 1));
        t.method("rpartition", 2, 2, a -> partition(a, -1));
        t.method("center", 2, 2, BytesMethods::center);
        t.method("lower", 1, 1, a -> caseConvert(a[0], false));
        t.method("upper", 1, 1, a -> caseConvert(a[0], true));
        t.method("isspace", 1, 1, a -> test(a[0], 's'));
        t.method("isalpha", 1, 1, a -> test(a[0], 'a'));
        t.method("isdigit", 1, 1, a -> test(a[0], 'd'));
        t.method("isupper", 1, 1, a -> test(a[0], 'u'));
        t.method("islower", 1, 1, a -> test(a[0], 'l'));
        t.method("decode", 1, 3, a -> decode(a[0]));
        t.method("hex", 1, 2, BytesMethods::hex);
        t.methodKw("format", 1, PyBuiltinFunction.VARIADIC,
            (a, kw) -> make(a[0], fromFormatText(StrFormat.format(asFormatText(data(a[0])), a, kw))));
        t.define("fromhex", new PyDescriptors.ClassMethod(new PyBuiltinFunction("fromhex", 2, 2, false, (a, kw) -> fromhex(a[0], a[1]))));
        // MicroPython's table order (help() and dir() show it); append/extend exist on bytearray only
        t.orderLocals("append", "extend", "hex", "fromhex", "decode", "find", "rfind", "index", "rindex", "join", "split", "splitlines", "rsplit", "startswith", "endswith", "strip", "lstrip", "rstrip", "format", "replace", "count", "partition", "rpartition", "center", "lower", "upper", "isspace", "isalpha", "isdigit", "isupper", "islower");
    }

    // ---- access to self and arguments

    /** The bytes of a bytes or bytearray self. */
    static byte[] data(PyObject self) {
        return self instanceof PyBytes b ? b.bytes() : ((PyByteArray) self).toBytes();
    }

    /** A result of self's type. */
    static PyObject make(PyObject self, byte[] b) {
        return self instanceof PyByteArray ? new PyByteArray(b) : new PyBytes(b);
    }

    static PyException badImplicitConversion(PyObject arg) {
        String name = arg.type().name();
        return Py.typeError("can't convert '" + name + "' object to " + (name.equals("str") ? "bytes" : "str") + " implicitly");
    }

    /** An argument that must be bytes or bytearray, like self. */
    private static byte[] bytesArgument(PyObject arg) {
        if (arg instanceof PyBytes b) {
            return b.bytes();
        }
        if (arg instanceof PyByteArray b) {
            return b.toBytes();
        }
        throw badImplicitConversion(arg);
    }

    /** An argument read as str or bytes data (a bytearray is refused here). */
    private static byte[] textArgument(PyObject arg) {
        if (arg instanceof PyBytes b) {
            return b.bytes();
        }
        if (arg instanceof PyStr s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        throw badImplicitConversion(arg);
    }

    /** A start/end argument: negative counts from the end, clamped to 0..len. */
    private static int position(PyObject self, PyObject idx, int len) {
        PyObject k = idx instanceof PyInstance i && i.base() instanceof PyInt ? i.base() : idx;
        if (!(k instanceof PyInt n)) {
            throw Py.typeError(self.type().name() + " indices must be integers, not " + idx.type().name());
        }
        long i = n.isBig() ? (n.toBig().signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2) : n.value;
        if (i < 0) {
            i += len;
        }
        return (int) Math.max(0, Math.min(len, i));
    }

    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** The bytes as Latin-1 text: each byte one character. */
    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** First code point of the private-use block that stands for bytes 0x80..0xff inside format text. */
    private static final int RAW_BYTE_BASE = 0xf780;

    /**
     * A bytes pattern as text for the str formatting code: ASCII stays itself, other bytes become
     * private-use characters, so {@link #fromFormatText} can tell them from inserted str values.
     */
    static String asFormatText(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xff;
            sb.append((char) (c < 0x80 ? c : RAW_BYTE_BASE + c - 0x80));
        }
        return sb.toString();
    }

    /** Bytes of formatted text: the pattern's own bytes back as they were, inserted text as UTF-8. */
    static byte[] fromFormatText(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp >= RAW_BYTE_BASE && cp < RAW_BYTE_BASE + 0x80) {
                out.write(cp - RAW_BYTE_BASE + 0x80);
            } else {
                byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
            }
        }
        return out.toByteArray();
    }

    // ---- searching

    /** Position of {@code needle} in {@code h[start:end]} searching forwards (1) or backwards (-1), or -1. */
    static int find(byte[] h, int start, int end, byte[] needle, int direction) {
        int last = end - needle.length;
        if (last < start) {
            return -1;
        }
        if (direction > 0) {
            for (int i = start; i <= last; i++) {
                if (matchesAt(h, i, needle)) {
                    return i;
                }
            }
        } else {
            for (int i = last; i >= start; i--) {
                if (matchesAt(h, i, needle)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] h, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (h[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private static PyObject finder(PyObject[] a, int direction, boolean raise) {
        byte[] needle = bytesArgument(a[1]);
        byte[] s = data(a[0]);
        int start = a.length > 2 && a[2] != PyNone.NONE ? position(a[0], a[2], s.length) : 0;
        int end = a.length > 3 && a[3] != PyNone.NONE ? position(a[0], a[3], s.length) : s.length;
        int at = end < start ? -1 : find(s, start, end, needle, direction);
        if (at < 0 && raise) {
            throw Py.valueError("substring not found");
        }
        return PyInt.of(at);
    }

    private static PyObject count(PyObject[] a) {
        byte[] needle = bytesArgument(a[1]);
        byte[] s = data(a[0]);
        int start = a.length > 2 && a[2] != PyNone.NONE ? position(a[0], a[2], s.length) : 0;
        int end = a.length > 3 && a[3] != PyNone.NONE ? position(a[0], a[3], s.length) : s.length;
        if (needle.length == 0) {
            // each gap between characters counts, characters being UTF-8 sequences
            int chars = 0;
            for (int i = start; i < end; i++) {
                if ((s[i] & 0xc0) != 0x80) {
                    chars++;
                }
            }
            return PyInt.of(chars + 1);
        }
        int n = 0;
        for (int i = start; i + needle.length <= end; ) {
            if (matchesAt(s, i, needle)) {
                n++;
                i += needle.length;
            } else {
                i++;
            }
        }
        return PyInt.of(n);
    }

    private static PyObject startswith(PyObject[] a) {
        byte[] s = data(a[0]);
        byte[] prefix = textArgument(a[1]);
        int start = a.length > 2 ? position(a[0], a[2], s.length) : 0;
        if (prefix.length + start > s.length) {
            return PyBool.FALSE;
        }
        return Py.bool(matchesAt(s, start, prefix));
    }

    private static PyObject endswith(PyObject[] a) {
        byte[] s = data(a[0]);
        byte[] suffix = textArgument(a[1]);
        if (a.length > 2) {
            throw PyTypedArray.notImplemented("start/end indices");
        }
        return Py.bool(suffix.length <= s.length && matchesAt(s, s.length - suffix.length, suffix));
    }

    // ---- splitting and joining

    private static PyObject join(PyObject[] a) {
        PyObject[] parts = Ops.toArray(a[1]);
        byte[] sep = data(a[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (!(parts[i] instanceof PyBytes || parts[i] instanceof PyByteArray)) {
                throw Py.typeError("join expects a list of str/bytes objects consistent with self object");
            }
            if (i > 0) {
                out.write(sep, 0, sep.length);
            }
            byte[] p = data(parts[i]);
            out.write(p, 0, p.length);
        }
        return make(a[0], out.toByteArray());
    }

    private static long maxSplit(PyObject[] a) {
        return a.length > 2 ? Ops.indexValue(a[2], "int") : -1;
    }

    private static PyObject split(PyObject[] a) {
        PyObject self = a[0];
        byte[] s = data(self);
        long splits = maxSplit(a);
        PyList out = new PyList();
        PyObject sepArg = a.length > 1 ? a[1] : PyNone.NONE;
        int n = s.length;
        if (sepArg == PyNone.NONE) {
            int i = 0;
            while (i < n && isSpace(s[i] & 0xff)) {
                i++;
            }
            while (i < n && splits != 0) {
                int start = i;
                while (i < n && !isSpace(s[i] & 0xff)) {
                    i++;
                }
                out.append(make(self, java.util.Arrays.copyOfRange(s, start, i)));
                if (i >= n) {
                    break;
                }
                while (i < n && isSpace(s[i] & 0xff)) {
                    i++;
                }
                if (splits > 0) {
                    splits--;
                }
            }
            if (i < n) {
                out.append(make(self, java.util.Arrays.copyOfRange(s, i, n)));
            }
            return out;
        }
        bytesArgument(sepArg);
        byte[] sep = textArgument(sepArg);
        if (sep.length == 0) {
            throw Py.valueError("empty separator");
        }
        int i = 0;
        while (true) {
            int start = i;
            int at = splits == 0 ? -1 : find(s, i, n, sep, 1);
            int end = at < 0 ? n : at;
            out.append(make(self, java.util.Arrays.copyOfRange(s, start, end)));
            if (at < 0) {
                break;
            }
            i = at + sep.length;
            if (splits > 0) {
                splits--;
            }
        }
        return out;
    }

    private static PyObject rsplit(PyObject[] a) {
        if (a.length < 3) {
            return split(a);
        }
        long splits = maxSplit(a);
        if (splits < 0) {
            return split(a);
        }
        if (a[1] == PyNone.NONE) {
            throw PyTypedArray.notImplemented("rsplit(None,n)");
        }
        PyObject self = a[0];
        byte[] s = data(self);
        byte[] sep = textArgument(a[1]);
        if (sep.length == 0) {
            throw Py.valueError("empty separator");
        }
        java.util.ArrayDeque<PyObject> parts = new java.util.ArrayDeque<>();
        int last = s.length;
        while (true) {
            int at = splits == 0 ? -1 : find(s, 0, last, sep, -1);
            if (at < 0) {
                parts.addFirst(make(self, java.util.Arrays.copyOfRange(s, 0, last)));
                break;
            }
            parts.addFirst(make(self, java.util.Arrays.copyOfRange(s, at + sep.length, last)));
            last = at;
            splits--;
        }
        return new PyList(new java.util.ArrayList<>(parts));
    }

    private static PyObject splitlines(PyObject[] a, String[] kw) {
        Py.checkKeywords(kw, "keepends");
        int nPos = Py.positional(a, kw);
        PyObject keep = nPos > 1 ? a[1] : Py.keyword(a, kw, "keepends");
        boolean keepEnds = keep != null && keep.isTrue();
        PyObject self = a[0];
        byte[] s = data(self);
        PyList out = new PyList();
        int i = 0;
        while (i < s.length) {
            int start = i;
            int eol = 0;
            while (i < s.length) {
                if (s[i] == '\n') {
                    eol = 1;
                    break;
                }
                if (s[i] == '\r') {
                    eol = i + 1 < s.length && s[i + 1] == '\n' ? 2 : 1;
                    break;
                }
                i++;
            }
            out.append(make(self, java.util.Arrays.copyOfRange(s, start, i + (keepEnds ? eol : 0))));
            i += eol;
        }
        return out;
    }

    private static PyObject partition(PyObject[] a, int direction) {
        PyObject self = a[0];
        byte[] sep = bytesArgument(a[1]);
        if (sep.length == 0) {
            throw Py.valueError("empty separator");
        }
        byte[] s = data(self);
        PyObject[] r = {PyBytes.EMPTY, PyBytes.EMPTY, PyBytes.EMPTY};
        r[direction > 0 ? 0 : 2] = self;
        int at = find(s, 0, s.length, sep, direction);
        if (at >= 0) {
            r[0] = make(self, java.util.Arrays.copyOfRange(s, 0, at));
            r[1] = a[1].type() == self.type() ? a[1] : make(self, sep);
            r[2] = make(self, java.util.Arrays.copyOfRange(s, at + sep.length, s.length));
        }
        return new PyTuple(r);
    }

    // ---- transformations

    private static final byte[] WHITESPACE = {' ', '\t', '\n', '\r', 0x0b, '\f'};

    private static PyObject strip(PyObject[] a, boolean left, boolean right) {
        PyObject self = a[0];
        byte[] chars = a.length > 1 ? bytesArgument(a[1]) : WHITESPACE;
        byte[] s = data(self);
        int start = 0;
        int end = s.length;
        if (left) {
            while (start < end && find(chars, 0, chars.length, new byte[] {s[start]}, 1) >= 0) {
                start++;
            }
        }
        if (right) {
            while (end > start && find(chars, 0, chars.length, new byte[] {s[end - 1]}, 1) >= 0) {
                end--;
            }
        }
        if (start == end) {
            return PyBytes.EMPTY;
        }
        if (start == 0 && end == s.length) {
            return self;
        }
        return make(self, java.util.Arrays.copyOfRange(s, start, end));
    }

    private static PyObject replace(PyObject[] a) {
        PyObject self = a[0];
        long max = -1;
        if (a.length == 4) {
            max = Ops.indexValue(a[3], "int");
            if (max == 0) {
                return self;
            }
            if (max < 0) {
                max = -1;
            }
        }
        byte[] old = bytesArgument(a[1]);
        byte[] rep = bytesArgument(a[2]);
        byte[] s = data(self);
        if (old.length > s.length) {
            return self;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long done = 0;
        int pos = 0;
        if (old.length == 0) {
            out.write(rep, 0, rep.length);
            done++;
        }
        while (done != max && pos < s.length) {
            int at = find(s, pos, s.length, old, 1);
            if (at < 0) {
                break;
            }
            if (old.length == 0) {
                at++; // an empty pattern matches after each character
            }
            out.write(s, pos, at - pos);
            out.write(rep, 0, rep.length);
            pos = at + old.length;
            done++;
        }
        out.write(s, pos, s.length - pos);
        return done == 0 ? self : make(self, out.toByteArray());
    }

    private static PyObject center(PyObject[] a) {
        PyObject self = a[0];
        byte[] s = data(self);
        long width = Ops.indexValue(a[1], "int");
        if (s.length >= width) {
            return self;
        }
        byte[] r = new byte[(int) width];
        java.util.Arrays.fill(r, (byte) ' ');
        System.arraycopy(s, 0, r, (int) ((width - s.length) / 2), s.length);
        return make(self, r);
    }

    private static PyObject caseConvert(PyObject self, boolean upper) {
        byte[] s = data(self).clone();
        for (int i = 0; i < s.length; i++) {
            int c = s[i];
            if (upper && c >= 'a' && c <= 'z') {
                s[i] = (byte) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                s[i] = (byte) (c + 32);
            }
        }
        return make(self, s);
    }

    private static boolean isAlpha(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static PyObject test(PyObject self, char kind) {
        byte[] s = data(self);
        if (s.length == 0) {
            return PyBool.FALSE;
        }
        if (kind == 'u' || kind == 'l') {
            boolean anyAlpha = false;
            for (byte b : s) {
                if (isAlpha(b)) {
                    anyAlpha = true;
                    if (kind == 'u' ? b > 'Z' : b < 'a') {
                        return PyBool.FALSE;
                    }
                }
            }
            return Py.bool(anyAlpha);
        }
        for (byte b : s) {
            boolean ok = kind == 's' ? isSpace(b & 0xff) : kind == 'a' ? isAlpha(b) : b >= '0' && b <= '9';
            if (!ok) {
                return PyBool.FALSE;
            }
        }
        return PyBool.TRUE;
    }

    // ---- conversions

    /** UTF-8 text of the bytes; UnicodeError when they are not valid UTF-8. */
    static PyStr decodeUtf8(byte[] b, int off, int len) {
        try {
            return PyStr.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, off, len)).toString());
        } catch (CharacterCodingException e) {
            throw new PyException(new PyBaseException(PyBaseException.UNICODE_ERROR, Py.NO_ARGS));
        }
    }

    private static PyObject decode(PyObject self) {
        BufferView v = Buffers.read(self);
        return decodeUtf8(v.array(), v.offset(), v.length());
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** hex([sep]) of bytes, bytearray and memoryview. */
    static PyObject hex(PyObject[] a) {
        BufferView v = Buffers.read(a[0]);
        if (v.length() == 0) {
            return PyBytes.EMPTY;
        }
        String sep = null;
        if (a.length > 1) {
            byte[] s = textArgument(a[1]);
            sep = s.length == 0 ? "\0" : String.valueOf((char) (s[0] & 0xff));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            if (i > 0 && sep != null) {
                sb.append(sep);
            }
            int b = v.byteAt(i);
            sb.append(HEX[b >> 4]).append(HEX[b & 15]);
        }
        return PyStr.of(sb.toString());
    }

    private static int hexDigit(int c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    private static PyObject fromhex(PyObject type, PyObject text) {
        BufferView v = Buffers.read(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < v.length()) {
            int c1 = v.byteAt(i++);
            if (isSpace(c1)) {
                continue;
            }
            int hi = hexDigit(c1);
            int lo = i < v.length() ? hexDigit(v.byteAt(i++)) : -1;
            if (hi < 0 || lo < 0) {
                throw Py.valueError("non-hex digit");
            }
            out.write(hi << 4 | lo);
        }
        byte[] b = out.toByteArray();
        return type instanceof PyType t && t.isSubclassOf(PyByteArray.TYPE) ? new PyByteArray(b) : new PyBytes(b);
    }
}
