package dev.mica.vm;

/** Decides, as MicroPython's REPL does, whether typed input needs continuation lines. */
final class ReplInput {
    private ReplInput() {}

    private static final String[] COMPOUND_KEYWORDS = {"if", "while", "for", "try", "with", "def", "class", "async", "@", "match"};

    static boolean needsContinuation(String input) {
        if (input.isEmpty()) {
            return false;
        }
        int depth = 0;
        char quote = 0;
        boolean triple = false;
        int n = input.length();
        for (int i = 0; i < n; i++) {
            char c = input.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote && (!triple || input.startsWith(String.valueOf(quote).repeat(3), i))) {
                    if (triple) {
                        i += 2;
                    }
                    quote = 0;
                    triple = false;
                } else if (c == '\n' && !triple) {
                    quote = 0;
                }
            } else if (c == '#') {
                while (i < n && input.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                triple = input.startsWith(String.valueOf(c).repeat(3), i);
                if (triple) {
                    i += 2;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        if (depth > 0 || (quote != 0 && triple)) {
            return true;
        }
        if (input.endsWith("\\")) {
            return true;
        }
        String first = input.stripLeading();
        boolean compound = false;
        for (String k : COMPOUND_KEYWORDS) {
            if (first.startsWith(k) && (k.equals("@") || first.length() == k.length()
                    || !Character.isJavaIdentifierPart(first.charAt(k.length())))) {
                compound = true;
                break;
            }
        }
        return compound && !input.endsWith("\n");
    }
}
