package dev.mica.obj;

/** float: a Java double, printed as MicroPython prints it (see {@link FloatFormat}). */
public final class PyFloat extends PyObject {
    public static final PyType TYPE = PyType.builtin("float", PyType.OBJECT);

    public final double value;

    public PyFloat(double value) {
        dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.BLOCK_BYTES);
        this.value = value;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return format(value);
    }

    /** MicroPython's repr of a float: {@code %.16g} its way, with {@code .0} added to whole numbers. */
    public static String format(double v) {
        return FloatFormat.repr(v);
    }

    /** MicroPython's {@code %.<precision>g}. */
    public static String formatG(double v, int precision) {
        return FloatFormat.format(v, 'g', precision, (char) 0);
    }

    @Override
    public boolean isTrue() {
        return value != 0;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (other instanceof PyFloat f) {
            return value == f.value;
        }
        if (other instanceof PyInt i) {
            return value == i.toDouble();
        }
        return false;
    }

    @Override
    public long pyHash() {
        return hashOf(value);
    }

    /**
     * MicroPython's float hash on its standard build: the value cast to a machine word (so
     * whole floats hash as the equal int), where an x86-64 cast of NaN or of a value out of
     * range gives the lowest word; then kept to a small int like every hash.
     */
    static long hashOf(double d) {
        long word = Double.isNaN(d) || Math.abs(d) >= 0x1p63 ? Long.MIN_VALUE : (long) d;
        return (word << 1) >> 1;
    }

    @Override
    public PyObject unaryOp(int op) {
        switch (op) {
            case Ops.POSITIVE:
                return this;
            case Ops.NEGATIVE:
                return new PyFloat(-value);
            default:
                return null;
        }
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        if (other instanceof PyFloat f) {
            return floatOp(op, value, f.value);
        }
        if (other instanceof PyInt i) {
            return floatOp(op, value, i.toDouble());
        }
        if (other instanceof PyInstance inst && inst.base() == null) {
            PyFloat f = Ops.floatFromMethod(inst);
            return f == null ? null : floatOp(op, value, f.value);
        }
        return null;
    }

    public static PyObject floatOp(int op, double a, double b) {
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
            case Ops.ADD:
            case Ops.INPLACE_ADD:
                return new PyFloat(a + b);
            case Ops.SUBTRACT:
            case Ops.INPLACE_SUBTRACT:
                return new PyFloat(a - b);
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY:
                return new PyFloat(a * b);
            case Ops.TRUE_DIVIDE:
            case Ops.INPLACE_TRUE_DIVIDE:
                if (b == 0) {
                    throw Py.zeroDivision();
                }
                return new PyFloat(a / b);
            case Ops.FLOOR_DIVIDE:
            case Ops.INPLACE_FLOOR_DIVIDE:
                if (b == 0) {
                    throw Py.zeroDivision();
                }
                return new PyFloat(floorDivide(a, b));
            case Ops.MODULO:
            case Ops.INPLACE_MODULO: {
                if (b == 0) {
                    throw Py.zeroDivision();
                }
                return new PyFloat(floorModulo(a, b));
            }
            case Ops.POWER:
            case Ops.INPLACE_POWER:
                if (a == 0 && b < 0 && !Double.isInfinite(b)) {
                    throw Py.zeroDivision();
                }
                if (a < 0 && b != Math.floor(b) && !Double.isNaN(b)) {
                    // A negative base to a fractional power has a complex result.
                    return PyComplex.arithmetic(op, a, 0, b, 0);
                }
                // C's pow, unlike Java's, gives 1 for 1**nan, nan**0 and (-1)**inf.
                if (a == 1 || b == 0 || (a == -1 && Double.isInfinite(b))) {
                    return new PyFloat(1.0);
                }
                return new PyFloat(Math.pow(a, b));
            default:
                return null;
        }
    }

    /**
     * a // b derived from the remainder, so that a == (a // b) * b + a % b holds; a zero
     * quotient takes the sign of a / b.
     */
    static double floorDivide(double a, double b) {
        double mod = a % b;
        double quotient = (a - mod) / b;
        if (mod != 0 && (mod < 0) != (b < 0)) {
            quotient -= 1;
        }
        if (quotient == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(quotient);
        return quotient - floor > 0.5 ? floor + 1 : floor;
    }

    /** a % b with the sign of b, including a zero remainder. */
    static double floorModulo(double a, double b) {
        double mod = a % b;
        if (mod == 0) {
            return Math.copySign(0.0, b);
        }
        return (mod < 0) != (b < 0) ? mod + b : mod;
    }
}
