package dev.mica.compiler.lexer;

/**
 * One token. For names, numbers and strings {@code text} holds the identifier, the literal's
 * characters, or the decoded string value (bytes literals hold one char per byte).
 *
 * @param line 1-based source line of the token's start
 * @param column 1-based column of the token's start
 */
public record Token(TokenKind kind, String text, int line, int column) {
    public boolean is(TokenKind k) {
        return kind == k;
    }
}
