package dev.mica.compiler.parse;

import dev.mica.code.Constant;
import java.math.BigInteger;
import java.util.List;

/**
 * Expression nodes. {@link #line()} is the line of the node's first token (0 for values made by
 * constant folding). Leaf nodes, which MicroPython keeps inside a parse-node word (names, small
 * ints, interned strings, None/True/False/...), do not move the line-number table when compiled.
 */
public sealed interface Expr {
    int line();

    /** True for nodes that carry no line of their own in MicroPython's parse tree. */
    default boolean isLeaf() {
        return false;
    }

    record Name(int line, String id) implements Expr {
        @Override public boolean isLeaf() { return true; }
    }

    /**
     * An integer. Whether it is a leaf (a small int) or a constant object depends on the
     * target's small-int width, which the code generator knows.
     */
    record IntLit(int line, BigInteger value) implements Expr {}

    /** A str literal loaded by qstr (short or already-interned strings). */
    record StrLit(int line, String value) implements Expr {
        @Override public boolean isLeaf() { return true; }
    }

    /**
     * A value MicroPython keeps as a constant object: floats, complex numbers, bytes, long
     * strings, tuples of constants, and the values of names bound with {@code const()}.
     */
    record ConstObject(int line, Constant value) implements Expr {}

    enum Singleton { NONE, FALSE, TRUE, ELLIPSIS }

    record SingletonLit(int line, Singleton value) implements Expr {
        @Override public boolean isLeaf() { return true; }
    }

    /** {@code a, b} or {@code (a, b)}. */
    record TupleExpr(int line, List<Expr> items, boolean parenthesized) implements Expr {}

    record ListExpr(int line, List<Expr> items) implements Expr {}

    record SetExpr(int line, List<Expr> items) implements Expr {}

    /** A dict display; {@code keys} and {@code values} are parallel. */
    record DictExpr(int line, List<Expr> keys, List<Expr> values) implements Expr {}

    enum CompKind { LIST, SET, DICT, GENERATOR }

    /** One {@code for ... in ... [if ...]*} clause. */
    record CompFor(int line, Expr target, Expr iter, List<Expr> conditions) {}

    /**
     * A comprehension; {@code value} is only used by dict comprehensions ({@code element} is the
     * key). {@code innerLine} is the line of the element, where the comprehension's own code starts;
     * {@code line} is 0 for a generator given bare as the only call argument.
     */
    record Comprehension(int line, int innerLine, CompKind kind, Expr element, Expr value, List<CompFor> generators)
            implements Expr {}

    record BoolOp(int line, boolean isOr, List<Expr> values) implements Expr {}

    record Not(int line, Expr operand) implements Expr {}

    enum CompareOp { LESS, MORE, EQUAL, LESS_EQUAL, MORE_EQUAL, NOT_EQUAL, IN, NOT_IN, IS, IS_NOT }

    record Compare(int line, Expr first, List<CompareOp> ops, List<Expr> rest) implements Expr {}

    /**
     * A run of one precedence level ({@code a + b - c}); {@code ops} are the binary operator
     * numbers applied left to right. MicroPython folds only whole runs.
     */
    record BinaryChain(int line, Expr first, List<Integer> ops, List<Expr> rest) implements Expr {}

    record Unary(int line, int op, Expr operand) implements Expr {}

    /** An atom followed by trailers: calls, subscripts, attributes. */
    record AtomExpr(int line, Expr base, List<Trailer> trailers, boolean await) implements Expr {}

    sealed interface Trailer {
        int line();
    }

    record CallTrailer(int line, List<Arg> args) implements Trailer {}

    record IndexTrailer(int line, Expr index) implements Trailer {}

    record AttrTrailer(int line, String name) implements Trailer {}

    /** A call argument. */
    sealed interface Arg {}

    record PositionalArg(Expr value) implements Arg {}

    record StarArg(int line, Expr value) implements Arg {}

    record DoubleStarArg(int line, Expr value) implements Arg {}

    record KeywordArg(int line, Expr name, Expr value) implements Arg {}

    /** {@code name := value} given as an argument (compiled without its own line entry). */
    record NamedArg(int line, Expr name, Expr value) implements Arg {}

    /** A slice inside a subscript; absent parts are null. */
    record Slice(int line, Expr lower, Expr upper, Expr step) implements Expr {}

    record IfExp(int line, Expr body, Expr test, Expr orElse) implements Expr {}

    record Lambda(int line, List<Param> params, Expr body) implements Expr {}

    record NamedExpr(int line, Expr target, Expr value) implements Expr {}

    record Starred(int line, Expr value) implements Expr {}

    record Yield(int line, Expr value) implements Expr {}

    record YieldFrom(int line, Expr value) implements Expr {}
}
