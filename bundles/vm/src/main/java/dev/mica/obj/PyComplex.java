package dev.mica.obj;

/**
 * complex: a pair of doubles. Arithmetic accepts int, bool, float and complex on either side;
 * ints and floats on the left reach it through {@link #reflectedOp}.
 */
public final class PyComplex extends PyObject {
    public static final PyType TYPE = PyType.builtin("complex", PyType.OBJECT);

    static {
        TYPE.setConstructor((t, a, kw) -> construct(a, kw));
    }

    public final double real;
    public final double imag;

    public PyComplex(double real, double imag) {
        // MicroPython's complex object (its type and two doubles) takes one heap block, as a float does
        dev.mica.heap.HeapAccount.chargeCurrent(dev.mica.heap.HeapAccount.BLOCK_BYTES);
        this.real = real;
        this.imag = imag;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    /** {@code %.16g} parts: the imaginary part alone when the real part is zero. */
    @Override
    public String repr() {
        String im = PyFloat.formatG(imag, 16) + "j";
        if (real == 0) {
            return im;
        }
        // C's "imag >= 0" is true for -0.0, so a negative zero prints as "+-0j".
        String sign = imag >= 0 || Double.isNaN(imag) ? "+" : "";
        return "(" + PyFloat.formatG(real, 16) + sign + im + ")";
    }

    @Override
    public boolean isTrue() {
        return real != 0 || imag != 0;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        double[] o = numericParts(other);
        return o != null && real == o[0] && imag == o[1];
    }

    @Override
    public long pyHash() {
        return PyFloat.hashOf(real) ^ PyFloat.hashOf(imag);
    }

    @Override
    public PyObject getAttr(String name) {
        if (name.equals("real")) {
            return new PyFloat(real);
        }
        if (name.equals("imag")) {
            return new PyFloat(imag);
        }
        return super.getAttr(name);
    }

    @Override
    public PyObject unaryOp(int op) {
        switch (op) {
            case Ops.POSITIVE:
                return this;
            case Ops.NEGATIVE:
                return new PyComplex(-real, -imag);
            default:
                return null;
        }
    }

    /** abs(z): the modulus, as a float. */
    public PyFloat abs() {
        return new PyFloat(Math.sqrt(real * real + imag * imag));
    }

    @Override
    public PyObject binaryOp(int op, PyObject other) {
        double[] o = coerce(other);
        return o == null ? null : arithmetic(op, real, imag, o[0], o[1]);
    }

    @Override
    public PyObject reflectedOp(int op, PyObject other) {
        double[] o = coerce(other);
        return o == null ? null : arithmetic(op, o[0], o[1], real, imag);
    }

    /** Built-in int, bool, float or complex as {real, imag}; null for anything else. */
    private static double[] numericParts(PyObject o) {
        if (o instanceof PyComplex c) {
            return new double[] {c.real, c.imag};
        }
        if (o instanceof PyFloat f) {
            return new double[] {f.value, 0};
        }
        if (o instanceof PyInt i) {
            return new double[] {i.toDouble(), 0};
        }
        return null;
    }

    /**
     * An operand as {real, imag}: a number, a subclass instance of one, or an object whose
     * __float__ gives a float or whose __complex__ gives a complex; null when it is none of these.
     */
    static double[] coerce(PyObject o) {
        double[] parts = numericParts(o);
        if (parts != null) {
            return parts;
        }
        if (!(o instanceof PyInstance inst)) {
            return null;
        }
        if (inst.base() != null && numericParts(inst.base()) != null) {
            return numericParts(inst.base());
        }
        PyFloat asFloat = Ops.floatFromMethod(o);
        if (asFloat != null) {
            return new double[] {asFloat.value, 0};
        }
        PyObject m = o.type().lookup("__complex__");
        PyObject asComplex = m == null ? null : m.call(new PyObject[] {o}, null);
        if (asComplex instanceof PyComplex c) {
            return new double[] {c.real, c.imag};
        }
        return null;
    }

    /**
     * A number as {real, imag}, as MicroPython's cmath functions take their argument: an int,
     * bool, float or complex (or a subclass instance of one), or an object with
     * {@code __float__} or {@code __complex__}.
     *
     * @throws PyException TypeError "can't convert X to complex" for anything else
     */
    public static double[] parts(PyObject o) {
        double[] p = coerce(o);
        if (p == null) {
            throw Py.typeError("can't convert " + o.type().name() + " to complex");
        }
        return p;
    }

    /** {@code (ar+ai*j) op (br+bi*j)}, or null when complex numbers do not support the operator. */
    static PyObject arithmetic(int op, double ar, double ai, double br, double bi) {
        switch (op) {
            case Ops.ADD:
            case Ops.INPLACE_ADD:
                return new PyComplex(ar + br, ai + bi);
            case Ops.SUBTRACT:
            case Ops.INPLACE_SUBTRACT:
                return new PyComplex(ar - br, ai - bi);
            case Ops.MULTIPLY:
            case Ops.INPLACE_MULTIPLY:
                return multiply(ar, ai, br, bi);
            case Ops.FLOOR_DIVIDE:
            case Ops.INPLACE_FLOOR_DIVIDE:
                throw Py.typeError("can't truncate-divide a complex number");
            case Ops.TRUE_DIVIDE:
            case Ops.INPLACE_TRUE_DIVIDE:
                return divide(ar, ai, br, bi);
            case Ops.POWER:
            case Ops.INPLACE_POWER:
                return power(ar, ai, br, bi);
            case Ops.EQUAL:
                return Py.bool(ar == br && ai == bi);
            default:
                return null;
        }
    }

    private static PyComplex multiply(double ar, double ai, double br, double bi) {
        return new PyComplex(ar * br - ai * bi, ar * bi + ai * br);
    }

    /** Division with the special cases of a real or a purely imaginary divisor kept exact. */
    private static PyComplex divide(double ar, double ai, double br, double bi) {
        if (bi == 0) {
            if (br == 0) {
                throw Py.error(PyBaseException.ZERO_DIVISION_ERROR, "complex divide by zero");
            }
            return new PyComplex(ar / br, ai / br);
        }
        if (br == 0) {
            return new PyComplex(ai / bi, -ar / bi);
        }
        double normSquared = br * br + bi * bi;
        return multiply(ar, ai, br / normSquared, bi / -normSquared);
    }

    /** a**b as exp(b * log(a)); zero to a non-negative real power is 1 or 0. */
    private static PyComplex power(double ar, double ai, double br, double bi) {
        double modulus = Math.sqrt(ar * ar + ai * ai);
        if (modulus == 0) {
            if (bi == 0 && br >= 0) {
                return new PyComplex(br == 0 ? 1 : 0, ai);
            }
            throw Py.error(PyBaseException.ZERO_DIVISION_ERROR, "0.0 to a complex power");
        }
        double logModulus = Math.log(modulus);
        double angle = Math.atan2(ai, ar);
        double x = br * logModulus - bi * angle;
        double y = bi * logModulus + br * angle;
        double scale = Math.exp(x);
        return new PyComplex(scale * Math.cos(y), scale * Math.sin(y));
    }

    /** complex(), complex(x) and complex(real, imag). */
    static PyObject construct(PyObject[] args, String[] kwNames) {
        if (kwNames != null && kwNames.length > 0) {
            throw Py.typeError("function doesn't take keyword arguments");
        }
        switch (args.length) {
            case 0:
                return new PyComplex(0, 0);
            case 1: {
                PyObject x = args[0];
                if (x instanceof PyStr s) {
                    return ComplexParser.parse(s.value());
                }
                if (x instanceof PyComplex) {
                    return x;
                }
                double[] parts = coerce(x);
                if (parts == null) {
                    throw Py.typeError("can't convert " + x.type().name() + " to complex");
                }
                return new PyComplex(parts[0], parts[1]);
            }
            case 2: {
                double re;
                double im;
                if (args[0] instanceof PyComplex c) {
                    re = c.real;
                    im = c.imag;
                } else {
                    re = Ops.toDouble(args[0]);
                    im = 0;
                }
                if (args[1] instanceof PyComplex c) {
                    re -= c.imag;
                    im += c.real;
                } else {
                    im += Ops.toDouble(args[1]);
                }
                return new PyComplex(re, im);
            }
            default:
                throw Py.typeError("function expected at most 2 arguments, got " + args.length);
        }
    }
}
