package dev.mica.obj;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** str: Unicode text held in a Java String; indices count code points. */
public final class PyStr extends PyObject {
    public static final PyType TYPE = PyType.builtin("str", PyType.OBJECT);
    private static final ConcurrentHashMap<String, PyStr> NAMES = new ConcurrentHashMap<>();
    public static final PyStr EMPTY = new PyStr("");

    /** The text; once {@link #asName} made it a name, the interned copy of it. */
    private String value;
    /** -1 unknown, 0 has surrogate pairs, 1 every char is one code point */
    private byte simple = -1;
    /** Whether {@link #value} is the interned name text already. */
    private boolean named;
    private int hash;

    public PyStr(String value) {
        this.value = value;
    }

    public static PyStr of(String s) {
        if (s.isEmpty()) {
            return EMPTY;
        }
        dev.mica.heap.HeapAccount.chargeCurrent(bytesFor(s));
        return new PyStr(s);
    }

    /** The one-character strings of code points below 256, made on first use. */
    private static final PyStr[] SINGLE_CHARS = new PyStr[256];

    /**
     * The one-character string of a code point. MicroPython makes these (chr(), a str's items
     * and iteration) through its qstr table, so below 256 each is one interned object that
     * costs no heap, as a name does.
     */
    public static PyStr ofCodePoint(int cp) {
        if (cp >= 0 && cp < SINGLE_CHARS.length) {
            PyStr s = SINGLE_CHARS[cp];
            if (s == null) {
                s = name(String.valueOf((char) cp));
                SINGLE_CHARS[cp] = s;
            }
            return s;
        }
        return of(new String(Character.toChars(cp)));
    }

    /** MicroPython's str: an object of type, hash, length and data pointer, and the UTF-8 data. */
    private static long bytesFor(String s) {
        return 32 + dev.mica.heap.HeapAccount.blocks(s.length() + 1L);
    }

    /** Interned names are qstrs, which MicroPython keeps outside its heap. */
    @Override
    public long heapBytes() {
        return value.isEmpty() || NAMES.get(value) == this ? 0 : bytesFor(value);
    }

    /** The one str object for an identifier (a qstr). */
    public static PyStr name(String s) {
        PyStr p = NAMES.get(s);
        if (p == null) {
            p = NAMES.computeIfAbsent(s.intern(), PyStr::new);
        }
        return p;
    }

    /** The interned text equal to {@code s} when it is already a name (a qstr), else null. */
    static String knownName(String s) {
        PyStr p = NAMES.get(s);
        return p == null ? null : p.value;
    }

    public String value() {
        return value;
    }

    /**
     * This text as a name ({@link Py#name}: interned, or "name too long"), remembered in this
     * object: a program that passes the same str to getattr/setattr again and again looks the
     * name up once.
     */
    public String asName() {
        if (!named) {
            value = Py.name(value);
            named = true;
        }
        return value;
    }

    private boolean simple() {
        if (simple < 0) {
            simple = (byte) (value.length() == value.codePointCount(0, value.length()) ? 1 : 0);
        }
        return simple == 1;
    }

    public int codePointLength() {
        return simple() ? value.length() : value.codePointCount(0, value.length());
    }

    /** The substring between code point indices. */
    public String slice(int from, int to) {
        if (simple()) {
            return value.substring(from, to);
        }
        int a = value.offsetByCodePoints(0, from);
        int b = value.offsetByCodePoints(a, to - from);
        return value.substring(a, b);
    }

    public int codePointAt(int index) {
        return simple() ? value.charAt(index) : value.codePointAt(value.offsetByCodePoints(0, index));
    }

    private int charIndexToCodePoint(int charIndex) {
        return simple() ? charIndex : value.codePointCount(0, charIndex);
    }

