package dev.mica.compiler.lexer;

import dev.mica.compiler.CompilerRaise;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns MicroPython source into tokens: NEWLINE/INDENT/DEDENT from indentation, adjacent string
 * literals joined into one token, and f-strings rewritten as {@code "...".format(...)} by feeding
 * the extracted argument text back into the input, as MicroPython's lexer does.
 */
public final class Lexer {
    private static final int EOF = -1;
    private static final int TAB_SIZE = 8;

    private static final Map<String, TokenKind> KEYWORDS = Map.ofEntries(
            Map.entry("False", TokenKind.KW_FALSE), Map.entry("None", TokenKind.KW_NONE),
            Map.entry("True", TokenKind.KW_TRUE), Map.entry("and", TokenKind.KW_AND),
            Map.entry("as", TokenKind.KW_AS), Map.entry("assert", TokenKind.KW_ASSERT),
            Map.entry("async", TokenKind.KW_ASYNC), Map.entry("await", TokenKind.KW_AWAIT),
            Map.entry("break", TokenKind.KW_BREAK), Map.entry("class", TokenKind.KW_CLASS),
            Map.entry("continue", TokenKind.KW_CONTINUE), Map.entry("def", TokenKind.KW_DEF),
            Map.entry("del", TokenKind.KW_DEL), Map.entry("elif", TokenKind.KW_ELIF),
            Map.entry("else", TokenKind.KW_ELSE), Map.entry("except", TokenKind.KW_EXCEPT),
            Map.entry("finally", TokenKind.KW_FINALLY), Map.entry("for", TokenKind.KW_FOR),
            Map.entry("from", TokenKind.KW_FROM), Map.entry("global", TokenKind.KW_GLOBAL),
            Map.entry("if", TokenKind.KW_IF), Map.entry("import", TokenKind.KW_IMPORT),
            Map.entry("in", TokenKind.KW_IN), Map.entry("is", TokenKind.KW_IS),
            Map.entry("lambda", TokenKind.KW_LAMBDA), Map.entry("nonlocal", TokenKind.KW_NONLOCAL),
            Map.entry("not", TokenKind.KW_NOT), Map.entry("or", TokenKind.KW_OR),
            Map.entry("pass", TokenKind.KW_PASS), Map.entry("raise", TokenKind.KW_RAISE),
            Map.entry("return", TokenKind.KW_RETURN), Map.entry("try", TokenKind.KW_TRY),
            Map.entry("while", TokenKind.KW_WHILE), Map.entry("with", TokenKind.KW_WITH),
            Map.entry("yield", TokenKind.KW_YIELD));

    private final int[] src;
    private int pos;
    private int line = 1;
    private int column = 1;
    private final boolean debugEnabled;

    // characters fed back into the input (the arguments of an f-string's format call)
    private int[] injected = new int[0];
    private int injectedPos;
    private final StringBuilder fstringArgs = new StringBuilder();

    private final List<Integer> indentStack = new ArrayList<>(List.of(0));
    private int pendingDents;
    private int bracketLevel;
    private boolean atStart = true;

