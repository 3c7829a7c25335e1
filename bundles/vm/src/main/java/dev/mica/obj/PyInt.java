package dev.mica.obj;

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
    /** The range of MicroPython's small ints on a 64-bit port; beyond it ints are long ints. */
    public static final long SMALL_MAX = (1L << 62) - 1;
    public static final long SMALL_MIN = -(1L << 62);
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new PyInt(i + CACHE_LOW);
        }
        TYPE.setConstructor((t, a, kw) -> construct(a, kw));
        TYPE.method("to_bytes", 1, 3, a -> PyInt.toBytes(a));
        TYPE.define("from_bytes", new PyDescriptors.ClassMethod(new PyBuiltinFunction("from_bytes", 2, 4, false, (a, kw) -> fromBytes(a))));
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
        dev.mica.heap.HeapAccount.chargeCurrent(bigBytes(big));
        this.value = 0;
        this.big = big;
    }

    public static PyInt of(long v) {
        if (v >= CACHE_LOW && v <= CACHE_HIGH) {
            return CACHE[(int) v - CACHE_LOW];
        }
        if (v > SMALL_MAX || v < SMALL_MIN) {
            // past MicroPython's small ints (62 bits on a 64-bit port): a long int object there
            dev.mica.heap.HeapAccount.chargeCurrent(LONG_INT_BYTES);
        }
        return new PyInt(v);
    }

    /** MicroPython's mpz object (type, sign and sizes, digits pointer) and a block of digits. */
    private static final long LONG_INT_BYTES = 32 + 32;

    private static long bigBytes(BigInteger b) {
        return 32 + dev.mica.heap.HeapAccount.blocks(((b.bitLength() + 15) / 16) * 2L);
    }

    @Override
    public long heapBytes() {
        if (big != null) {
            return bigBytes(big);
        }
        return value > SMALL_MAX || value < SMALL_MIN ? LONG_INT_BYTES : 0;
    }

    public static PyInt of(BigInteger b) {
        // bitLength() excludes the sign bit: under 64 is exactly the range of a long
        if (b.bitLength() < 64) {
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
        return big != null ? toDouble(big) : (double) value;
    }

    /**
     * A long int as MicroPython converts it: its 16-bit digits (the size its unix and
     * WebAssembly ports use) taken from the top, each step {@code value * 2^16 + digit} rounded
     * to a double, so the result may be one unit in the last place away from the nearest double;
     * beyond the largest double it is infinite.
     */
    public static double toDouble(BigInteger b) {
        byte[] magnitude = b.abs().toByteArray(); // big-endian
        int n = magnitude.length;
        double v = 0;
        for (int digit = (n + 1) / 2 - 1; digit >= 0; digit--) {
            int low = n - 1 - 2 * digit;
            int high = low - 1;
            int value = (high >= 0 ? (magnitude[high] & 0xff) << 8 : 0) | (magnitude[low] & 0xff);
            v = v * 65536.0 + value;
        }
        return b.signum() < 0 ? -v : v;
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
        return big != null ? truncated(big) : (value << 1) >> 1;
    }

    /**
     * A long int cut to a machine word the way MicroPython hashes it and truncates it: the low
     * 64 bits of its two's complement, then kept to a small int (63 bits, sign-extended).
     */
    public static long truncated(BigInteger v) {
        long word = v.mod(TWO_TO_64).longValue();
        return (word << 1) >> 1;
    }

    /** The int value of any int (also a subclass instance) cut to a word, as __hash__ results are. */
    public static long truncatedValue(PyObject o) {
        PyObject v = o instanceof PyInstance i && i.base() instanceof PyInt ? i.base() : o;
        if (v instanceof PyInt i) {
            return i.big != null ? truncated(i.big) : (i.value << 1) >> 1;
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    /** True when MicroPython holds this value as a small int rather than a long int object. */
    public final boolean isSmall() {
        return big == null && value >= SMALL_MIN && value <= SMALL_MAX;
    }

    /** int(...): no arguments, a number or an object with __int__, or text in a base. */
    static PyObject construct(PyObject[] args, String[] kwNames) {
        if (kwNames != null && kwNames.length > 0) {
            throw Py.typeError("function doesn't take keyword arguments");
        }
        switch (args.length) {
            case 0:
                return of(0);
            case 1: {
                PyObject x = args[0];
                PyObject asInt = intMaybe(x);
                if (asInt != null) {
                    return asInt;
                }
                if (Buffers.has(x)) {
                    return IntParser.parse(Buffers.bytesOf(x), 0);
                }
                if (x instanceof PyFloat f) {
                    return fromDouble(f.value);
                }
                throw Py.typeError("can't convert " + x.type().name() + " to int");
            }
            case 2: {
                PyObject x = args[0];
                byte[] text;
                if (x instanceof PyStr s) {
                    text = s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                } else if (x instanceof PyBytes b) {
                    text = b.bytes();
                } else {
                    throw Py.typeError("can't convert '" + x.type().name() + "' object to str implicitly");
                }
                return IntParser.parse(text, (int) Ops.indexValue(args[1], "int"));
            }
            default:
                throw Py.typeError("function expected at most 2 arguments, got " + args.length);
        }
    }

    /** The object as an int when it is one (bool, int subclass) or defines __int__; else null. */
    private static PyObject intMaybe(PyObject x) {
        if (x instanceof PyInt i) {
            return x instanceof PyBool ? of(i.value) : x;
        }
        if (x instanceof IntConvertible c && c.toPyInt() != null) {
            return c.toPyInt();
        }
        if (x instanceof PyInstance inst && !(x instanceof PyBaseException)) {
            PyObject m = x.type().lookup("__int__");
            if (m != null && !(m instanceof PyBuiltinFunction)) {
                PyObject r = m.call(new PyObject[] {x}, null);
                if (!(r instanceof PyInt)) {
                    throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
                }
                return r;
            }
            return inst.base() != null ? intMaybe(inst.base()) : null;
        }
        return null;
    }

    /** The object as an int the way MicroPython converts implicitly: ints, bools and __int__. */
    static PyInt implicit(PyObject x) {
        PyObject v = intMaybe(x);
        if (v instanceof PyInt i) {
            return i;
        }
        throw Py.typeError("can't convert " + x.type().name() + " to int");
    }

    /** int(float): truncation toward zero. */
    public static PyInt fromDouble(double d) {
        if (Double.isNaN(d)) {
            throw Py.valueError("can't convert NaN to int");
        }
        if (Double.isInfinite(d)) {
            throw Py.overflow("can't convert inf to int");
        }
        if (Math.abs(d) < 9.0e18) {
            return of((long) d);
        }
        return of(new java.math.BigDecimal(d).toBigInteger());
    }

    /** int.to_bytes(length=1, byteorder="big"): MicroPython's rules, including its overflow checks. */
    private static PyObject toBytes(PyObject[] a) {
        PyInt self = (PyInt) a[0];
        long length = a.length > 1 ? Ops.indexValue(a[1], "int") : 1;
        if (length < 0) {
            throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
        }
        boolean bigEndian = a.length < 3 || !(a[2] instanceof PyStr s && s.value().equals("little"));
        int len = (int) length;
        byte[] little = self.isSmall() ? smallToBytes(self.value, len) : longToBytes(self.toBig(), len);
        if (little == null) {
            throw Py.overflow("buffer too small");
        }
        if (bigEndian) {
            for (int i = 0, j = len - 1; i < j; i++, j--) {
                byte t = little[i];
                little[i] = little[j];
                little[j] = t;
            }
        }
        return new PyBytes(little);
    }

    /** Little-endian bytes of a small int, or null when they need more than {@code len} bytes. */
    private static byte[] smallToBytes(long v, int len) {
        int needed;
        if (v > 0) {
            needed = (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
        } else if (v < -1) {
            needed = (64 - Long.numberOfLeadingZeros(~v) + 8) / 8;
        } else {
            needed = (int) -v;
        }
        if (needed > len) {
            return null;
        }
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = i < 8 ? (byte) (v >> (8 * i)) : (byte) (v < 0 ? 0xff : 0);
        }
        return out;
    }

    /**
     * Little-endian bytes of a long int as MicroPython writes them: the value is laid out in
     * whole 16-bit digits, bytes past {@code len} must be zero, and a negative value that fills
     * the buffer must show its sign in the top bit.
     */
    private static byte[] longToBytes(BigInteger v, int len) {
        BigInteger magnitude = v.abs();
        int digitBytes = 2 * ((magnitude.bitLength() + 15) / 16);
        BigInteger laidOut = v.signum() < 0 ? BigInteger.ONE.shiftLeft(8 * digitBytes).subtract(magnitude) : magnitude;
        if (digitBytes > len && laidOut.shiftRight(8 * len).signum() != 0) {
            return null;
        }
        if (v.signum() < 0 && digitBytes >= len && len > 0 && !laidOut.testBit(8 * len - 1)) {
            return null;
        }
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = i < digitBytes ? laidOut.shiftRight(8 * i).byteValue() : (byte) (v.signum() < 0 ? 0xff : 0);
        }
        return out;
    }

    /** int.from_bytes(bytes, byteorder="big"): unsigned, from any object with the buffer protocol. */
    private static PyObject fromBytes(PyObject[] a) {
        byte[] b = Buffers.read(a[1]).toByteArray();
        boolean bigEndian = a.length < 3 || !(a[2] instanceof PyStr s && s.value().equals("little"));
        byte[] magnitude = new byte[b.length + 1];
        for (int i = 0; i < b.length; i++) {
            magnitude[i + 1] = bigEndian ? b[i] : b[b.length - 1 - i];
        }
        return of(new BigInteger(magnitude));
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

    /**
     * a // b for positive a and b whose quotient is small (fewer than 31 bits), as in digit
     * extraction. Null in other cases.
     */
    static BigInteger smallQuotient(BigInteger a, BigInteger b) {
        if (a.signum() <= 0 || b.signum() <= 0) {
            return null;
        }
        int lengthA = a.bitLength();
        int lengthB = b.bitLength();
        if (lengthA < lengthB) {
            return BigInteger.ZERO;
        }
        if (lengthA - lengthB > 30 || lengthB < 64) {
            return null;
        }
        long q = quotientFromLeadingBits(a, b, lengthB);
        if (q >= 0) {
            return BigInteger.valueOf(q);
        }
        // a / b too near an integer for the leading bits to decide: correct an estimate by the remainder
        int shift = lengthB - 64;
        q = (long) (a.shiftRight(shift).doubleValue() / b.shiftRight(shift).doubleValue());
        BigInteger r = a.subtract(b.multiply(BigInteger.valueOf(q)));
        while (r.signum() < 0) {
            q--;
            r = r.add(b);
        }
        while (r.compareTo(b) >= 0) {
            q++;
            r = r.subtract(b);
        }
        return BigInteger.valueOf(q);
    }

    /**
     * a // b from the leading bits alone, without touching the rest of either number, or -1
     * when they do not decide it. With s low bits dropped, a = at * 2^s + (less than 2^s) and
     * b = bt * 2^s + (less than 2^s), so a / b lies between at / (bt + 1) and (at + 1) / bt:
     * q = at // bt is the answer when also q * (bt + 1) <= at, since then q * b <= a, and
     * a < (at + 1) * 2^s <= (q + 1) * bt * 2^s <= (q + 1) * b. bt has 62 bits and at at most
     * 92 (the quotient has at most 31), so every product fits in 128 bits.
     */
    private static long quotientFromLeadingBits(BigInteger a, BigInteger b, int lengthB) {
        int shift = lengthB - 62;
        long bt = b.shiftRight(shift).longValue();
        BigInteger at = a.shiftRight(shift);
        long atLow = at.longValue();
        long atHigh = at.shiftRight(64).longValue();
        long q = (long) ((atHigh * 0x1p64 + (atLow >>> 1) * 2.0) / bt);
        // the estimate is within a unit or two of at // bt: step it to q * bt <= at < (q + 1) * bt
        for (int step = 0; step < 4; step++) {
            if (!productAtMost(q, bt, atHigh, atLow)) {
                q--;
            } else if (productAtMost(q + 1, bt, atHigh, atLow)) {
                q++;
            } else {
                return productAtMost(q, bt + 1, atHigh, atLow) ? q : -1;
            }
        }
        return -1;
    }

    /** Whether x * y <= (high, low) as unsigned 128-bit numbers, for 0 <= x < 2^32 and 0 < y <= 2^62. */
    private static boolean productAtMost(long x, long y, long high, long low) {
        long productHigh = Math.multiplyHigh(x, y);
        long productLow = x * y;
        return productHigh < high || (productHigh == high && Long.compareUnsigned(productLow, low) <= 0);
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
                BigInteger small = smallQuotient(a, b);
                if (small != null) {
                    return of(small);
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
                return new PyFloat(toDouble(a) / toDouble(b)); // as MicroPython: both made floats first
            case Ops.POWER:
            case Ops.INPLACE_POWER:
                if (b.signum() < 0) {
                    if (a.signum() == 0) {
                        throw Py.zeroDivision();
                    }
                    return new PyFloat(Math.pow(toDouble(a), toDouble(b)));
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

    // last, after every method is defined: the order MicroPython lists them in
    static {
        TYPE.orderLocals("from_bytes", "to_bytes");
    }
}