    private int codePointToCharIndex(int cp) {
        return simple() ? cp : value.offsetByCodePoints(0, cp);
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String str() {
        return value;
    }

    @Override
    public String repr() {
        return quote(value);
    }

    /**
     * MicroPython's string hash (its qstr hash): djb2 with xor over the UTF-8 bytes, kept to
     * 16 bits and never 0. Hash order decides how sets print, so it has to be this one.
     */
    static int qstrHash(String s) {
        int h = 5381;
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (c < 0x80) {
                h = (h * 33) ^ c;
            } else if (c < 0x800) {
                h = (h * 33) ^ (0xc0 | (c >> 6));
                h = (h * 33) ^ (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate((char) c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint((char) c, s.charAt(++i));
                h = (h * 33) ^ (0xf0 | (cp >> 18));
                h = (h * 33) ^ (0x80 | ((cp >> 12) & 0x3f));
                h = (h * 33) ^ (0x80 | ((cp >> 6) & 0x3f));
                h = (h * 33) ^ (0x80 | (cp & 0x3f));
            } else {
                h = (h * 33) ^ (0xe0 | (c >> 12));
                h = (h * 33) ^ (0x80 | ((c >> 6) & 0x3f));
                h = (h * 33) ^ (0x80 | (c & 0x3f));
            }
        }
        h &= 0xffff;
        return h == 0 ? 1 : h;
    }

    /** The original string object when an operation left its text as it was (MicroPython returns it). */
    private static PyObject unlessUnchanged(PyObject original, String result) {
        return original instanceof PyStr o && o.type() == TYPE && o.value.length() == result.length() ? original : of(result);
    }

    /**
     * MicroPython's repr of text: single quotes unless the text has ' and no "; only printable
     * ASCII stays as it is, every other code point is escaped by its size (\\x, \\u or \\U).
     */
    public static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append(q);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == q || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c <= 0x7e) {
                sb.append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        }
        return sb.append(q).toString();
    }

    @Override
    public boolean isTrue() {
        return !value.isEmpty();
    }

    @Override
    public int len() {
        return codePointLength();
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (other instanceof PyTypedArray buffer) {
            // str == bytearray/memoryview/array: the other side compares its bytes with our UTF-8
            return buffer.pyEquals(this);
        }
        return other instanceof PyStr s && (s.value == value || s.value.equals(value));
    }

    @Override
    public long pyHash() {
        int h = hash;
        if (h == 0) {
            h = qstrHash(value);
            hash = h;
        }
        return h;
    }

    @Override
    public boolean contains(PyObject item) {
        if (!(item instanceof PyStr s)) {
            throw Py.typeError("can't convert '" + item.type().name() + "' object to str implicitly");
        }
        return value.contains(s.value);
    }

    @Override
    public PyObject getItem(PyObject key) {
        if (key instanceof PySlice sl) {
            int n = codePointLength();
            long[] r = sl.indices(n);
            if (r[2] != 1) {
                throw PyTypedArray.notImplemented("only slices with step=1 (aka None) are supported");
            }
            return r[1] > r[0] ? of(slice((int) r[0], (int) r[1])) : EMPTY;
        }
        int n = codePointLength();
        long i = Ops.indexValue(key, "str");
        if (i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            throw Py.indexError("string index out of range");
        }
        return ofCodePoint(codePointAt((int) i));
    }

