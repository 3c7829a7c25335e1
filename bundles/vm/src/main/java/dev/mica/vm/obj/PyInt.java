package dev.mica.vm.obj;

import java.math.BigInteger;

/**
 * int: a long, moving to BigInteger when a result does not fit. A value that fits in a long
 * is always held as one, so two equal ints have the same representation.
 */
public class PyInt extends PyObject {
    public static final PyType TYPE = PyType.builtin("int", PyType.OBJECT);
    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1024;
    private static final PyInt[] CACHE = new PyInt[CACHE_HIGH - CACHE_LOW + 1];
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new PyInt(i + CACHE_LOW);
        }
    }

    /** The value when {@link #big} is null. */
    public final long value;
    /** The value when it does not fit in a long, else null. */
    public final BigInteger big;

    protected PyInt(long value) {
        this.value = value;
        this.big = null;
    }

    private PyInt(BigInteger big) {
        this.value = 0;
        this.big = big;
    }

    public static PyInt of(long v) {
        if (v >= CACHE_LOW && v <= CACHE_HIGH) {
            return CACHE[(int) v - CACHE_LOW];
        }
        return new PyInt(v);
    }

    public static PyInt of(BigInteger b) {
        if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
            return of(b.longValue());
        }
        return new PyInt(b);
    }

    public final boolean isBig() {
        return big != null;
    }

    public final BigInteger toBig() {
        return big != null ? big : BigInteger.valueOf(value);
    }

    public final double toDouble() {
        return big != null ? big.doubleValue() : (double) value;
    }

    /** The value as a Java int, or OverflowError. */
    public final int toInt() {
        if (big != null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw Py.overflow("overflow converting long int to machine word");
        }
        return (int) value;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return big != null ? big.toString() : Long.toString(value);
    }

    @Override
    public boolean isTrue() {
        return big != null || value != 0;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (other instanceof PyInt o) {
            return big == null ? o.big == null && value == o.value : big.equals(o.big);
        }
        if (other instanceof PyFloat f) {
            return toDouble() == f.value;
        }
        return false;
    }

    @Override
    public long pyHash() {
        return big != null ? big.hashCode() : value;
    }

    @Override
    public PyObject unaryOp(int op) {
        switch (op) {
            case Ops.POSITIVE:
                return PyInt.of(toBig());
            case Ops.NEGATIVE:
                if (big == null && value != Long.MIN_VALUE) {
                    return of(-value);
                }
                return of(toBig().negate());
            case Ops.INVERT:
                return big == null ? of(~value) : of(big.not());
            default:
                return null;
        }
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if (other instanceof PyInt o) {
            if (big == null && o.big == null) {
                return smallOp(op, value, o.value);
            }
            return bigOp(op, toBig(), o.toBig());
        }
        if (other instanceof PyFloat f) {
            return PyFloat.floatOp(op, toDouble(), f.value);
        }
        if (op == Ops.MULTIPLY || op == Ops.INPLACE_MULTIPLY) {
            if (other instanceof PyStr || other instanceof PyList || other instanceof PyTuple || other instanceof PyBytes) {
                return other.binaryOp(Ops.MULTIPLY, this);
            }
        }
        return null;
    }

    /** Arithmetic on two long values, with overflow into BigInteger. */
    public static PyObject smallOp(int op, long a, long b) {
        switch (op) {
            case Ops.LESS:
                return Py.bool(a < b);
            case Ops.MORE:
                return Py.bool(a > b);
            case Ops.EQUAL:
                return Py.bool(a == b);
            case Ops.LESS_EQUAL:
                return Py.bool(a <= b);
            case Ops.MORE_EQUAL:
                return Py.bool(a >= b);
            case Ops.NOT_EQUAL:
                return Py.bool(a != b);
            case Ops.OR:
            case Ops.INPLACE_OR:
                return of(a | b);
            case Ops.XOR:
            case Ops.INPLACE_XOR:
                return of(a ^ b);
            case Ops.AND:
            case Ops.INPLACE_AND:
                return of(a & b);
            case Ops.LSHIFT:
            case Ops.INPLACE_LSHIFT:
                if (b < 0) {
                    throw Py.valueError("negative shift count");
                }
                if (b < 63 && (a == 0 || (Long.numberOfLeadingZeros(a < 0 ? ~a : a) > b + 1))) {
                    return of(a << b);
                }
                return bigOp(op, BigInteger.valueOf(a), BigInteger.valueOf(b));
            case Ops.RSHIFT:
            case Ops.INPLACE_RSHIFT:
                if (b < 0) {
                    throw Py.valueError("negative shift count");
                }
                return of(a >> Math.min(b, 63));
            case Ops.ADD:
            case Ops.INPLACE_ADD: {
                long r = a + b;
                if (((a ^ r) & (b ^ r)) < 0) {
                    return of(BigInteger.valueOf(a).add(BigInteger.valueOf(b)));
                }
                return of(r);
            }
            case Ops.SUBTRACT:
            case Ops.INPLACE_SUBTRACT: {
                long r = a - b;
                if (((a ^ b) & (a ^ r)) < 0) {
                    return of(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)));
                }
                return of(r);
            }
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY: {
                long hi = Math.multiplyHigh(a, b);
                long lo = a * b;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                    return of(lo);
                }
                return of(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
            }
            case Ops.FLOOR_DIVIDE:
            case Ops.INPLACE_FLOOR_DIVIDE:
                if (b == 0) {
                    throw Py.zeroDivision();
                }
                if (a == Long.MIN_VALUE && b == -1) {
                    return of(BigInteger.valueOf(a).negate());
                }
                return of(Math.floorDiv(a, b));
            case Ops.MODULO:
            case Ops.INPLACE_MODULO:
                if (b == 0) {
                    throw Py.zeroDivision();
                }
                return of(Math.floorMod(a, b));
            case Ops.TRUE_DIVIDE:
            case Ops.INPLACE_TRUE_DIVIDE:
                if (b == 0) {
                    throw Py.zeroDivision();
                }
                return new PyFloat((double) a / (double) b);
            case Ops.POWER:
            case Ops.INPLACE_POWER:
                if (b < 0) {
                    if (a == 0) {
                        throw Py.zeroDivision();
                    }
                    return new PyFloat(Math.pow(a, b));
                }
                return power(a, b);
            default:
                return null;
        }
    }

    private static PyObject power(long base, long exp) {
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) {
                long hi = Math.multiplyHigh(result, b);
                long lo = result * b;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return bigPower(BigInteger.valueOf(base), exp);
                }
                result = lo;
            }
            e >>= 1;
            if (e > 0) {
                long hi = Math.multiplyHigh(b, b);
                long lo = b * b;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return bigPower(BigInteger.valueOf(base), exp);
                }
                b = lo;
            }
        }
        return of(result);
    }

    private static PyObject bigPower(BigInteger base, long exp) {
        if (exp > Integer.MAX_VALUE) {
            throw Py.overflow("result overflow");
        }
        return of(base.pow((int) exp));
    }

    static PyObject bigOp(int op, BigInteger a, BigInteger b) {
        switch (op) {
            case Ops.LESS:
                return Py.bool(a.compareTo(b) < 0);
            case Ops.MORE:
                return Py.bool(a.compareTo(b) > 0);
            case Ops.EQUAL:
                return Py.bool(a.equals(b));
            case Ops.LESS_EQUAL:
                return Py.bool(a.compareTo(b) <= 0);
            case Ops.MORE_EQUAL:
                return Py.bool(a.compareTo(b) >= 0);
            case Ops.NOT_EQUAL:
                return Py.bool(!a.equals(b));
            case Ops.OR:
            case Ops.INPLACE_OR:
                return of(a.or(b));
            case Ops.XOR:
            case Ops.INPLACE_XOR:
                return of(a.xor(b));
            case Ops.AND:
            case Ops.INPLACE_AND:
                return of(a.and(b));
            case Ops.LSHIFT:
            case Ops.INPLACE_LSHIFT:
                if (b.signum() < 0) {
                    throw Py.valueError("negative shift count");
                }
                return of(a.shiftLeft(b.intValueExact()));
            case Ops.RSHIFT:
            case Ops.INPLACE_RSHIFT:
                if (b.signum() < 0) {
                    throw Py.valueError("negative shift count");
                }
                return of(b.bitLength() > 31 ? (a.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO) : a.shiftRight(b.intValue()));
            case Ops.ADD:
            case Ops.INPLACE_ADD:
                return of(a.add(b));
            case Ops.SUBTRACT:
            case Ops.INPLACE_SUBTRACT:
                return of(a.subtract(b));
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY:
                return of(a.multiply(b));
            case Ops.FLOOR_DIVIDE:
            case Ops.INPLACE_FLOOR_DIVIDE: {
                if (b.signum() == 0) {
                    throw Py.zeroDivision();
                }
                BigInteger[] qr = a.divideAndRemainder(b);
                BigInteger q = qr[0];
                if (qr[1].signum() != 0 && qr[1].signum() != b.signum()) {
                    q = q.subtract(BigInteger.ONE);
                }
                return of(q);
            }
            case Ops.MODULO:
            case Ops.INPLACE_MODULO: {
                if (b.signum() == 0) {
                    throw Py.zeroDivision();
                }
                BigInteger r = a.mod(b.abs());
                if (b.signum() < 0 && r.signum() != 0) {
                    r = r.add(b);
                }
                return of(r);
            }
            case Ops.TRUE_DIVIDE:
            case Ops.INPLACE_TRUE_DIVIDE:
                if (b.signum() == 0) {
                    throw Py.zeroDivision();
                }
                return new PyFloat(new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL64).doubleValue());
            case Ops.POWER:
            case Ops.INPLACE_POWER:
                if (b.signum() < 0) {
                    if (a.signum() == 0) {
                        throw Py.zeroDivision();
                    }
                    return new PyFloat(Math.pow(a.doubleValue(), b.doubleValue()));
                }
                if (b.bitLength() > 31) {
                    if (a.signum() == 0 || a.equals(BigInteger.ONE)) {
                        return of(a);
                    }
                    if (a.equals(BigInteger.ONE.negate())) {
                        return of(b.testBit(0) ? a : BigInteger.ONE);
                    }
                    throw Py.overflow("result overflow");
                }
                return bigPower(a, b.longValue());
            default:
                return null;
        }
    }
}
