package dev.mica.obj;

import java.math.BigInteger;

/**
 * Text to int as MicroPython's int() reads it: surrounding ASCII white space, a sign, an
 * optional base prefix, digits with underscores while the value fits a small int, and
 * MicroPython's ValueError messages (which quote the text after the sign and prefix).
 */
public final class IntParser {
    private IntParser() {}

    /** Parses {@code text} (bytes of a str or a buffer) in {@code base}: 0 or 2..36. */
    public static PyInt parse(byte[] text, int base) {
        if ((base != 0 && base < 2) || base > 36) {
            throw Py.valueError("int() arg 2 must be >= 2 and <= 36");
        }
        int top = text.length;
        int p = 0;
        while (p < top && isSpace(text[p])) {
            p++;
        }
        boolean negative = false;
        if (p < top && (text[p] == '+' || text[p] == '-')) {
            negative = text[p] == '-';
            p++;
        }
        int[] baseHolder = {base};
        p += prefixLength(text, p, baseHolder);
        base = baseHolder[0];

        int digitsStart = p;
        long value = 0;
        boolean overflow = false;
        for (; p < top; p++) {
            int digit = digitValue(text[p]);
            if (text[p] == '_') {
                continue;
            }
            if (digit < 0 || digit >= base) {
                break;
            }
            if (value > (PyInt.SMALL_MAX - digit) / base) {
                overflow = true;
                break;
            }
            value = value * base + digit;
        }
        PyInt result;
        if (overflow) {
            // as MicroPython: the long path starts again from the first digit and knows no underscores
            p = digitsStart;
            BigInteger big = BigInteger.ZERO;
            BigInteger bigBase = BigInteger.valueOf(base);
            for (; p < top; p++) {
                int digit = digitValue(text[p]);
                if (digit < 0 || digit >= base) {
                    break;
                }
                big = big.multiply(bigBase).add(BigInteger.valueOf(digit));
            }
            result = PyInt.of(negative ? big.negate() : big);
        } else {
            result = PyInt.of(negative ? -value : value);
        }
        if (p == digitsStart) {
            throw invalid(text, digitsStart, base);
        }
        while (p < top && isSpace(text[p])) {
            p++;
        }
        if (p != top) {
            throw invalid(text, digitsStart, base);
        }
        return result;
    }

    /** Length of a base prefix at {@code p} ("0x", "0o", "0b"), settling a base of 0. */
    private static int prefixLength(byte[] s, int p, int[] base) {
        int len = s.length - p;
        int b = base[0];
        if (len > 1 && s[p] == '0') {
            int c = s[p + 1] | 0x20;
            if ((b == 0 || b == 16) && c == 'x') {
                base[0] = 16;
                return 2;
            }
            if ((b == 0 || b == 8) && c == 'o') {
                base[0] = 8;
                return 2;
            }
            if ((b == 0 || b == 2) && c == 'b') {
                base[0] = 2;
                return 2;
            }
        }
        if (b == 0) {
            base[0] = 10;
        }
        return 0;
    }

    private static int digitValue(byte b) {
        int c = b & 0xff;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        c |= 0x20;
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static PyException invalid(byte[] text, int from, int base) {
        return Py.valueError("invalid syntax for integer with base " + base + ": " + quoteBytes(text, from));
    }

    /** The text as MicroPython quotes raw bytes: non-printable bytes as escapes. */
    private static String quoteBytes(byte[] b, int from) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = from; i < b.length; i++) {
            hasSingle |= b[i] == '\'';
            hasDouble |= b[i] == '"';
        }
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = from; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == q || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append(q).toString();
    }
}
