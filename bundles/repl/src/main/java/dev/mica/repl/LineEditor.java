package dev.mica.repl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MicroPython's line editor for a VT100 terminal, one input byte at a time: cursor movement,
 * emacs-style keys and word motion, a history of entered lines, Tab completion and automatic
 * indentation of continuation lines. The buffer may hold earlier lines of the same statement
 * (joined by newlines); only the text after {@link #lineStart} is being edited.
 */
final class LineEditor {
    /** {@link #feed} returns this while the line is still being edited. */
    static final int MORE = -1;
    /** {@link #feed} returns this when Enter ends the line. */
    static final int ENTER = 0;

    static final int CTRL_A = 1;
    static final int CTRL_B = 2;
    static final int CTRL_C = 3;
    static final int CTRL_D = 4;
    static final int CTRL_E = 5;
    private static final int CTRL_F = 6;
    private static final int CTRL_K = 11;
    private static final int CTRL_N = 14;
    private static final int CTRL_P = 16;
    private static final int CTRL_U = 21;
    private static final int CTRL_W = 23;
    private static final int ESC = 27;
    private static final int TAB = 9;

    private static final int HISTORY_SIZE = 50;

    /** What the escape-sequence parser has seen so far. */
    private enum Escape { NONE, ESC, BRACKET, BRACKET_DIGIT, O }

    /** Completes the word before the cursor; see {@link ReplCompleter}. */
    interface Completer {
        /**
         * Returns the text to insert, "" for no match, or null when several names match and
         * have been listed on {@code out} (the prompt and line are then drawn again).
         */
        String complete(String lineBeforeCursor, OutputStream out) throws IOException;
    }

    private final OutputStream out;
    private final Completer completer;
    private final List<String> history = new ArrayList<>();

    private StringBuilder buffer = new StringBuilder();
    private int lineStart;
    private int cursor;
    private String prompt = "";
    private Escape escape = Escape.NONE;
    private char escapeDigit;
    private int historyIndex = -1;
    private boolean autoIndent;
    private boolean indentJustAdded;

    LineEditor(OutputStream out, Completer completer) {
        this.out = out;
        this.completer = completer;
    }

    /** The whole statement typed so far (all its lines). */
    String text() {
        return buffer.toString();
    }

    /** Starts a new statement: clears the buffer, draws the prompt. */
    void start(String prompt) throws IOException {
        buffer = new StringBuilder();
        escape = Escape.NONE;
        historyIndex = -1;
        autoIndent = true;
        beginLine(prompt);
    }

    /** Starts a continuation line of the same statement: appends a newline, draws the prompt, indents. */
    void continueWith(String prompt) throws IOException {
        buffer.append('\n');
        beginLine(prompt);
    }

    private void beginLine(String prompt) throws IOException {
        this.prompt = prompt;
        lineStart = buffer.length();
        cursor = lineStart;
        write(prompt);
        indent();
        out.flush();
    }

    /**
     * Indents a continuation line as deep as the line before, one level deeper after a colon;
     * not after two blank lines in a row, so that typing blank lines ends a block.
     */
    private void indent() throws IOException {
        if (!autoIndent || buffer.length() < 2 || buffer.charAt(buffer.length() - 1) != '\n') {
            return;
        }
        int length = buffer.length();
        int start = length - 1;
        while (start > 0 && buffer.charAt(start - 1) != '\n') {
            start--;
        }
        int firstText = start;
        while (firstText < length && buffer.charAt(firstText) == ' ') {
            firstText++;
        }
        if (start > 0 && firstText + 1 == length) {
            // the previous line is blank: stop indenting if the one before it is blank too
            for (int k = start - 1; k > 0; k--) {
                char ch = buffer.charAt(k - 1);
                if (ch == '\n') {
                    return;
                }
                if (ch != ' ') {
                    break;
                }
            }
        }
        int levels = (firstText - start) / 4;
        if (buffer.charAt(buffer.length() - 2) == ':') {
            levels++;
        }
        for (int i = 0; i < levels; i++) {
            buffer.append("    ");
            write("    ");
            cursor += 4;
            indentJustAdded = true;
        }
    }

    /** Adds a line to the history, unless empty or the same as the latest. */
    void remember(String line) {
        if (line.isEmpty() || (!history.isEmpty() && history.get(0).equals(line))) {
            return;
        }
        history.add(0, line);
        if (history.size() > HISTORY_SIZE) {
            history.remove(history.size() - 1);
        }
    }

    /**
     * Handles one input byte. Returns {@link #MORE}, {@link #ENTER}, or a control character
     * (Ctrl-A..Ctrl-E on an empty line, Ctrl-C always) for the caller to act on.
     */
    int feed(int c) throws IOException {
        int lengthBefore = buffer.length();
        int back = 0;
        int forward = 0;
        boolean redraw = false;
        switch (escape) {
            case NONE:
                if (c >= CTRL_A && c <= CTRL_E && buffer.length() == lineStart) {
                    return c;
                }
                switch (c) {
                    case CTRL_A:
                        back = cursor - lineStart;
                        break;
                    case CTRL_B:
                        back = cursor > lineStart ? 1 : 0;
                        break;
                    case CTRL_C:
                        return c;
                    case CTRL_D:
                        redraw = deleteAtCursor();
                        break;
                    case CTRL_E:
                        forward = buffer.length() - cursor;
                        break;
                    case CTRL_F:
                        forward = cursor < buffer.length() ? 1 : 0;
                        break;
                    case CTRL_K:
                        buffer.setLength(cursor);
                        redraw = true;
                        break;
                    case CTRL_N:
                        int[] down = historyDown();
                        back = down[0];
                        forward = down[1];
                        redraw = down[2] != 0;
                        break;
                    case CTRL_P:
                        int[] up = historyUp();
                        back = up[0];
                        forward = up[1];
                        redraw = up[2] != 0;
                        break;
                    case CTRL_U:
                        back = cursor - lineStart;
                        buffer.delete(lineStart, cursor);
                        redraw = true;
                        break;
                    case CTRL_W:
                        back = wordBack();
                        buffer.delete(cursor - back, cursor);
                        redraw = true;
                        break;
                    case '\r':
                        write("\r\n");
                        remember(buffer.substring(lineStart));
                        out.flush();
                        return ENTER;
                    case ESC:
                        escape = Escape.ESC;
                        break;
                    case 8:
                    case 127:
                        if (cursor > lineStart) {
                            int n = spacesBeforeCursor() >= 4 ? 4 : 1;
                            buffer.delete(cursor - n, cursor);
                            back = n;
                            redraw = true;
                        }
                        break;
                    default:
                        if (indentJustAdded && (c == TAB || c == ' ')) {
                            // Tab keeps the automatic indent, a space takes it back to one space
                            autoIndent = false;
                            if (c == ' ') {
                                back = 3;
                                buffer.setLength(buffer.length() - 3);
                            }
                        } else if (c == TAB) {
                            String insert = tabInsertion();
                            if (insert == null) {
                                write(prompt);
                                write(buffer.substring(lineStart, cursor));
                                redraw = true;
                            } else if (!insert.isEmpty()) {
                                buffer.insert(cursor, insert);
                                redraw = true;
                                forward = insert.length();
                            }
                        } else if (c >= 32 && c <= 126) {
                            buffer.insert(cursor, (char) c);
                            redraw = true;
                            forward = 1;
                        }
                        break;
                }
                break;
            case ESC:
                escape = Escape.NONE;
                switch (c) {
                    case '[':
                        escape = Escape.BRACKET;
                        break;
                    case 'O':
                        escape = Escape.O;
                        break;
                    case 'b':
                        back = wordBack();
                        break;
                    case 'f':
                        forward = wordForward();
                        break;
                    case 'd':
                        buffer.delete(cursor, cursor + wordForward());
                        redraw = true;
                        break;
                    case 127:
                        back = wordBack();
                        buffer.delete(cursor - back, cursor);
                        redraw = true;
                        break;
                    default:
                        break;
                }
                break;
            case BRACKET:
                if (c >= '0' && c <= '9') {
                    escape = Escape.BRACKET_DIGIT;
                    escapeDigit = (char) c;
                    break;
                }
                escape = Escape.NONE;
                switch (c) {
                    case 'A': {
                        int[] up = historyUp();
                        back = up[0];
                        forward = up[1];
                        redraw = up[2] != 0;
                        break;
                    }
                    case 'B': {
                        int[] down = historyDown();
                        back = down[0];
                        forward = down[1];
                        redraw = down[2] != 0;
                        break;
                    }
                    case 'C':
                        forward = cursor < buffer.length() ? 1 : 0;
                        break;
                    case 'D':
                        back = cursor > lineStart ? 1 : 0;
                        break;
                    case 'H':
                        back = cursor - lineStart;
                        break;
                    case 'F':
                        forward = buffer.length() - cursor;
                        break;
                    default:
                        break;
                }
                break;
            case BRACKET_DIGIT:
                escape = Escape.NONE;
                if (c == '~') {
                    if (escapeDigit == '1' || escapeDigit == '7') {
                        back = cursor - lineStart;
                    } else if (escapeDigit == '4' || escapeDigit == '8') {
                        forward = buffer.length() - cursor;
                    } else if (escapeDigit == '3') {
                        redraw = deleteAtCursor();
                    }
                } else if (c == ';' && escapeDigit == '1') {
                    // a modifier follows (ESC [ 1 ; 5 C is Ctrl-Right): read it as a new sequence
                    escape = Escape.BRACKET;
                    out.flush();
                    return MORE;
                } else if (escapeDigit == '5' && c == 'C') {
                    forward = wordForward();
                } else if (escapeDigit == '5' && c == 'D') {
                    back = wordBack();
                }
                break;
            case O:
                escape = Escape.NONE;
                if (c == 'H') {
                    back = cursor - lineStart;
                } else if (c == 'F') {
                    forward = buffer.length() - cursor;
                }
                break;
            default:
                escape = Escape.NONE;
                break;
        }
        redrawLine(lengthBefore, back, forward, redraw);
        indentJustAdded = false;
        out.flush();
        return MORE;
    }

    /** Moves the cursor and draws what changed, with as little output as the terminal needs. */
    private void redrawLine(int lengthBefore, int back, int forward, boolean fromCursor) throws IOException {
        if (back > 0) {
            moveBack(back);
            cursor -= back;
        }
        if (fromCursor) {
            if (buffer.length() < lengthBefore) {
                write("\u001b[K");
            }
            write(buffer.substring(cursor));
            moveBack(buffer.length() - (cursor + forward));
            cursor += forward;
        } else if (forward > 0) {
            write(buffer.substring(cursor, cursor + forward));
            cursor += forward;
        }
    }

    private void moveBack(int n) throws IOException {
        if (n <= 0) {
            return;
        }
        write(n <= 4 ? "\b".repeat(n) : "\u001b[" + n + "D");
    }

    private boolean deleteAtCursor() {
        if (cursor < buffer.length()) {
            buffer.deleteCharAt(cursor);
            return true;
        }
        return false;
    }

    /** How many spaces (only spaces) the line holds before the cursor; 0 if anything else. */
    private int spacesBeforeCursor() {
        int n = 0;
        for (int i = lineStart; i < cursor; i++) {
            if (buffer.charAt(i) != ' ') {
                return 0;
            }
            n++;
        }
        return n;
    }

    /** Tab: four spaces after whitespace, else completion of the word before the cursor. */
    private String tabInsertion() throws IOException {
        if (buffer.length() > 0 && cursor > 0 && Character.isWhitespace(buffer.charAt(cursor - 1))) {
            return "    ";
        }
        return completer.complete(buffer.substring(lineStart, cursor), out);
    }

    /** {back, forward, redraw}: replaces the line by the next older history entry. */
    private int[] historyUp() {
        if (historyIndex + 1 < history.size()) {
            historyIndex++;
            return replaceLine(history.get(historyIndex));
        }
        return new int[3];
    }

    /** {back, forward, redraw}: replaces the line by the next newer history entry, or empties it. */
    private int[] historyDown() {
        if (historyIndex >= 0) {
            historyIndex--;
            return replaceLine(historyIndex >= 0 ? history.get(historyIndex) : "");
        }
        return new int[3];
    }

    private int[] replaceLine(String text) {
        int back = cursor - lineStart;
        buffer.setLength(lineStart);
        buffer.append(text);
        return new int[] {back, text.length(), 1};
    }

    /** Characters from the cursor back to the start of the word before it. */
    private int wordBack() {
        int pos = cursor;
        boolean inWord = false;
        while (pos > lineStart) {
            if (isWordChar(buffer.charAt(pos - 1))) {
                inWord = true;
            } else if (inWord) {
                break;
            }
            pos--;
        }
        return cursor - pos;
    }

    /** Characters from the cursor to the end of the word after it. */
    private int wordForward() {
        int pos = cursor;
        boolean inWord = false;
        while (pos < buffer.length()) {
            if (isWordChar(buffer.charAt(pos))) {
                inWord = true;
            } else if (inWord) {
                break;
            }
            pos++;
        }
        return pos - cursor;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
