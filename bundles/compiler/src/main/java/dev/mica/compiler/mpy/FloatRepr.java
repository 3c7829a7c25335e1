package dev.mica.compiler.mpy;

import dev.mica.obj.FloatFormat;

/**
 * The text MicroPython's {@code repr} gives a float or complex, which is how a {@code .mpy} file
 * stores them; {@link FloatFormat} reproduces MicroPython's digits, which a byte-identical
 * {@code .mpy} needs.
 */
final class FloatRepr {
    private FloatRepr() {}

    /** {@code repr(float)}. */
    static String of(double v) {
        return FloatFormat.repr(v);
    }

    /** {@code repr(complex)}: {@code 2j}, or {@code (1+2j)} when the real part is not zero. */
    static String ofComplex(double re, double im) {
        if (re == 0.0) { // -0.0 included: the C test is a plain comparison
            return formatG(im) + "j";
        }
        String plus = (im >= 0 || Double.isNaN(im)) ? "+" : "";
        return "(" + formatG(re) + plus + formatG(im) + "j)";
    }

    private static String formatG(double v) {
        return FloatFormat.format(v, 'g', FloatFormat.REPR_PRECISION, (char) 0);
    }
}