    @Override
    public PyObject iter() {
        return new PyIterators.StrIterator(this);
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        switch (op) {
            case Ops.ADD:
            case Ops.INPLACE_ADD:
                if (other instanceof PyStr s) {
                    // as MicroPython: adding an empty string gives the other one, allocating nothing
                    return s.value.isEmpty() ? this : value.isEmpty() ? s : of(value.concat(s.value));
                }
                return null;
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY:
                if (other instanceof PyInt n && !(other instanceof PyBool)) {
                    if (n.isBig()) {
                        throw Py.overflow("overflow converting long int to machine word");
                    }
                    long k = n.value;
                    if (k <= 0 || value.isEmpty()) {
                        return EMPTY;
                    }
                    long length = k > Long.MAX_VALUE / value.length() ? Long.MAX_VALUE : k * value.length();
                    return of(value.repeat((int) HeapBudget.checkBytes(length) / value.length()));
                }
                return null;
            case Ops.MODULO:
            case Ops.INPLACE_MODULO:
                return of(StrFormat.percent(value, other));
            case Ops.LESS:
            case Ops.MORE:
            case Ops.LESS_EQUAL:
            case Ops.MORE_EQUAL:
                if (other instanceof PyStr s) {
                    int c = compareCodePoints(value, s.value);
                    return Py.bool(op == Ops.LESS ? c < 0 : op == Ops.MORE ? c > 0 : op == Ops.LESS_EQUAL ? c <= 0 : c >= 0);
                }
                return null;
            default:
                return null;
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return x - y;
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return (a.length() - i) - (b.length() - j);
    }

    static String arg(PyObject o) {
        if (o instanceof PyStr s) {
            return s.value;
        }
        throw Py.typeError("can't convert '" + o.type().name() + "' object to str implicitly");
    }

    private static String self(PyObject[] a) {
        return ((PyStr) a[0]).value;
    }

    private static PyStr s(PyObject[] a) {
        return (PyStr) a[0];
    }

    /** Start/end arguments of find/count/startswith, as char indices. */
    private static int[] range(PyObject[] a, int from) {
        PyStr s = s(a);
        int n = s.codePointLength();
        long start = 0;
        long end = n;
        if (a.length > from && a[from] != PyNone.NONE) {
            start = Ops.indexValue(a[from], "str");
            if (start < 0) {
                start = Math.max(0, start + n);
            }
        }
        if (a.length > from + 1 && a[from + 1] != PyNone.NONE) {
            end = Ops.indexValue(a[from + 1], "str");
            if (end < 0) {
                end = Math.max(0, end + n);
            }
        }
        start = Math.min(start, n);
        end = Math.min(end, n);
        return new int[] {s.codePointToCharIndex((int) start), s.codePointToCharIndex((int) Math.max(start, end)), start > end ? 1 : 0};
    }

    private static String stripChars(PyObject[] a) {
        return a.length > 1 && a[1] != PyNone.NONE ? arg(a[1]) : null;
    }

    private static boolean stripHas(String chars, int c) {
        return chars == null ? Character.isWhitespace(c) || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f : chars.indexOf(c) >= 0;
    }

    static String strip(String v, String chars, boolean left, boolean right) {
        int b = 0;
        int e = v.length();
        while (left && b < e && stripHas(chars, v.charAt(b))) {
            b++;
        }
        while (right && e > b && stripHas(chars, v.charAt(e - 1))) {
            e--;
        }
        return v.substring(b, e);
    }

    /**
     * sep.join(items): the parts gathered first and copied once into a string of their summed
     * length. As in MicroPython, an iterable other than a list or tuple is made a list first
     * (all of it is consumed before any item is looked at).
     */
    private static PyStr join(String sep, PyObject items) {
        PyObject[] array;
        int n;
        if (items instanceof PyList list) {
            array = list.items;
            n = list.size();
        } else if (items instanceof PyTuple tuple) {
            array = tuple.items();
            n = array.length;
        } else {
            array = Ops.toArray(items); // through a list, charged as MicroPython's is
            n = array.length;
        }
        String[] parts = new String[n];
        long length = n == 0 ? 0 : (long) (n - 1) * sep.length();
        for (int i = 0; i < n; i++) {
            parts[i] = joinPart(array[i]);
            length += parts[i].length();
        }
        if (n < 2 || length > Integer.MAX_VALUE || length >= 16L * n) {
            return of(String.join(sep, parts));
        }
        return of(joinShortParts(sep, parts, (int) length));
    }

    /**
     * Many short parts (words): copied char by char, where a copy call per part (as
     * String.join and StringBuilder make) would cost more than the few chars it moves.
     */
    private static String joinShortParts(String sep, String[] parts, int length) {
        char[] out = new char[length];
        int sepLength = sep.length();
        int pos = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                for (int j = 0; j < sepLength; j++) {
                    out[pos + j] = sep.charAt(j);
                }
                pos += sepLength;
            }
            String part = parts[i];
            int m = part.length();
            if (m <= 32) {
                for (int j = 0; j < m; j++) {
                    out[pos + j] = part.charAt(j);
                }
            } else {
                part.getChars(0, m, out, pos);
            }
            pos += m;
        }
        return new String(out);
    }

    private static String joinPart(PyObject x) {
        if (!(x instanceof PyStr xs)) {
            throw Py.typeError("join expects a list of str/bytes objects consistent with self object");
        }
        return xs.value;
    }

    static PyList split(String v, PyObject sepObj, long maxSplit) {
        List<PyObject> out = new ArrayList<>();
        if (sepObj == null || sepObj == PyNone.NONE) {
            int i = 0;
            int n = v.length();
            while (true) {
                while (i < n && Character.isWhitespace(v.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (maxSplit >= 0 && out.size() >= maxSplit) {
                    out.add(of(v.substring(i)));
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(v.charAt(j))) {
                    j++;
                }
                out.add(of(v.substring(i, j)));
                i = j;
            }
        } else {
            String sep = arg(sepObj);
            if (sep.isEmpty()) {
                throw Py.valueError("empty separator");
            }
            int i = 0;
            // a one-character separator (the common case) is searched for as a char
            char single = sep.length() == 1 ? sep.charAt(0) : 0;
            while (true) {
                int j = single != 0 ? v.indexOf(single, i) : v.indexOf(sep, i);
                if (j < 0 || (maxSplit >= 0 && out.size() >= maxSplit)) {
                    out.add(of(v.substring(i)));
                    break;
                }
                out.add(of(v.substring(i, j)));
                i = j + sep.length();
            }
        }
        return new PyList(out);
    }

    static PyList rsplit(String v, PyObject sepObj, long maxSplit) {
        if (maxSplit < 0) {
            return split(v, sepObj, maxSplit);
        }
        if (sepObj == null || sepObj == PyNone.NONE) {
            throw PyTypedArray.notImplemented("rsplit(None,n)");
        }
        String sep = arg(sepObj);
        if (sep.isEmpty()) {
            throw Py.valueError("empty separator");
        }
        List<PyObject> out = new ArrayList<>();
        int e = v.length();
        while (true) {
            int j = out.size() >= maxSplit ? -1 : v.lastIndexOf(sep, e - sep.length());
            if (j < 0) {
                out.add(0, of(v.substring(0, e)));
                break;
            }
            out.add(0, of(v.substring(j + sep.length(), e)));
            e = j;
        }
        return new PyList(out);
    }

    private static PyObject justify(PyObject[] a, int mode) {
        String v = self(a);
        int width = (int) Ops.indexValue(a[1], "int");
        String fill = a.length > 2 ? arg(a[2]) : " ";
        int n = s(a).codePointLength();
        if (width <= n) {
            return a[0];
        }
        int pad = width - n;
        int left = mode == 0 ? 0 : mode == 1 ? pad : pad / 2 + (pad & width & 1);
        return of(fill.repeat(left) + v + fill.repeat(pad - left));
    }

    private static boolean all(String v, java.util.function.IntPredicate p) {
        if (v.isEmpty()) {
            return false;
        }
        return v.codePoints().allMatch(p);
    }

    static {
        TYPE.setConstructor((t, a, kw) -> {
            if (kw != null && kw.length > 0) {
                throw PyTypedArray.notImplemented("keyword argument(s) not implemented - use normal args instead");
            }
            int n = a.length;
            if (n == 0) {
                return EMPTY;
            }
            if (n == 1) {
                return a[0] instanceof PyStr ? a[0] : of(Ops.str(a[0]));
            }
            if (n > 3) {
                throw Py.typeError("function expected at most 3 arguments, got " + n);
            }
            BufferView data = Buffers.read(a[0]);
            return BytesMethods.decodeUtf8(data.array(), data.offset(), data.length());
        });
        TYPE.method("join", 2, 2, a -> join(self(a), a[1]));
        TYPE.methodKw("split", 1, 3, (a, kw) -> {
            PyObject sep = a.length > 1 && Py.positional(a, kw) > 1 ? a[1] : Py.keyword(a, kw, "sep");
            PyObject max = Py.positional(a, kw) > 2 ? a[2] : Py.keyword(a, kw, "maxsplit");
            return split(self(a), sep, max == null ? -1 : Ops.indexValue(max, "int"));
        });
        TYPE.methodKw("rsplit", 1, 3, (a, kw) -> {
            PyObject sep = a.length > 1 && Py.positional(a, kw) > 1 ? a[1] : Py.keyword(a, kw, "sep");
            PyObject max = Py.positional(a, kw) > 2 ? a[2] : Py.keyword(a, kw, "maxsplit");
            return rsplit(self(a), sep, max == null ? -1 : Ops.indexValue(max, "int"));
        });
        TYPE.methodKw("splitlines", 1, 2, (a, kw) -> {
            Py.checkKeywords(kw, "keepends");
            String v = self(a);
            PyObject keepArg = Py.positional(a, kw) > 1 ? a[1] : Py.keyword(a, kw, "keepends");
            boolean keep = keepArg != null && keepArg.isTrue();
            List<PyObject> out = new ArrayList<>();
            int i = 0;
            while (i < v.length()) {
                int j = i;
                while (j < v.length() && v.charAt(j) != '\n' && v.charAt(j) != '\r') {
                    j++;
                }
                int end = j;
                if (j < v.length()) {
                    j += (v.charAt(j) == '\r' && j + 1 < v.length() && v.charAt(j + 1) == '\n') ? 2 : 1;
                }
                out.add(of(v.substring(i, keep ? j : end)));
                i = j;
            }
            return new PyList(out);
        });
        TYPE.method("strip", 1, 2, a -> unlessUnchanged(a[0], strip(self(a), stripChars(a), true, true)));
        TYPE.method("lstrip", 1, 2, a -> unlessUnchanged(a[0], strip(self(a), stripChars(a), true, false)));
        TYPE.method("rstrip", 1, 2, a -> unlessUnchanged(a[0], strip(self(a), stripChars(a), false, true)));
        TYPE.method("startswith", 2, 4, a -> {
            int[] r = range(a, 2);
            String v = self(a).substring(r[0]);
            return Py.bool(v.startsWith(arg(a[1])));
        });
        TYPE.method("endswith", 2, 4, a -> {
            if (a.length > 2) {
                throw PyTypedArray.notImplemented("start/end indices");
            }
            return Py.bool(self(a).endsWith(arg(a[1])));
        });
        TYPE.method("find", 2, 4, a -> PyInt.of(find(a, false, false)));
        TYPE.method("rfind", 2, 4, a -> PyInt.of(find(a, true, false)));
        TYPE.method("index", 2, 4, a -> PyInt.of(find(a, false, true)));
        TYPE.method("rindex", 2, 4, a -> PyInt.of(find(a, true, true)));
        TYPE.method("count", 2, 4, a -> {
            int[] r = range(a, 2);
            String sub = arg(a[1]);
            String v = self(a).substring(r[0], r[1]);
            if (r[2] == 1) {
                return PyInt.of(0);
            }
            if (sub.isEmpty()) {
                return PyInt.of(v.codePointCount(0, v.length()) + 1);
            }
            int c = 0;
            for (int i = v.indexOf(sub); i >= 0; i = v.indexOf(sub, i + sub.length())) {
                c++;
            }
            return PyInt.of(c);
        });
        TYPE.method("replace", 3, 4, a -> {
            String v = self(a);
            String old = arg(a[1]);
            String rep = arg(a[2]);
            long max = a.length > 3 ? Ops.indexValue(a[3], "int") : -1;
            if (max < 0) {
                // as MicroPython: nothing replaced gives the same string, allocating nothing
                return v.contains(old) ? of(v.replace(old, rep)) : (PyStr) a[0];
            }
            StringBuilder sb = new StringBuilder();
            int i = 0;
            for (long k = 0; k < max; k++) {
                int j = v.indexOf(old, i);
                if (j < 0) {
                    break;
                }
                sb.append(v, i, j).append(rep);
                i = j + old.length();
                if (old.isEmpty()) {
                    if (i < v.length()) {
                        sb.append(v.charAt(i));
                    }
                    i++;
                }
            }
            if (i <= v.length()) {
                sb.append(v.substring(i));
            }
            return of(sb.toString());
        });
        TYPE.method("upper", 1, 1, a -> of(self(a).toUpperCase(java.util.Locale.ROOT)));
        TYPE.method("lower", 1, 1, a -> of(self(a).toLowerCase(java.util.Locale.ROOT)));
        TYPE.method("capitalize", 1, 1, a -> {
            String v = self(a);
            return v.isEmpty() ? a[0] : of(v.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + v.substring(1).toLowerCase(java.util.Locale.ROOT));
        });
        TYPE.method("title", 1, 1, a -> {
            StringBuilder sb = new StringBuilder();
            boolean prevCased = false;
            for (char c : self(a).toCharArray()) {
                sb.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
                prevCased = Character.isLetter(c);
            }
            return of(sb.toString());
        });
        TYPE.method("swapcase", 1, 1, a -> {
            StringBuilder sb = new StringBuilder();
            for (char c : self(a).toCharArray()) {
                sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            }
            return of(sb.toString());
        });
        TYPE.method("isdigit", 1, 1, a -> Py.bool(all(self(a), c -> c >= '0' && c <= '9')));
        TYPE.method("isalpha", 1, 1, a -> Py.bool(all(self(a), Character::isLetter)));
        TYPE.method("isalnum", 1, 1, a -> Py.bool(all(self(a), Character::isLetterOrDigit)));
        TYPE.method("isspace", 1, 1, a -> Py.bool(all(self(a), Character::isWhitespace)));
        TYPE.method("isupper", 1, 1, a -> Py.bool(all(self(a), c -> !Character.isLetter(c) || Character.isUpperCase(c)) && self(a).codePoints().anyMatch(Character::isLetter)));
        TYPE.method("islower", 1, 1, a -> Py.bool(all(self(a), c -> !Character.isLetter(c) || Character.isLowerCase(c)) && self(a).codePoints().anyMatch(Character::isLetter)));
        TYPE.method("center", 2, 3, a -> justify(a, 2));
        TYPE.method("ljust", 2, 3, a -> justify(a, 0));
        TYPE.method("rjust", 2, 3, a -> justify(a, 1));
        TYPE.method("zfill", 2, 2, a -> {
            String v = self(a);
            int width = (int) Ops.indexValue(a[1], "int");
            int n = s(a).codePointLength();
            if (width <= n) {
                return a[0];
            }
            int sign = !v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
            return of(v.substring(0, sign) + "0".repeat(width - n) + v.substring(sign));
        });
        TYPE.method("partition", 2, 2, a -> partition(a, false));
        TYPE.method("rpartition", 2, 2, a -> partition(a, true));
        TYPE.methodKw("encode", 1, 3, (a, kw) -> new PyBytes(self(a).getBytes(StandardCharsets.UTF_8)));
        TYPE.methodKw("format", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> of(StrFormat.format(self(a), a, kw)));
    }

    private static PyObject partition(PyObject[] a, boolean fromRight) {
        String v = self(a);
        String sep = arg(a[1]);
        if (sep.isEmpty()) {
            throw Py.valueError("empty separator");
        }
        int i = fromRight ? v.lastIndexOf(sep) : v.indexOf(sep);
        if (i < 0) {
            return fromRight ? new PyTuple(EMPTY, EMPTY, a[0]) : new PyTuple(a[0], EMPTY, EMPTY);
        }
        return new PyTuple(of(v.substring(0, i)), a[1], of(v.substring(i + sep.length())));
    }

    private static int find(PyObject[] a, boolean fromRight, boolean raise) {
        int[] r = range(a, 2);
        String sub = arg(a[1]);
        PyStr s = s(a);
        int idx = -1;
        if (r[2] == 0) {
            String v = s.value.substring(0, r[1]);
            idx = fromRight ? v.lastIndexOf(sub) : v.indexOf(sub, r[0]);
            if (idx < r[0]) {
                idx = -1;
            }
        }
        if (idx < 0) {
            if (raise) {
                throw Py.valueError("substring not found");
            }
            return -1;
        }
        return s.charIndexToCodePoint(idx);
    }

    // last, after every method is defined: the order MicroPython lists them in
    static {
        TYPE.orderLocals("find", "rfind", "index", "rindex", "join", "split", "splitlines", "rsplit", "startswith", "endswith", "strip", "lstrip", "rstrip", "format", "replace", "count", "partition", "rpartition", "center", "lower", "upper", "isspace", "isalpha", "isdigit", "isupper", "islower", "encode");
    }
}
