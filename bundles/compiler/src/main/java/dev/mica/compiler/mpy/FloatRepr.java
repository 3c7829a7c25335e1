package dev.mica.compiler.mpy;

import java.math.BigDecimal;
import java.math.MathContext;

/** MicroPython's repr of floats (up to 16 significant digits, always showing it is a float). */
final class FloatRepr {
    private FloatRepr() {}

    static String of(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = formatG(v);
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('n') < 0) {
            s = s + ".0";
        }
        return s;
    }

    static String ofComplex(double re, double im) {
        if (re == 0.0 && 1 / re > 0) {
            return formatG(im) + "j";
        }
        String imag = formatG(im);
        if (!imag.startsWith("-") && !imag.startsWith("+")) {
            imag = "+" + imag;
        }
        return "(" + formatG(re) + imag + "j)";
    }

    /** C's %.16g. */
    private static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(16));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = bd.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (bd.signum() < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                    + Math.abs(exp);
        }
        String plain = bd.stripTrailingZeros().toPlainString();
        return plain;
    }
}
