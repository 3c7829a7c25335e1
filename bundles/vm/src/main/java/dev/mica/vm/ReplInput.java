package dev.mica.vm;

/**
 * Decides, by MicroPython's rules, whether typed REPL input needs continuation lines: an
 * unclosed triple quote, an unclosed bracket outside a quote, a trailing backslash, or a
 * first line starting a compound statement that has not yet been ended by an empty line.
 * Comments are not recognised, as in MicroPython.
 */
final class ReplInput {
    private ReplInput() {}

    private static final String[] COMPOUND_KEYWORDS = {"if", "while", "for", "try", "with", "def", "class", "async"};

    private enum Quote { NONE, SINGLE, DOUBLE, TRIPLE_SINGLE, TRIPLE_DOUBLE }

    static boolean needsContinuation(String input) {
        if (input.isEmpty()) {
            return false;
        }
        boolean compound = input.charAt(0) == '@';
        for (String keyword : COMPOUND_KEYWORDS) {
            compound |= startsWithWord(input, keyword);
        }
        int brackets = 0;
        int parens = 0;
        int braces = 0;
        Quote quote = Quote.NONE;
        int n = input.length();
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (c == '\'' || c == '"') {
                Quote one = c == '\'' ? Quote.SINGLE : Quote.DOUBLE;
                Quote three = c == '\'' ? Quote.TRIPLE_SINGLE : Quote.TRIPLE_DOUBLE;
                if ((quote == Quote.NONE || quote == three) && i + 2 < n && input.charAt(i + 1) == c && input.charAt(i + 2) == c) {
                    i += 2;
                    quote = quote == three ? Quote.NONE : three;
                } else if (quote == Quote.NONE || quote == one) {
                    quote = quote == one ? Quote.NONE : one;
                }
            } else if (c == '\\' && i + 1 < n && "'\"\\".indexOf(input.charAt(i + 1)) >= 0) {
                if (quote != Quote.NONE) {
                    i++;
                }
            } else if (quote == Quote.NONE) {
                switch (c) {
                    case '(' -> parens++;
                    case ')' -> parens--;
                    case '[' -> brackets++;
                    case ']' -> brackets--;
                    case '{' -> braces++;
                    case '}' -> braces--;
                    default -> { }
                }
            }
        }
        if (quote == Quote.TRIPLE_SINGLE || quote == Quote.TRIPLE_DOUBLE) {
            return true;
        }
        if ((parens > 0 || brackets > 0 || braces > 0) && quote == Quote.NONE) {
            return true;
        }
        char last = input.charAt(n - 1);
        return last == '\\' || (compound && last != '\n');
    }

    /** Whether the input starts with the keyword as a whole word. */
    private static boolean startsWithWord(String input, String keyword) {
        if (!input.startsWith(keyword)) {
            return false;
        }
        if (input.length() == keyword.length()) {
            return true;
        }
        char next = input.charAt(keyword.length());
        return !(Character.isLetterOrDigit(next) || next == '_');
    }
}
