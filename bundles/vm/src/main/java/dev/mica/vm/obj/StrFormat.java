package dev.mica.vm.obj;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The {@code %} operator and {@code str.format}. */
final class StrFormat {
    private StrFormat() {}

    static String percent(String fmt, PyObject arg) {
        PyObject[] args = arg instanceof PyTuple t ? t.items() : new PyObject[] {arg};
        PyObject mapping = arg instanceof PyDict ? arg : null;
        StringBuilder out = new StringBuilder();
        int ai = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= n) {
                throw Py.valueError("incomplete format");
            }
            PyObject value = null;
            if (fmt.charAt(i) == '(') {
                int close = fmt.indexOf(')', i);
                if (close < 0 || mapping == null) {
                    throw Py.typeError("format requires a dict");
                }
                value = mapping.getItem(PyStr.of(fmt.substring(i + 1, close)));
                i = close + 1;
            }
            String flags = "";
            while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                flags += fmt.charAt(i++);
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                width = (int) Ops.indexValue(args[ai++], "int");
                i++;
            } else {
                int s = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                if (i > s) {
                    width = Integer.parseInt(fmt.substring(s, i));
                }
            }
            int prec = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    prec = (int) Ops.indexValue(args[ai++], "int");
                    i++;
                } else {
                    int s = i;
                    while (i < n && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    prec = i > s ? Integer.parseInt(fmt.substring(s, i)) : 0;
                }
            }
            if (i >= n) {
                throw Py.valueError("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            if (value == null) {
                if (ai >= args.length) {
                    throw Py.typeError("format string needs more arguments");
                }
                value = args[ai++];
            }
            String body;
            boolean numeric = false;
            switch (type) {
                case 's':
                    body = Ops.str(value);
                    if (prec >= 0 && prec < body.length()) {
                        body = body.substring(0, prec);
                    }
                    break;
                case 'r':
                    body = Ops.repr(value);
                    break;
                case 'c':
                    body = value instanceof PyStr s ? s.value() : new String(Character.toChars((int) Ops.indexValue(value, "int")));
                    break;
                case 'd':
                case 'i':
                case 'u':
                    numeric = true;
                    body = digitsWithPrecision(intText(value instanceof PyFloat f ? PyInt.of(new BigDecimal(f.value).toBigInteger()) : value, 10, false), prec);
                    break;
                case 'x':
                case 'X':
                case 'o':
                    numeric = true;
                    body = intText(value, type == 'o' ? 8 : 16, false);
                    body = digitsWithPrecision(body, prec);
                    if (flags.indexOf('#') >= 0) {
                        String prefix = type == 'o' ? "0o" : "0x";
                        body = body.startsWith("-") ? "-" + prefix + body.substring(1) : prefix + body;
                    }
                    if (type == 'X') {
                        body = body.toUpperCase();
                    }
                    break;
                case 'f':
                case 'F':
                case 'e':
                case 'E':
                case 'g':
                case 'G':
                    numeric = true;
                    body = floatText(Ops.toDouble(value), type, prec < 0 ? 6 : prec, flags.indexOf('#') >= 0);
                    break;
                default:
                    throw Py.valueError("unsupported format character '" + type + "' (0x" + Integer.toHexString(type) + ") at index " + (i - 1));
            }
            if (numeric && !body.startsWith("-")) {
                if (flags.indexOf('+') >= 0) {
                    body = "+" + body;
                } else if (flags.indexOf(' ') >= 0) {
                    body = " " + body;
                }
            }
            out.append(pad(body, width, flags.indexOf('-') >= 0 ? '<' : '>', numeric && flags.indexOf('0') >= 0 && flags.indexOf('-') < 0 ? '0' : ' ', numeric));
        }
        if (ai < args.length && mapping == null) {
            throw Py.typeError("format string didn't convert all arguments");
        }
        return out.toString();
    }

    /** At least {@code prec} digits, zeros in front (the sign stays first). */
    private static String digitsWithPrecision(String digits, int prec) {
        boolean neg = digits.startsWith("-");
        String d = neg ? digits.substring(1) : digits;
        if (prec > d.length()) {
            d = "0".repeat(prec - d.length()) + d;
        }
        return neg ? "-" + d : d;
    }

    private static String intText(PyObject v, int radix, boolean alt) {
        if (!(v instanceof PyInt i)) {
            throw Py.typeError("can't convert " + v.type().name() + " to int");
        }
        String s = i.toBig().toString(radix);
        if (alt) {
            String prefix = radix == 16 ? "0x" : radix == 8 ? "0o" : "";
            s = s.startsWith("-") ? "-" + prefix + s.substring(1) : prefix + s;
        }
        return s;
    }

    static String floatText(double d, char type, int prec, boolean alt) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
            return Character.isUpperCase(type) ? s.toUpperCase() : s;
        }
        String s;
        switch (Character.toLowerCase(type)) {
            case 'f':
                s = new BigDecimal(d).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
                if (d < 0 && !s.startsWith("-")) {
                    s = "-" + s;
                }
                break;
            case 'e':
                s = expText(d, prec);
                break;
            default:
                s = PyFloat.formatG(d, prec == 0 ? 1 : prec);
                break;
        }
        return Character.isUpperCase(type) ? s.toUpperCase() : s;
    }

    private static String expText(double d, int prec) {
        if (d == 0) {
            return (1 / d < 0 ? "-" : "") + (prec > 0 ? "0." + "0".repeat(prec) : "0") + "e+00";
        }
        BigDecimal b = new BigDecimal(d);
        BigDecimal r = b.round(new java.math.MathContext(prec + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        BigDecimal mant = r.movePointLeft(exp).setScale(prec, RoundingMode.HALF_EVEN);
        String e = Integer.toString(Math.abs(exp));
        return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    static String pad(String body, int width, char align, char fill, boolean signAware) {
        int len = body.codePointCount(0, body.length());
        if (width <= len) {
            return body;
        }
        int padding = width - len;
        if (fill == '0' && signAware && align == '=') {
            align = '=';
        }
        switch (align) {
            case '<':
                return body + String.valueOf(fill).repeat(padding);
            case '^':
                return String.valueOf(fill).repeat(padding / 2) + body + String.valueOf(fill).repeat(padding - padding / 2);
            case '=': {
                int signLen = !body.isEmpty() && (body.charAt(0) == '-' || body.charAt(0) == '+' || body.charAt(0) == ' ') ? 1 : 0;
                if (body.length() >= signLen + 2 && body.charAt(signLen) == '0' && "xXoObB".indexOf(body.charAt(signLen + 1)) >= 0) {
                    signLen += 2;
                }
                return body.substring(0, signLen) + String.valueOf(fill).repeat(padding) + body.substring(signLen);
            }
            default:
                if (fill == '0' && signAware) {
                    return pad(body, width, '=', fill, true);
                }
                return String.valueOf(fill).repeat(padding) + body;
        }
    }

    static String format(String fmt, PyObject[] a, String[] kw) {
        StringBuilder out = new StringBuilder();
        int[] auto = {1};
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c == '}') {
                if (i < n && fmt.charAt(i) == '}') {
                    i++;
                    out.append('}');
                    continue;
                }
                throw Py.valueError("single '}' encountered in format string");
            }
            if (c != '{') {
                out.append(c);
                continue;
            }
            if (i < n && fmt.charAt(i) == '{') {
                i++;
                out.append('{');
                continue;
            }
            int depth = 1;
            int s = i;
            while (i < n && depth > 0) {
                char d = fmt.charAt(i);
                if (d == '{') {
                    depth++;
                } else if (d == '}') {
                    depth--;
                }
                i++;
            }
            if (depth > 0) {
                throw Py.valueError("expected ':' after format specifier");
            }
            String field = fmt.substring(s, i - 1);
            String spec = "";
            char conv = 0;
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conv = field.charAt(bang + 1);
                field = field.substring(0, bang);
            }
            String head = field;
            String rest = "";
            for (int k = 0; k < field.length(); k++) {
                if (field.charAt(k) == '.' || field.charAt(k) == '[') {
                    head = field.substring(0, k);
                    rest = field.substring(k);
                    break;
                }
            }
            PyObject value = field(a, kw, head, auto);
            while (!rest.isEmpty()) {
                if (rest.charAt(0) == '.') {
                    int e = 1;
                    while (e < rest.length() && rest.charAt(e) != '.' && rest.charAt(e) != '[') {
                        e++;
                    }
                    value = Ops.getAttr(value, rest.substring(1, e).intern());
                    rest = rest.substring(e);
                } else {
                    int e = rest.indexOf(']');
                    String key = rest.substring(1, e);
                    value = value.getItem(key.chars().allMatch(Character::isDigit) && !key.isEmpty() ? PyInt.of(Long.parseLong(key)) : PyStr.of(key));
                    rest = rest.substring(e + 1);
                }
            }
            if (conv == 'r') {
                value = PyStr.of(Ops.repr(value));
            } else if (conv == 's') {
                value = PyStr.of(Ops.str(value));
            }
            if (spec.indexOf('{') >= 0) {
                spec = nestedSpec(spec, a, kw, auto);
            }
            out.append(formatValue(value, spec));
        }
        return out.toString();
    }

    /** An argument of str.format by name, by number, or the next one in order for an empty name. */
    private static PyObject field(PyObject[] a, String[] kw, String name, int[] auto) {
        int nPos = Py.positional(a, kw);
        if (name.isEmpty()) {
            if (auto[0] >= nPos) {
                throw Py.indexError("tuple index out of range");
            }
            return a[auto[0]++];
        }
        if (Character.isDigit(name.charAt(0))) {
            int idx = Integer.parseInt(name) + 1;
            if (idx >= nPos) {
                throw Py.indexError("tuple index out of range");
            }
            return a[idx];
        }
        PyObject v = Py.keyword(a, kw, name);
        if (v == null) {
            throw Py.keyError(PyStr.of(name));
        }
        return v;
    }

    /** Replaces the {fields} inside a format spec, continuing the automatic numbering. */
    private static String nestedSpec(String spec, PyObject[] a, String[] kw, int[] auto) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == '{') {
                int close = spec.indexOf('}', i);
                if (close < 0) {
                    throw Py.valueError("unmatched '{' in format");
                }
                sb.append(Ops.str(field(a, kw, spec.substring(i + 1, close), auto)));
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** format(value, spec) for the built-in types. */
    static String formatValue(PyObject value, String spec) {
        if (spec.isEmpty()) {
            return Ops.str(value);
        }
        char fill = ' ';
        char align = 0;
        int p = 0;
        if (spec.length() >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            p = 2;
        } else if ("<>=^".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            p = 1;
        }
        char sign = '-';
        if (p < spec.length() && "+- ".indexOf(spec.charAt(p)) >= 0) {
            sign = spec.charAt(p++);
        }
        boolean alt = false;
        if (p < spec.length() && spec.charAt(p) == '#') {
            alt = true;
            p++;
        }
        if (p < spec.length() && spec.charAt(p) == '0') {
            if (align == 0) {
                fill = '0';
                align = '=';
            }
            p++;
        }
        int width = -1;
        int s = p;
        while (p < spec.length() && Character.isDigit(spec.charAt(p))) {
            p++;
        }
        if (p > s) {
            width = Integer.parseInt(spec.substring(s, p));
        }
        boolean comma = false;
        if (p < spec.length() && (spec.charAt(p) == ',' || spec.charAt(p) == '_')) {
            comma = true;
            p++;
        }
        int prec = -1;
        if (p < spec.length() && spec.charAt(p) == '.') {
            s = ++p;
            while (p < spec.length() && Character.isDigit(spec.charAt(p))) {
                p++;
            }
            prec = Integer.parseInt(spec.substring(s, p));
        }
        char type = p < spec.length() ? spec.charAt(p) : 0;
        String body;
        if (value instanceof PyBool b) {
            value = PyInt.of(b.value);
        }
        boolean numeric = value instanceof PyInt || value instanceof PyFloat;
        if (value instanceof PyStr str && type != 0 && type != 's') {
            throw Py.valueError("unknown format code '" + type + "' for object of type 'str'");
        }
        if (type == 0 && value instanceof PyFloat f) {
            body = prec >= 0 ? PyFloat.formatG(f.value, prec) : PyFloat.format(f.value);
        } else if (type == 0 && comma && value instanceof PyInt iv) {
            body = String.format("%,d", iv.toBig());
        } else if (type == 0 || type == 's') {
            body = Ops.str(value);
            if (prec >= 0 && prec < body.length()) {
                body = body.substring(0, prec);
            }
        } else if ("dxXobcn".indexOf(type) >= 0 && value instanceof PyInt) {
            if (type == 'c') {
                body = new String(Character.toChars((int) Ops.indexValue(value, "int")));
            } else {
                int radix = type == 'x' || type == 'X' ? 16 : type == 'o' ? 8 : type == 'b' ? 2 : 10;
                body = ((PyInt) value).toBig().toString(radix);
                if (comma && radix == 10) {
                    body = String.format("%,d", ((PyInt) value).toBig());
                }
                if (alt && radix != 10) {
                    String prefix = radix == 16 ? "0x" : radix == 8 ? "0o" : "0b";
                    body = body.startsWith("-") ? "-" + prefix + body.substring(1) : prefix + body;
                }
                if (type == 'X') {
                    body = body.toUpperCase();
                }
            }
        } else if ("eEfFgGn%".indexOf(type) >= 0 && numeric) {
            if (type == 'n') {
                type = 'g';
            }
            double d = Ops.toDouble(value);
            if (type == '%') {
                body = floatText(d * 100, 'f', prec < 0 ? 6 : prec, alt) + "%";
            } else {
                body = floatText(d, type, prec < 0 ? 6 : prec, alt);
            }
        } else {
            throw Py.valueError("unknown format code '" + type + "' for object of type '" + value.type().name() + "'");
        }
        if (numeric && !body.startsWith("-")) {
            if (sign == '+') {
                body = "+" + body;
            } else if (sign == ' ') {
                body = " " + body;
            }
        }
        if (align == 0) {
            align = numeric ? '>' : '<';
        }
        return pad(body, width, align, fill, numeric);
    }
}
