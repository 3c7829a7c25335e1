package dev.mica.obj;

/**
 * Text to complex for {@code complex(str)}: an optional real part followed by an imaginary part
 * ending in j or J, each a signed decimal, inf, infinity or nan with surrounding spaces allowed;
 * a bare "j" stands for 1j.
 */
final class ComplexParser {
    private final String text;
    private int pos;

    private ComplexParser(String text) {
        this.text = text;
    }

    static PyComplex parse(String text) {
        ComplexParser p = new ComplexParser(text);
        double[] first = p.part();
        if (p.pos == text.length()) {
            return first[1] != 0 ? new PyComplex(0, first[0]) : new PyComplex(first[0], 0);
        }
        // Text is left after a real part: it must be the imaginary part, and the last one.
        if (first[1] != 0) {
            throw invalid();
        }
        double[] second = p.part();
        if (p.pos != text.length() || second[1] == 0) {
            throw invalid();
        }
        return new PyComplex(first[0], second[0]);
    }

    private static PyException invalid() {
        return Py.valueError("invalid syntax for number");
    }

    /** One number and the spaces after it: {value, 1 if it was imaginary else 0}. */
    private double[] part() {
        skipSpaces();
        boolean negative = false;
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            negative = text.charAt(pos) == '-';
            pos++;
        }
        int start = pos;
        double value = number();
        boolean imaginary = false;
        if (pos < text.length() && (text.charAt(pos) | 0x20) == 'j') {
            if (pos == start) {
                value = 1;
            }
            pos++;
            imaginary = true;
        }
        if (pos == start) {
            throw invalid();
        }
        skipSpaces();
        return new double[] {negative ? -value : value, imaginary ? 1 : 0};
    }

    private double number() {
        if (matchWord("inf")) {
            matchWord("inity");
            return Double.POSITIVE_INFINITY;
        }
        if (matchWord("nan")) {
            return Double.NaN;
        }
        int[] end = new int[1];
        double value = FloatParser.readDecimal(text, pos, end);
        if (end[0] < 0) {
            throw invalid();
        }
        pos = end[0];
        return value;
    }

    private boolean matchWord(String word) {
        if (text.regionMatches(true, pos, word, 0, word.length())) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
