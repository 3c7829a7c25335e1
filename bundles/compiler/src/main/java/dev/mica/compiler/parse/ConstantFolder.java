package dev.mica.compiler.parse;

import dev.mica.code.Constant;
import dev.mica.code.Opcodes.BinaryOp;
import dev.mica.code.Opcodes.UnaryOp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The parse-time optimisations MicroPython applies: integer arithmetic on whole operator runs,
 * unary + - ~ on integers, {@code and}/{@code or}/{@code not} on constants, and tuples made only of
 * constants. Floats are never folded, nor are {@code /} and {@code @}, negative shifts or powers,
 * and division or modulo by zero (those are left for run time to raise).
 */
public final class ConstantFolder {
    private ConstantFolder() {}

    /** True for nodes MicroPython treats as compile-time constants. */
    public static boolean isConst(Expr e) {
        if (e instanceof Expr.IntLit || e instanceof Expr.StrLit || e instanceof Expr.SingletonLit
                || e instanceof Expr.ConstObject) {
            return true;
        }
        return e instanceof Expr.TupleExpr t && t.parenthesized() && t.items().isEmpty();
    }

    /** The constant value of a node for which {@link #isConst} holds. */
    public static Constant toConstant(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return new Constant.Int(i.value());
        } else if (e instanceof Expr.StrLit s) {
            return new Constant.Str(s.value());
        } else if (e instanceof Expr.SingletonLit s) {
            return switch (s.value()) {
                case NONE -> Constant.Singleton.NONE;
                case FALSE -> Constant.Singleton.FALSE;
                case TRUE -> Constant.Singleton.TRUE;
                case ELLIPSIS -> Constant.Singleton.ELLIPSIS;
            };
        } else if (e instanceof Expr.ConstObject c) {
            return c.value();
        } else if (e instanceof Expr.TupleExpr) {
            return new Constant.Tuple(List.of());
        }
        throw new IllegalArgumentException("not a constant");
    }

    /** Python truth of a constant. */
    public static boolean truth(Constant c) {
        if (c instanceof Constant.Singleton s) {
            return s == Constant.Singleton.TRUE || s == Constant.Singleton.ELLIPSIS;
        } else if (c instanceof Constant.Int i) {
            return i.value().signum() != 0;
        } else if (c instanceof Constant.Str s) {
            return !s.value().isEmpty();
        } else if (c instanceof Constant.Bytes b) {
            return b.value().length != 0;
        } else if (c instanceof Constant.Float f) {
            return f.value() != 0.0;
        } else if (c instanceof Constant.Complex x) {
            return x.real() != 0.0 || x.imag() != 0.0;
        }
        return !((Constant.Tuple) c).items().isEmpty();
    }

    public static boolean isConstTrue(Expr e) {
        return isConst(e) && truth(toConstant(e));
    }

    public static boolean isConstFalse(Expr e) {
        return isConst(e) && !truth(toConstant(e));
    }

    /** An integer value node: small ints become leaves, big ones constant objects (line 0 when folded). */
    public static Expr intNode(int line, BigInteger v) {
        return new Expr.IntLit(line, v);
    }

    private static BigInteger intValue(Expr e) {
        if (e instanceof Expr.IntLit i) {
            return i.value();
        }
        return e instanceof Expr.ConstObject c && c.value() instanceof Constant.Int i ? i.value() : null;
    }

    /** Whether MicroPython's compiler (a 64-bit build) holds the value as a small int rather than a big-int object. */
    private static boolean isHostSmallInt(BigInteger v) {
        return v.bitLength() < 63;
    }

    /** Folds a whole run of one binary precedence level, or returns it unchanged. */
    public static Expr foldChain(Expr.BinaryChain chain) {
        BigInteger acc = intValue(chain.first());
        if (acc == null) {
            return chain;
        }
        for (int i = 0; i < chain.ops().size(); i++) {
            BigInteger rhs = intValue(chain.rest().get(i));
            if (rhs == null) {
                return chain;
            }
            BigInteger r = apply(chain.ops().get(i), acc, rhs);
            if (r == null) {
                return chain;
            }
            acc = r;
        }
        return intNode(0, acc);
    }

    /** Folds {@code base ** exp} on integers with a non-negative exponent. */
    public static Expr foldPower(Expr.BinaryChain power) {
        return foldChain(power);
    }

    private static BigInteger apply(int op, BigInteger a, BigInteger b) {
        switch (op) {
            case BinaryOp.OR: return a.or(b);
            case BinaryOp.XOR: return a.xor(b);
            case BinaryOp.AND: return a.and(b);
            case BinaryOp.LSHIFT:
                if (b.signum() < 0 || b.bitLength() > 31) return null;
                return a.shiftLeft(b.intValueExact());
            case BinaryOp.RSHIFT:
                if (b.signum() < 0) return null;
                return b.bitLength() > 31 ? BigInteger.valueOf(a.signum() < 0 ? -1 : 0) : a.shiftRight(b.intValueExact());
            case BinaryOp.ADD: return a.add(b);
            case BinaryOp.SUBTRACT: return a.subtract(b);
            case BinaryOp.MULTIPLY: return a.multiply(b);
            case BinaryOp.FLOOR_DIVIDE: {
                if (b.signum() == 0) return null;
                BigInteger[] qr = a.divideAndRemainder(b);
                BigInteger q = qr[0];
                if (qr[1].signum() != 0 && (qr[1].signum() != b.signum())) q = q.subtract(BigInteger.ONE);
                return q;
            }
            case BinaryOp.MODULO: {
                if (b.signum() == 0) return null;
                BigInteger m = a.mod(b.abs());
                if (b.signum() < 0 && m.signum() != 0) m = m.add(b);
                return m;
            }
            case BinaryOp.POWER:
                if (b.signum() < 0 || b.bitLength() > 31) return null;
                return a.pow(b.intValueExact());
            default:
                return null; // / and @ are never folded
        }
    }

    /** Folds unary + - ~ on an integer, or returns the node unchanged. */
    public static Expr foldUnary(Expr.Unary u) {
        BigInteger v = intValue(u.operand());
        if (v == null) {
            return u;
        }
        BigInteger result = switch (u.op()) {
            case UnaryOp.POSITIVE -> v;
            case UnaryOp.NEGATIVE -> v.negate();
            case UnaryOp.INVERT -> v.not();
            default -> null;
        };
        if (result == null) {
            return u;
        }
        // A unary operation on a big-int object gives an object again, even when the value
        // (-2**62) would fit a small int; binary operations give a small int where it fits.
        return isHostSmallInt(v) ? intNode(0, result) : new Expr.ConstObject(0, new Constant.Int(result));
    }

    /** {@code not} of a constant becomes True/False. */
    public static Expr foldNot(Expr.Not n) {
        if (isConstFalse(n.operand())) {
            return new Expr.SingletonLit(n.line(), Expr.Singleton.TRUE);
        }
        if (isConstTrue(n.operand())) {
            return new Expr.SingletonLit(n.line(), Expr.Singleton.FALSE);
        }
        return n;
    }

    /**
     * Drops operands of {@code or}/{@code and} that cannot decide the result and cuts the run
     * after one that always does; a single survivor replaces the whole expression.
     */
    public static Expr foldBoolOp(Expr.BoolOp op) {
        List<Expr> kept = new ArrayList<>();
        List<Expr> values = op.values();
        for (int i = 0; i < values.size(); i++) {
            Expr v = values.get(i);
            if (i == values.size() - 1) {
                kept.add(v);
                break;
            }
            boolean decides = op.isOr() ? isConstTrue(v) : isConstFalse(v);
            boolean neutral = op.isOr() ? isConstFalse(v) : isConstTrue(v);
            if (decides) {
                kept.add(v);
                break;
            }
            if (!neutral) {
                kept.add(v);
            }
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        return new Expr.BoolOp(op.line(), op.isOr(), kept);
    }

    /** A tuple whose items are all constants becomes one constant object. */
    public static Expr foldTuple(int line, List<Expr> items, boolean parenthesized) {
        for (Expr e : items) {
            if (!isConst(e)) {
                return new Expr.TupleExpr(line, items, parenthesized);
            }
        }
        List<Constant> values = new ArrayList<>();
        for (Expr e : items) {
            values.add(toConstant(e));
        }
        return new Expr.ConstObject(line, new Constant.Tuple(values));
    }
}