    /**
     * @param source program text
     * @param debugEnabled the value {@code __debug__} stands for (false when optimising)
     */
    public Lexer(String source, boolean debugEnabled) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        if (!s.isEmpty() && !s.endsWith("\n")) {
            s = s + "\n";
        }
        this.src = s.codePoints().toArray();
        this.debugEnabled = debugEnabled;
    }

    // ---- character access: injected f-string text first, then the source ----

    private int peek(int ahead) {
        int inj = injected.length - injectedPos;
        if (ahead < inj) {
            return injected[injectedPos + ahead];
        }
        int i = pos + ahead - inj;
        return i < src.length ? src[i] : EOF;
    }

    private int cur() {
        return peek(0);
    }

    private boolean isEnd() {
        return cur() == EOF;
    }

    private void advance() {
        if (injectedPos < injected.length) {
            injectedPos++;
            return;
        }
        if (pos >= src.length) {
            return;
        }
        int c = src[pos++];
        if (c == '\n') {
            line++;
            column = 1;
        } else if (c == '\t') {
            column = (((column - 1 + TAB_SIZE) / TAB_SIZE) * TAB_SIZE) + 1;
        } else {
            column++;
        }
    }

    private boolean is(int c) {
        return cur() == c;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHeadOfIdentifier(int c) {
        return isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isTailOfIdentifier(int c) {
        return isHeadOfIdentifier(c) || isDigit(c);
    }

    /** Skips blanks, comments and line continuations; true when it stops at a line end outside brackets. */
    private boolean skipWhitespace(boolean stopAtNewline) {
        while (!isEnd()) {
            int c = cur();
            if (c == '\n') {
                if (stopAtNewline && bracketLevel == 0) {
                    return true;
                }
                advance();
            } else if (c == ' ' || c == '\t' || c == '\f' || c == 0x0b) {
                advance();
            } else if (c == '#') {
                while (!isEnd() && cur() != '\n') {
                    advance();
                }
            } else if (c == '\\' && peek(1) == '\n') {
                advance();
                advance();
            } else {
                break;
            }
        }
        return false;
    }

    /** All tokens up to and including END (error tokens end the list early at the parser). */
    public List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = next();
            out.add(t);
            if (t.kind() == TokenKind.END) {
                return out;
            }
        }
    }

    /** The next token. */
    public Token next() {
        if (fstringArgs.length() > 0) {
            // the string literal is complete: feed ".format(args)" back as input
            fstringArgs.append(')');
            int[] rest = java.util.Arrays.copyOfRange(injected, injectedPos, injected.length);
            int[] args = fstringArgs.toString().codePoints().toArray();
            injected = new int[args.length + rest.length];
            System.arraycopy(args, 0, injected, 0, args.length);
            System.arraycopy(rest, 0, injected, args.length, rest.length);
            injectedPos = 0;
            fstringArgs.setLength(0);
        }
        if (atStart) {
            atStart = false;
            skipWhitespace(false);
            if (!isEnd() && column > 1) {
                indentStack.add(column - 1);
                return new Token(TokenKind.INDENT, "", line, column);
            }
        }
        boolean hadNewline = skipWhitespace(true);
        int tokLine = line;
        int tokCol = column;
        if (pendingDents < 0) {
            pendingDents++;
            return new Token(TokenKind.DEDENT, "", tokLine, tokCol);
        }
        if (pendingDents > 0) {
            pendingDents--;
            return new Token(TokenKind.INDENT, "", tokLine, tokCol);
        }
        if (hadNewline) {
            // consume the line end and any blank lines, then measure the new indentation
            advance();
            skipWhitespace(false);
            int spaces = column - 1;
            TokenKind kind = TokenKind.NEWLINE;
            int top = indentStack.get(indentStack.size() - 1);
            if (isEnd()) {
                spaces = 0;
            }
            if (spaces > top) {
                indentStack.add(spaces);
                pendingDents++;
            } else if (spaces < top) {
                while (spaces < indentStack.get(indentStack.size() - 1)) {
                    indentStack.remove(indentStack.size() - 1);
                    pendingDents--;
                }
                if (spaces != indentStack.get(indentStack.size() - 1)) {
                    kind = TokenKind.DEDENT_MISMATCH;
                }
            }
            return new Token(kind, "", tokLine, tokCol);
        }
        if (isEnd()) {
            return new Token(TokenKind.END, "", tokLine, tokCol);
        }
        int c = cur();
        if (isStringStart()) {
            return lexStrings(tokLine, tokCol);
        }
        if (isHeadOfIdentifier(c)) {
            StringBuilder sb = new StringBuilder();
            while (!isEnd() && isTailOfIdentifier(cur())) {
                sb.appendCodePoint(cur());
                advance();
            }
            String name = sb.toString();
            TokenKind kw = KEYWORDS.get(name);
            if (kw != null) {
                return new Token(kw, name, tokLine, tokCol);
            }
            if (name.equals("__debug__")) {
                return new Token(debugEnabled ? TokenKind.KW_TRUE : TokenKind.KW_FALSE, name, tokLine, tokCol);
            }
            return new Token(TokenKind.NAME, CompilerRaise.checkName(name, tokLine), tokLine, tokCol);
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            return lexNumber(tokLine, tokCol);
        }
        return lexOperator(tokLine, tokCol);
    }

    private boolean isStringStart() {
        int c0 = cur();
        int c1 = peek(1);
        int c2 = peek(2);
        if (c0 == '\'' || c0 == '"') {
            return true;
        }
        boolean q1 = c1 == '\'' || c1 == '"';
        boolean q2 = c2 == '\'' || c2 == '"';
        if ((c0 == 'r' || c0 == 'u' || c0 == 'b' || c0 == 'f') && q1) {
            return true;
        }
        return q2 && ((c0 == 'r' && (c1 == 'b' || c1 == 'f')) || (c0 == 'b' && c1 == 'r') || (c0 == 'f' && c1 == 'r'));
    }

    private Token lexStrings(int tokLine, int tokCol) {
        TokenKind tokKind = null;
        boolean invalid = false;
        boolean lonely = false;
        StringBuilder value = new StringBuilder();
        do {
            boolean raw = false;
            boolean fstring = false;
            TokenKind kind = TokenKind.STRING;
            int prefix = 0;
            if (is('u')) {
                prefix = 1;
            } else if (is('b')) {
                kind = TokenKind.BYTES;
                prefix = 1;
                if (peek(1) == 'r') {
                    raw = true;
                    prefix = 2;
                }
            } else if (is('r')) {
                raw = true;
                prefix = 1;
                if (peek(1) == 'b') {
                    kind = TokenKind.BYTES;
                    prefix = 2;
                }
                if (peek(1) == 'f') {
                    fstring = true;
                    prefix = 2;
                }
            } else if (is('f')) {
                fstring = true;
                prefix = 1;
                if (peek(1) == 'r') {
                    raw = true;
                    prefix = 2;
                }
            }
            if (tokKind == null) {
                tokKind = kind;
            } else if (tokKind != kind) {
                break;
            }
            for (int i = 0; i < prefix; i++) {
                advance();
            }
            int result = lexStringLiteral(value, raw, fstring, kind == TokenKind.BYTES);
            if (result == 1) {
                invalid = true;
            } else if (result == 2) {
                lonely = true;
            }
            skipWhitespace(true);
        } while (isStringStart());
        if (lonely) {
            return new Token(TokenKind.LONELY_STRING_OPEN, "", tokLine, tokCol);
        }
        if (invalid) {
            return new Token(TokenKind.INVALID, "", tokLine, tokCol);
        }
        return new Token(tokKind, value.toString(), tokLine, tokCol);
    }

    /** Reads one quoted literal into {@code out}; 0 when fine, 1 for a bad escape, 2 when unterminated. */
    private int lexStringLiteral(StringBuilder out, boolean raw, boolean fstring, boolean bytes) {
        int quote = cur();
        advance();
        int numQuotes = 1;
        if (cur() == quote && peek(1) == quote) {
            advance();
            advance();
            numQuotes = 3;
        }
        if (fstring && fstringArgs.length() == 0) {
            fstringArgs.append(".format(");
        }
        int status = 0;
        int start = out.length();
        int closing = 0;
        while (!isEnd() && (numQuotes > 1 || cur() != '\n') && closing < numQuotes) {
            if (cur() == quote) {
                closing++;
                out.appendCodePoint(cur());
            } else {
                closing = 0;
                while (fstring && is('{')) {
                    advance();
                    if (is('{')) {
                        out.append('{');
                        advance();
                    } else {
                        extractFstringArgument(out);
                    }
                    out.append('{');
                }
                if (is('\\')) {
                    advance();
                    int c = cur();
                    if (raw) {
                        out.append('\\');
                    } else {
                        switch (c) {
                            case '\n' -> c = EOF;
                            case '\\', '\'', '"' -> { }
                            case 'a' -> c = 0x07;
                            case 'b' -> c = 0x08;
                            case 't' -> c = 0x09;
                            case 'n' -> c = 0x0a;
                            case 'v' -> c = 0x0b;
                            case 'f' -> c = 0x0c;
                            case 'r' -> c = 0x0d;
                            case 'N' -> throw new CompilerRaise("NotImplementedError", "unicode name escapes", line);
                            case 'u', 'U', 'x' -> {
                                if (bytes && c != 'x') {
                                    out.append('\\');
                                } else {
                                    int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                                    int num = 0;
                                    for (int i = 0; i < n; i++) {
                                        int d = Character.digit(peek(1), 16);
                                        if (peek(1) == EOF || d < 0) {
                                            status = 1;
                                            break;
                                        }
                                        advance();
                                        num = num * 16 + d;
                                    }
                                    c = num;
                                }
                            }
                            default -> {
                                if (c >= '0' && c <= '7') {
                                    int num = c - '0';
                                    int digits = 3;
                                    while (peek(1) >= '0' && peek(1) <= '7' && --digits != 0) {
                                        advance();
                                        num = num * 8 + (cur() - '0');
                                    }
                                    c = num;
                                } else {
                                    out.append('\\');
                                }
                            }
                        }
                    }
                    if (c != EOF) {
                        if (!bytes && c < 0x110000 && c >= 0) {
                            out.appendCodePoint(c);
                        } else if (bytes && c >= 0 && c < 0x100) {
                            out.append((char) c);
                        } else {
                            status = 1;
                        }
                    }
                } else if (bytes && cur() >= 0x80) {
                    for (byte b : new String(Character.toChars(cur())).getBytes(StandardCharsets.UTF_8)) {
                        out.append((char) (b & 0xff));
                    }
                } else if (!isEnd()) {
                    out.appendCodePoint(cur());
                }
            }
            advance();
        }
        if (closing < numQuotes) {
            return 2;
        }
        out.setLength(out.length() - closing);
        if (start > out.length()) {
            out.setLength(start);
        }
        return status;
    }

    /** Moves the text of one f-string replacement field into the pending format arguments. */
    private void extractFstringArgument(StringBuilder out) {
        fstringArgs.append('(');
        int argStart = fstringArgs.length();
        int nested = 0;
        while (!isEnd()) {
            int c = cur();
            if (nested == 0 && (c == ':' || c == '}'
                    || (c == '!' && (peek(1) == 'r' || peek(1) == 's') && (peek(2) == ':' || peek(2) == '}')))) {
                break;
            }
            if (c == '[' || c == '{') {
                nested++;
            } else if (c == ']' || c == '}') {
                nested--;
            }
            fstringArgs.appendCodePoint(c);
            advance();
        }
        if (fstringArgs.length() > argStart && fstringArgs.charAt(fstringArgs.length() - 1) == '=') {
            // f'{a=}' becomes 'a={}'.format(a)
            out.append(fstringArgs, argStart, fstringArgs.length());
            fstringArgs.setLength(fstringArgs.length() - 1);
        }
        fstringArgs.append(')');
        fstringArgs.append(',');
    }

    private Token lexNumber(int tokLine, int tokCol) {
        StringBuilder sb = new StringBuilder();
        TokenKind kind;
        boolean forcedInteger = false;
        if (is('.')) {
            kind = TokenKind.FLOAT_OR_IMAG;
        } else {
            kind = TokenKind.INTEGER;
            int n = peek(1);
            if (is('0') && (n == 'x' || n == 'X' || n == 'o' || n == 'O' || n == 'b' || n == 'B')) {
                forcedInteger = true;
            }
        }
        sb.appendCodePoint(cur());
        advance();
        while (!isEnd()) {
            int c = cur();
            if (!forcedInteger && (c == 'e' || c == 'E')) {
                kind = TokenKind.FLOAT_OR_IMAG;
                sb.append('e');
                advance();
                if (is('+') || is('-')) {
                    sb.appendCodePoint(cur());
                    advance();
                }
            } else if (isLetter(c) || isDigit(c) || c == '.' || c == '_') {
                if (c == '.' || c == 'j' || c == 'J') {
                    if (!forcedInteger) {
                        kind = TokenKind.FLOAT_OR_IMAG;
                    }
                }
                sb.appendCodePoint(c);
                advance();
            } else {
                break;
            }
        }
        return new Token(kind, sb.toString(), tokLine, tokCol);
    }

    private Token lexOperator(int tokLine, int tokCol) {
        int c = cur();
        int c1 = peek(1);
        int c2 = peek(2);
        TokenKind kind;
        int len = 1;
        switch (c) {
            case '(' -> { kind = TokenKind.DEL_PAREN_OPEN; bracketLevel++; }
            case ')' -> { kind = TokenKind.DEL_PAREN_CLOSE; bracketLevel = Math.max(0, bracketLevel - 1); }
            case '[' -> { kind = TokenKind.DEL_BRACKET_OPEN; bracketLevel++; }
            case ']' -> { kind = TokenKind.DEL_BRACKET_CLOSE; bracketLevel = Math.max(0, bracketLevel - 1); }
            case '{' -> { kind = TokenKind.DEL_BRACE_OPEN; bracketLevel++; }
            case '}' -> { kind = TokenKind.DEL_BRACE_CLOSE; bracketLevel = Math.max(0, bracketLevel - 1); }
            case ',' -> kind = TokenKind.DEL_COMMA;
            case ';' -> kind = TokenKind.DEL_SEMICOLON;
            case '~' -> kind = TokenKind.OP_TILDE;
            case ':' -> {
                if (c1 == '=') { kind = TokenKind.OP_ASSIGN; len = 2; } else { kind = TokenKind.DEL_COLON; }
            }
            case '.' -> {
                if (c1 == '.' && c2 == '.') { kind = TokenKind.ELLIPSIS; len = 3; } else { kind = TokenKind.DEL_PERIOD; }
            }
            case '<' -> {
                if (c1 == '<') {
                    if (c2 == '=') { kind = TokenKind.DEL_DBL_LESS_EQUAL; len = 3; } else { kind = TokenKind.OP_DBL_LESS; len = 2; }
                } else if (c1 == '=') { kind = TokenKind.OP_LESS_EQUAL; len = 2; } else { kind = TokenKind.OP_LESS; }
            }
            case '>' -> {
                if (c1 == '>') {
                    if (c2 == '=') { kind = TokenKind.DEL_DBL_MORE_EQUAL; len = 3; } else { kind = TokenKind.OP_DBL_MORE; len = 2; }
                } else if (c1 == '=') { kind = TokenKind.OP_MORE_EQUAL; len = 2; } else { kind = TokenKind.OP_MORE; }
            }
            case '*' -> {
                if (c1 == '*') {
                    if (c2 == '=') { kind = TokenKind.DEL_DBL_STAR_EQUAL; len = 3; } else { kind = TokenKind.OP_DBL_STAR; len = 2; }
                } else if (c1 == '=') { kind = TokenKind.DEL_STAR_EQUAL; len = 2; } else { kind = TokenKind.OP_STAR; }
            }
            case '/' -> {
                if (c1 == '/') {
                    if (c2 == '=') { kind = TokenKind.DEL_DBL_SLASH_EQUAL; len = 3; } else { kind = TokenKind.OP_DBL_SLASH; len = 2; }
                } else if (c1 == '=') { kind = TokenKind.DEL_SLASH_EQUAL; len = 2; } else { kind = TokenKind.OP_SLASH; }
            }
            case '-' -> {
                if (c1 == '=') { kind = TokenKind.DEL_MINUS_EQUAL; len = 2; }
                else if (c1 == '>') { kind = TokenKind.DEL_MINUS_MORE; len = 2; }
                else { kind = TokenKind.OP_MINUS; }
            }
            case '+' -> { if (c1 == '=') { kind = TokenKind.DEL_PLUS_EQUAL; len = 2; } else { kind = TokenKind.OP_PLUS; } }
            case '%' -> { if (c1 == '=') { kind = TokenKind.DEL_PERCENT_EQUAL; len = 2; } else { kind = TokenKind.OP_PERCENT; } }
            case '&' -> { if (c1 == '=') { kind = TokenKind.DEL_AMPERSAND_EQUAL; len = 2; } else { kind = TokenKind.OP_AMPERSAND; } }
            case '|' -> { if (c1 == '=') { kind = TokenKind.DEL_PIPE_EQUAL; len = 2; } else { kind = TokenKind.OP_PIPE; } }
            case '^' -> { if (c1 == '=') { kind = TokenKind.DEL_CARET_EQUAL; len = 2; } else { kind = TokenKind.OP_CARET; } }
            case '@' -> { if (c1 == '=') { kind = TokenKind.DEL_AT_EQUAL; len = 2; } else { kind = TokenKind.OP_AT; } }
            case '=' -> { if (c1 == '=') { kind = TokenKind.OP_DBL_EQUAL; len = 2; } else { kind = TokenKind.DEL_EQUAL; } }
            case '!' -> { if (c1 == '=') { kind = TokenKind.OP_NOT_EQUAL; len = 2; } else { kind = TokenKind.INVALID; } }
            default -> kind = TokenKind.INVALID;
        }
        for (int i = 0; i < len; i++) {
            advance();
        }
        return new Token(kind, "", tokLine, tokCol);
    }
}
