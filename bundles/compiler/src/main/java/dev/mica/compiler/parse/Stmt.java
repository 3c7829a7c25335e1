package dev.mica.compiler.parse;

import java.util.List;

/** Statement nodes; {@link #line()} is the line of the statement's first token. */
public sealed interface Stmt {
    int line();

    record ExprStmt(int line, Expr value) implements Stmt {}

    /** {@code t0 = t1 = ... = value}. */
    record Assign(int line, List<Expr> targets, Expr value) implements Stmt {}

    /** {@code target: annotation [= value]}. */
    record AnnAssign(int line, Expr target, Expr annotation, Expr value) implements Stmt {}

    /** {@code op} is the in-place binary operator number. */
    record AugAssign(int line, Expr target, int op, Expr value) implements Stmt {}

    record Del(int line, List<Expr> targets, boolean isList) implements Stmt {}

    record Pass(int line) implements Stmt {}

    record Break(int line) implements Stmt {}

    record Continue(int line) implements Stmt {}

    record Return(int line, Expr value) implements Stmt {}

    record Raise(int line, Expr exception, Expr cause) implements Stmt {}

    record Global(int line, List<String> names) implements Stmt {}

    record Nonlocal(int line, List<String> names) implements Stmt {}

    record Assert(int line, Expr test, Expr message) implements Stmt {}

    /** {@code import a.b.c [as d]}, one entry per name. */
    record Import(int line, List<ImportName> names) implements Stmt {}

    /** @param asName null when absent */
    record ImportName(String dotted, String asName) {}

    /**
     * {@code from [.]module import a [as b], ...} or {@code import *} (then {@code names} is null).
     *
     * @param module dotted name, or null for {@code from . import x}
     */
    record ImportFrom(int line, int level, String module, List<ImportName> names) implements Stmt {}

    record If(int line, Expr test, List<Stmt> body, List<Elif> elifs, List<Stmt> orElse) implements Stmt {}

    record Elif(int line, Expr test, List<Stmt> body) {}

    record While(int line, Expr test, List<Stmt> body, List<Stmt> orElse) implements Stmt {}

    record For(int line, Expr target, Expr iter, List<Stmt> body, List<Stmt> orElse, boolean isAsync)
            implements Stmt {}

    /** @param orElse null when absent; {@code finalBody} null when absent */
    record Try(int line, List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orElse, List<Stmt> finalBody)
            implements Stmt {}

    /** @param type null for a bare except; {@code name} null when there is no {@code as} */
    record ExceptHandler(int line, Expr type, String name, List<Stmt> body) {}

    record With(int line, List<WithItem> items, List<Stmt> body, boolean isAsync) implements Stmt {}

    /** @param target null when there is no {@code as} */
    record WithItem(Expr context, Expr target) {}

    /** One {@code @a.b.c(args)} line. {@code call} is null without arguments. */
    record Decorator(int line, List<String> dottedName, Expr.CallTrailer call) {}

    /**
     * @param line the line of the {@code def} keyword (or of {@code async})
     * @param decoratedLine the line of the first decorator, or 0
     */
    record FunctionDef(int line, int defLine, String name, List<Param> params, Expr returns, List<Stmt> body,
            List<Decorator> decorators, boolean isAsync) implements Stmt {}

    /** @param bases null without parentheses */
    record ClassDef(int line, int classLine, String name, Expr.CallTrailer bases, List<Stmt> body,
            List<Decorator> decorators) implements Stmt {}
}
