package dev.mica.obj;


/** The {@code %} operator and {@code str.format}. */
final class StrFormat {
    private StrFormat() {}

    /**
     * {@code fmt % arg}. A tuple gives the arguments; any other value is the single argument,
     * and a dict is also the map that {@code %(name)} conversions read.
     */
    static String percent(String fmt, PyObject arg) {
        return percent(fmt, arg, false);
    }

    /** {@code fmt % arg} for a bytes format (as Latin-1 text), where %s shows bytes arguments raw. */
    static String percent(String fmt, PyObject arg, boolean bytesFormat) {
        PyObject[] args = arg instanceof PyTuple t && arg.type() == PyTuple.TYPE ? t.items() : new PyObject[] {arg};
        PyObject mapping = arg instanceof PyDict && arg.type() == PyDict.TYPE ? arg : null;
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
            if (fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            PyObject value = null;
            if (fmt.charAt(i) == '(') {
                if (mapping == null) {
                    throw Py.typeError("format needs a dict");
                }
                // the dict is used up as the single argument
                ai = 1;
                int close = fmt.indexOf(')', i);
                if (close < 0) {
                    throw Py.valueError("incomplete format key");
                }
                value = mapping.getItem(PyStr.of(Py.name(fmt.substring(i + 1, close))));
                i = close + 1;
            }
            String flags = "";
            while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                flags += fmt.charAt(i++);
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                if (ai >= args.length) {
                    throw Py.typeError("format string needs more arguments");
                }
                width = PyInt.implicit(args[ai++]).toInt();
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
                    if (ai >= args.length) {
                        throw Py.typeError("format string needs more arguments");
                    }
                    prec = PyInt.implicit(args[ai++]).toInt();
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
            if (value == null) {
                if (ai >= args.length) {
                    throw Py.typeError("format string needs more arguments");
                }
                value = args[ai++];
            }
            char type = fmt.charAt(i++);
            String body;
            boolean numeric = false;
            switch (type) {
                case 's':
                case 'r':
                    if (type == 's' && bytesFormat && value instanceof PyBytes raw) {
                        body = BytesMethods.asFormatText(raw.bytes());
                    } else {
                        body = type == 's' ? Ops.str(value) : Ops.repr(value);
                    }
                    if (prec >= 0 && prec < body.length()) {
                        body = body.substring(0, prec);
                    }
                    break;
                case 'c':
                    if (value instanceof PyStr s) {
                        if (s.codePointLength() != 1) {
                            throw Py.typeError("%c needs int or char");
                        }
                        body = s.value();
                    } else if (value instanceof PyInt || value instanceof PyFloat) {
                        body = String.valueOf((char) (PyInt.implicit(value).value & 0xff));
                    } else {
                        throw Py.typeError("integer needed");
                    }
                    break;
                case 'd':
                case 'i':
                case 'u':
                    numeric = true;
                    body = digitsWithPrecision(intText(value instanceof PyFloat f ? PyInt.fromDouble(f.value) : PyInt.implicit(value), 10, false), prec);
                    break;
                case 'x':
                case 'X':
                case 'o':
                    numeric = true;
                    body = intText(PyInt.implicit(value), type == 'o' ? 8 : 16, false);
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
                    char floatSign = flags.indexOf('+') >= 0 ? '+' : flags.indexOf(' ') >= 0 ? ' ' : 0;
                    body = FloatFormat.format(Ops.toDouble(value), type, prec, floatSign);
                    break;
                default:
                    throw Py.valueError("unsupported format character '" + type + "' (0x" + Integer.toHexString(type) + ") at index " + (i - 1));
            }
            if (numeric && !body.startsWith("-") && "eEfFgG".indexOf(type) < 0) {
                if (flags.indexOf('+') >= 0) {
                    body = "+" + body;
                } else if (flags.indexOf(' ') >= 0) {
                    body = " " + body;
                }
            }
            out.append(pad(body, width, flags.indexOf('-') >= 0 ? '<' : '>', numeric && flags.indexOf('0') >= 0 && flags.indexOf('-') < 0 ? '0' : ' ', numeric));
        }
        if (mapping == null && ai != args.length) {
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

    /** {@code fmt.format(*args, **kw)}; {@code a[0]} is the format string itself. */
    static String format(String fmt, PyObject[] a, String[] kw) {
        return formatPart(fmt, 0, fmt.length(), new int[] {0}, a, kw);
    }

    /**
     * Formats {@code fmt[from:to]}. {@code argIndex[0]} counts automatically numbered fields
     * and becomes -1 once a field is numbered by hand; the two styles cannot mix.
     */
    private static String formatPart(String fmt, int from, int to, int[] argIndex, PyObject[] a, String[] kw) {
        StringBuilder out = new StringBuilder();
        int i = from;
        while (i < to) {
            char c = fmt.charAt(i++);
            if (c == '}') {
                if (i < to && fmt.charAt(i) == '}') {
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
            if (i < to && fmt.charAt(i) == '{') {
                i++;
                out.append('{');
                continue;
            }
            int nameStart = i;
            while (i < to && "}!:".indexOf(fmt.charAt(i)) < 0) {
                i++;
            }
            String fieldName = i > nameStart ? fmt.substring(nameStart, i) : null;
            char conversion = 0;
            if (i < to && fmt.charAt(i) == '!') {
                i++;
                if (i < to && (fmt.charAt(i) == 'r' || fmt.charAt(i) == 's')) {
                    conversion = fmt.charAt(i++);
                } else if (i >= to) {
                    throw Py.valueError("end of format while looking for conversion specifier");
                } else {
                    throw Py.valueError("unknown conversion specifier " + fmt.charAt(i));
                }
            }
            int specStart = -1;
            if (i < to && fmt.charAt(i) == ':') {
                i++;
                if (i < to && fmt.charAt(i) != '}') {
                    specStart = i;
                    for (int nest = 1; i < to; i++) {
                        char d = fmt.charAt(i);
                        if (d == '{') {
                            nest++;
                        } else if (d == '}' && --nest == 0) {
                            break;
                        }
                    }
                }
            }
            if (i >= to) {
                throw Py.valueError("unmatched '{' in format");
            }
            if (fmt.charAt(i) != '}') {
                throw Py.valueError("expected ':' after format specifier");
            }
            int specEnd = i++;
            PyObject value = fieldValue(fieldName, argIndex, a, kw);
            if (specStart < 0 && conversion == 0) {
                conversion = 's';
            }
            if (conversion != 0) {
                value = PyStr.of(conversion == 's' ? Ops.str(value) : Ops.repr(value));
            }
            String spec = specStart < 0 ? "" : formatPart(fmt, specStart, specEnd, argIndex, a, kw);
            out.append(formatValue(value, spec));
        }
        return out.toString();
    }

    /** The argument a replacement field names: a position, a keyword, or the next one in order. */
    private static PyObject fieldValue(String name, int[] argIndex, PyObject[] a, String[] kw) {
        int nPos = Py.positional(a, kw);
        if (name == null) {
            if (argIndex[0] < 0) {
                throw Py.valueError("can't switch from manual field specification to automatic field numbering");
            }
            if (argIndex[0] >= nPos - 1) {
                throw Py.indexError("tuple index out of range");
            }
            return a[++argIndex[0]];
        }
        PyObject value;
        int end;
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            if (argIndex[0] > 0) {
                throw Py.valueError("can't switch from automatic field numbering to manual field specification");
            }
            end = 0;
            long index = 0;
            while (end < name.length() && name.charAt(end) >= '0' && name.charAt(end) <= '9') {
                index = Math.min(Integer.MAX_VALUE, index * 10 + name.charAt(end++) - '0');
            }
            if (index >= nPos - 1) {
                throw Py.indexError("tuple index out of range");
            }
            value = a[(int) index + 1];
            argIndex[0] = -1;
        } else {
            end = 0;
            while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
                end++;
            }
            String key = Py.name(name.substring(0, end));
            value = Py.keyword(a, kw, key);
            if (value == null) {
                throw Py.keyError(PyStr.of(key));
            }
        }
        if (end < name.length()) {
            throw Py.error(PyBaseException.NOT_IMPLEMENTED_ERROR, "attributes not supported");
        }
        return value;
    }

    /** format(value, spec) as MicroPython's str.format applies a format specifier. */
    static String formatValue(PyObject value, String spec) {
        char fill = 0;
        char align = 0;
        char sign = 0;
        boolean alt = false;
        boolean comma = false;
        int width = -1;
        int prec = -1;
        char type = 0;
        boolean integer = value instanceof PyInt;
        boolean numeric = integer || value instanceof PyFloat;
        if (!spec.isEmpty()) {
            int p = 0;
            int n = spec.length();
            if ("<>=^".indexOf(spec.charAt(0)) >= 0) {
                align = spec.charAt(p++);
            } else if (n > 1 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
                fill = spec.charAt(p++);
                align = spec.charAt(p++);
            }
            if (p < n && "+- ".indexOf(spec.charAt(p)) >= 0) {
                sign = spec.charAt(p++);
            }
            if (p < n && spec.charAt(p) == '#') {
                alt = true;
                p++;
            }
            if (p < n && spec.charAt(p) == '0') {
                if (align == 0 && numeric) {
                    align = '=';
                }
                if (fill == 0) {
                    fill = '0';
                }
            }
            int s = p;
            while (p < n && Character.isDigit(spec.charAt(p))) {
                p++;
            }
            if (p > s) {
                width = Integer.parseInt(spec.substring(s, p));
            }
            if (p < n && spec.charAt(p) == ',') {
                comma = true;
                p++;
            }
            if (p < n && spec.charAt(p) == '.') {
                s = ++p;
                while (p < n && Character.isDigit(spec.charAt(p))) {
                    p++;
                }
                prec = p > s ? Integer.parseInt(spec.substring(s, p)) : 0;
            }
            if (p < n && "bcdeEfFgGnosxX%".indexOf(spec.charAt(p)) >= 0) {
                type = spec.charAt(p++);
            }
            if (p < n) {
                throw Py.valueError("invalid format specifier");
            }
        }
        if (align == 0) {
            align = numeric ? '>' : '<';
        }
        if (fill == 0) {
            fill = ' ';
        }
        if (sign == '+' || sign == ' ') {
            if (type == 's') {
                throw Py.valueError("sign not allowed in string format specifier");
            }
            if (type == 'c') {
                throw Py.valueError("sign not allowed with integer format specifier 'c'");
            }
        }
        if (integer) {
            PyInt iv = value instanceof PyBool b ? PyInt.of(b.value) : (PyInt) value;
            switch (type) {
                case 'c':
                    return pad(new String(Character.toChars((int) (iv.value & 0xff))), width, align, fill, false);
                case 0:
                case 'n':
                case 'd':
                case 'b':
                case 'o':
                case 'x':
                case 'X': {
                    int radix = type == 'b' ? 2 : type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
                    String digits = iv.toBig().abs().toString(radix);
                    if (comma) {
                        digits = groupThousands(digits);
                    }
                    if (type == 'X') {
                        digits = digits.toUpperCase();
                    }
                    String prefix = "";
                    if (alt && radix != 10) {
                        prefix = radix == 2 ? "0b" : radix == 8 ? "0o" : type == 'X' ? "0X" : "0x";
                    }
                    String signText = iv.toBig().signum() < 0 ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
                    // zeros go after the sign only with '=' (given, or implied by a leading 0)
                    return pad(signText + prefix + digits, width, align, fill, false);
                }
                case 'e':
                case 'E':
                case 'f':
                case 'F':
                case 'g':
                case 'G':
                case '%':
                    break;
                default:
                    throw unknownCode(type, value);
            }
        }
        if (numeric) {
            if (type == 0 || type == 'n') {
                type = 'g';
            }
            double d = Ops.toDouble(value);
            char floatSign = sign == '+' || sign == ' ' ? sign : 0;
            String body;
            switch (type) {
                case 'e':
                case 'E':
                case 'f':
                case 'F':
                case 'g':
                case 'G':
                    body = FloatFormat.format(d, type, prec, floatSign);
                    break;
                case '%':
                    body = FloatFormat.format(d * 100, 'f', prec, floatSign);
                    if (body.length() + 1 < FloatFormat.BUFFER_SIZE) {
                        body += "%"; // as long as MicroPython's buffer has room for it
                    }
                    break;
                default:
                    throw unknownCode(type, value);
            }
            return pad(body, width, align, fill, false);
        }
        if (align == '=') {
            throw Py.valueError("'=' alignment not allowed in string format specifier");
        }
        if (type != 0 && type != 's') {
            throw unknownCode(type, value);
        }
        if (!(value instanceof PyStr str)) {
            throw Py.typeError("can't convert '" + value.type().name() + "' object to str implicitly");
        }
        String body = str.value();
        if (prec >= 0 && prec < str.codePointLength()) {
            body = body.substring(0, body.offsetByCodePoints(0, prec));
        }
        return pad(body, width, align, fill, false);
    }

    private static PyException unknownCode(char type, PyObject value) {
        return Py.valueError("unknown format code '" + type + "' for object of type '" + value.type().name() + "'");
    }

    /** Digits with a comma between every three, counted from the right. */
    private static String groupThousands(String digits) {
        StringBuilder sb = new StringBuilder();
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, first);
        for (int k = first; k < digits.length(); k += 3) {
            sb.append(',').append(digits, k, k + 3);
        }
        return sb.toString();
    }
}
