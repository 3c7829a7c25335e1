package dev.mica.compiler.parse;

/**
 * One parameter of a def or lambda.
 *
 * @param name null for a bare {@code *}
 * @param defaultValue null when there is none
 * @param annotation null when there is none
 */
public record Param(int line, Kind kind, String name, Expr defaultValue, Expr annotation) {
    public enum Kind { NORMAL, STAR, DOUBLE_STAR }
}
