package dev.mica.repl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.mica.interp.Interpreter;

/**
 * Tab completion as MicroPython's REPL does it: the dotted name before the cursor is resolved
 * from {@code __main__}; its last part is completed to the longest prefix the matching names
 * share, or, when that adds nothing, the matches are listed in columns of 16 characters.
 * After {@code import } the names of the built-in modules are offered, and a line that starts
 * with a prefix of {@code import} and matches nothing else completes to {@code import }.
 */
final class ReplCompleter implements LineEditor.Completer {
    private static final String IMPORT = "import ";
    private static final int COLUMN = 16;
    private static final int LINE_WIDTH = 4 * COLUMN;

    private final Supplier<Interpreter> interpreter;
    private final String newline;

    ReplCompleter(Interpreter interpreter) {
        this(() -> interpreter, "\n");
    }

    /**
     * @param interpreter the session's interpreter of the moment (a soft reset replaces it)
     * @param newline what ends a line of the listing: "\r\n" where no terminal translates "\n"
     */
    ReplCompleter(Supplier<Interpreter> interpreter, String newline) {
        this.interpreter = interpreter;
        this.newline = newline;
    }

    @Override
    public String complete(String line, OutputStream out) throws IOException {
        int start = line.length();
        while (start > 0 && isChainChar(line.charAt(start - 1))) {
            start--;
        }
        String chain = line.substring(start);
        List<String> words = new ArrayList<>(List.of(chain.split("\\.", -1)));
        String partial = words.remove(words.size() - 1);
        boolean partialStartsLine = words.isEmpty() && start == 0;

        List<String> names = line.startsWith(IMPORT) ? interpreter.get().builtinModuleNames()
                : interpreter.get().completionNames(words);
        if (names == null) {
            return "";
        }
        TreeSet<String> matches = new TreeSet<>();
        for (String name : names) {
            if (partial.isEmpty() && name.startsWith("_")) {
                continue;
            }
            if (name.startsWith(partial)) {
                matches.add(name);
            }
        }
        if (matches.isEmpty()) {
            if (partialStartsLine && !partial.isEmpty() && partial.length() < IMPORT.length() && IMPORT.startsWith(partial)) {
                return IMPORT.substring(partial.length());
            }
            return "";
        }
        String common = commonPrefix(matches);
        if (matches.size() == 1 || common.length() > partial.length()) {
            return common.substring(partial.length());
        }
        out.write(columns(matches).replace("\n", newline).getBytes(StandardCharsets.UTF_8));
        return null;
    }

    /** The matches on lines of at most 64 characters, each starting on a 16-character column. */
    static String columns(Iterable<String> names) {
        StringBuilder sb = new StringBuilder();
        int lineLength = LINE_WIDTH;
        for (String name : names) {
            int gap = (lineLength + COLUMN - 1) / COLUMN * COLUMN - lineLength;
            if (gap < 2) {
                gap += COLUMN;
            }
            if (lineLength + gap + name.length() <= LINE_WIDTH) {
                sb.append(" ".repeat(gap)).append(name);
                lineLength += gap + name.length();
            } else {
                sb.append('\n').append(name);
                lineLength = name.length();
            }
        }
        return sb.append('\n').toString();
    }

    private static String commonPrefix(TreeSet<String> names) {
        String first = names.first();
        String last = names.last();
        int n = 0;
        while (n < first.length() && n < last.length() && first.charAt(n) == last.charAt(n)) {
            n++;
        }
        return first.substring(0, n);
    }

    private static boolean isChainChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }
}
