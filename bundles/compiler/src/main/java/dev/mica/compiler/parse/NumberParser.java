package dev.mica.compiler.parse;

import dev.mica.code.Constant;
import dev.mica.obj.FloatParser;
import java.math.BigInteger;

/** Numeric literal text to values, with MicroPython's rules for bases and underscores. */
final class NumberParser {
    private NumberParser() {}

    /** Parses an integer literal; throws NumberFormatException when malformed. */
    static BigInteger parseInteger(String text) {
        String s = text;
        int radix = 10;
        if (s.length() > 1 && s.charAt(0) == '0') {
            char b = Character.toLowerCase(s.charAt(1));
            if (b == 'x' || b == 'o' || b == 'b') {
                radix = b == 'x' ? 16 : b == 'o' ? 8 : 2;
                s = s.substring(2);
                if (s.startsWith("_")) {
                    s = s.substring(1); // 0x_ff is allowed
                }
            }
        }
        s = stripUnderscores(s);
        if (s.isEmpty() || s.charAt(0) == '+' || s.charAt(0) == '-') {
            throw new NumberFormatException(text);
        }
        return new BigInteger(s, radix);
    }

    /** Parses a float or imaginary literal. */
    static Constant parseFloat(String text) {
        String s = stripUnderscores(text);
        boolean imag = false;
        if (s.endsWith("j") || s.endsWith("J")) {
            imag = true;
            s = s.substring(0, s.length() - 1);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new NumberFormatException(text);
            }
        }
        double v = FloatParser.parseDecimal(s); // MicroPython's own rounding, as mpy-cross
        return imag ? new Constant.Complex(0.0, v) : new Constant.Float(v);
    }

    private static String stripUnderscores(String s) {
        if (s.indexOf('_') < 0) {
            return s;
        }
        if (s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            throw new NumberFormatException(s);
        }
        return s.replace("_", "");
    }
}
