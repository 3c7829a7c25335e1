package dev.mica.obj;

import dev.mica.code.Opcodes;

/** Operations on any values: equality, arithmetic dispatch, conversions. */
public final class Ops {
    private Ops() {}

    public static final int POSITIVE = Opcodes.UnaryOp.POSITIVE;
    public static final int NEGATIVE = Opcodes.UnaryOp.NEGATIVE;
    public static final int INVERT = Opcodes.UnaryOp.INVERT;
    public static final int NOT = Opcodes.UnaryOp.NOT;

    public static final int LESS = Opcodes.BinaryOp.LESS;
    public static final int MORE = Opcodes.BinaryOp.MORE;
    public static final int EQUAL = Opcodes.BinaryOp.EQUAL;
    public static final int LESS_EQUAL = Opcodes.BinaryOp.LESS_EQUAL;
    public static final int MORE_EQUAL = Opcodes.BinaryOp.MORE_EQUAL;
    public static final int NOT_EQUAL = Opcodes.BinaryOp.NOT_EQUAL;
    public static final int IN = Opcodes.BinaryOp.IN;
    public static final int IS = Opcodes.BinaryOp.IS;
    public static final int EXCEPTION_MATCH = Opcodes.BinaryOp.EXCEPTION_MATCH;
    public static final int INPLACE_OR = Opcodes.BinaryOp.INPLACE_OR;
    public static final int INPLACE_XOR = Opcodes.BinaryOp.INPLACE_XOR;
    public static final int INPLACE_AND = Opcodes.BinaryOp.INPLACE_AND;
    public static final int INPLACE_LSHIFT = Opcodes.BinaryOp.INPLACE_LSHIFT;
    public static final int INPLACE_RSHIFT = Opcodes.BinaryOp.INPLACE_RSHIFT;
    public static final int INPLACE_ADD = Opcodes.BinaryOp.INPLACE_ADD;
    public static final int INPLACE_SUBTRACT = Opcodes.BinaryOp.INPLACE_SUBTRACT;
    public static final int INPLACE_MULTIPLY = Opcodes.BinaryOp.INPLACE_MULTIPLY;
    public static final int INPLACE_MAT_MULTIPLY = Opcodes.BinaryOp.INPLACE_MAT_MULTIPLY;
    public static final int INPLACE_FLOOR_DIVIDE = Opcodes.BinaryOp.INPLACE_FLOOR_DIVIDE;
    public static final int INPLACE_TRUE_DIVIDE = Opcodes.BinaryOp.INPLACE_TRUE_DIVIDE;
    public static final int INPLACE_MODULO = Opcodes.BinaryOp.INPLACE_MODULO;
    public static final int INPLACE_POWER = Opcodes.BinaryOp.INPLACE_POWER;
    public static final int OR = Opcodes.BinaryOp.OR;
    public static final int XOR = Opcodes.BinaryOp.XOR;
    public static final int AND = Opcodes.BinaryOp.AND;
    public static final int LSHIFT = Opcodes.BinaryOp.LSHIFT;
    public static final int RSHIFT = Opcodes.BinaryOp.RSHIFT;
    public static final int ADD = Opcodes.BinaryOp.ADD;
    public static final int SUBTRACT = Opcodes.BinaryOp.SUBTRACT;
    public static final int MULTIPLY = Opcodes.BinaryOp.MULTIPLY;
    public static final int MAT_MULTIPLY = Opcodes.BinaryOp.MAT_MULTIPLY;
    public static final int FLOOR_DIVIDE = Opcodes.BinaryOp.FLOOR_DIVIDE;
    public static final int TRUE_DIVIDE = Opcodes.BinaryOp.TRUE_DIVIDE;
    public static final int MODULO = Opcodes.BinaryOp.MODULO;
    public static final int POWER = Opcodes.BinaryOp.POWER;
    public static final int INPLACE_TO_PLAIN = Opcodes.BinaryOp.INPLACE_TO_PLAIN;

    private static final String[] BINARY_NAMES = {
        "__lt__", "__gt__", "__eq__", "__le__", "__ge__", "__ne__", "__contains__", null, null,
        "__ior__", "__ixor__", "__iand__", "__ilshift__", "__irshift__", "__iadd__", "__isub__", "__imul__",
        "__imatmul__", "__ifloordiv__", "__itruediv__", "__imod__", "__ipow__",
        "__or__", "__xor__", "__and__", "__lshift__", "__rshift__", "__add__", "__sub__", "__mul__",
        "__matmul__", "__floordiv__", "__truediv__", "__mod__", "__pow__"};
    private static final String[] REFLECTED_NAMES = {
        null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null,
        "__ror__", "__rxor__", "__rand__", "__rlshift__", "__rrshift__", "__radd__", "__rsub__", "__rmul__",
        "__rmatmul__", "__rfloordiv__", "__rtruediv__", "__rmod__", "__rpow__"};
    private static final String[] UNARY_NAMES = {"__pos__", "__neg__", "__invert__", null};

    public static String binaryMethodName(int op) {
        return BINARY_NAMES[op];
    }

    public static String reflectedMethodName(int op) {
        return REFLECTED_NAMES[op];
    }

    public static String unaryMethodName(int op) {
        return UNARY_NAMES[op];
    }

    public static boolean eq(PyObject a, PyObject b) {
        // Floats and complex numbers are not reflexive: a NaN differs even from itself.
        if (a == b && !(a instanceof PyInstance) && !(a instanceof PyFloat) && !(a instanceof PyComplex)) {
            return true;
        }
        if (a.pyEquals(b)) {
            return true;
        }
        return (b instanceof PyInstance && !(a instanceof PyInstance) || b instanceof PyComplex) && b.pyEquals(a);
    }

    public static boolean is(PyObject a, PyObject b) {
        if (a == b) {
            return true;
        }
        if (a instanceof PyInt x && b instanceof PyInt y && a.type() == b.type()) {
            return !x.isBig() && !y.isBig() && x.value == y.value;
        }
        return a instanceof PyStr x && b instanceof PyStr y && x.value().equals(y.value()) && x.len() <= 1;
    }

    public static long hash(PyObject o) {
        return o.pyHash();
    }

    public static String repr(PyObject o) {
        return o.repr();
    }

    public static String str(PyObject o) {
        return o.str();
    }

    static String checkStr(PyObject r, String method) {
        if (r instanceof PyStr s) {
            return s.value();
        }
        throw Py.typeError(method + " returned non-string (type " + r.type().name() + ")");
    }

    public static boolean lessThan(PyObject a, PyObject b) {
        if (a instanceof PyInt x && b instanceof PyInt y && !x.isBig() && !y.isBig()) {
            return x.value < y.value;
        }
        return binary(LESS, a, b).isTrue();
    }

    public static PyObject unary(int op, PyObject a) {
        if (op == NOT) {
            return Py.bool(!a.isTrue());
        }
        PyObject r = a.unaryOp(op);
        if (r == null) {
            throw Py.typeError("unsupported type for " + UNARY_NAMES[op] + ": '" + a.type().name() + "'");
        }
        return r;
    }

    public static PyObject binary(int op, PyObject a, PyObject b) {
        switch (op) {
            case IS:
                return Py.bool(is(a, b));
            case EQUAL:
            case NOT_EQUAL:
                return equality(op == NOT_EQUAL, a, b);
            case IN:
                return Py.bool(containsOrFail(b, a));
            default:
                break;
        }
        PyObject r = a.binaryOp(op, b);
        if (r != null) {
            return r;
        }
        int plain = op >= INPLACE_OR && op <= INPLACE_POWER ? op + INPLACE_TO_PLAIN : op;
        if (plain != op) {
            r = a.binaryOp(plain, b);
            if (r != null) {
                return r;
            }
        }
        r = b.reflectedOp(plain, a);
        if (r != null) {
            return r;
        }
        if (b instanceof PyInstance bi && bi.base() != null && !(a instanceof PyInstance)) {
            r = a.binaryOp(op, bi.base());
            if (r != null) {
                return r;
            }
        }
        throw Py.typeError("unsupported types for " + BINARY_NAMES[op] + ": '" + a.type().name() + "', '" + b.type().name() + "'");
    }

    /**
     * {@code a == b} or {@code a != b}: the left operand's __ne__ (for !=) then __eq__, then the
     * same on the right operand, else the built-in equality. A __ne__ or an __eq__ asked for ==
     * gives its result as it is; an __eq__ asked for != gives the negated truth of its result.
     */
    private static PyObject equality(boolean notEqual, PyObject a, PyObject b) {
        boolean userTypes = a instanceof PyInstance || b instanceof PyInstance;
        if (!userTypes) {
            return Py.bool(eq(a, b) != notEqual);
        }
        PyObject self = a;
        PyObject other = b;
        for (int pass = 0; pass < 2; pass++) {
            if (notEqual) {
                PyObject r = userMethod(self, "__ne__", other);
                if (r != null) {
                    return r;
                }
            }
            PyObject r = userMethod(self, "__eq__", other);
            if (r != null) {
                return notEqual ? Py.bool(!r.isTrue()) : r;
            }
            self = b;
            other = a;
        }
        PyObject ua = a instanceof PyInstance i && i.base() != null ? i.base() : a;
        PyObject ub = b instanceof PyInstance i && i.base() != null ? i.base() : b;
        if (ua != a || ub != b) {
            return Py.bool(eq(ua, ub) != notEqual);
        }
        return Py.bool((a == b) != notEqual);
    }

    /** Calls a special method defined in Python on a user object; null if absent or NotImplemented. */
    private static PyObject userMethod(PyObject self, String name, PyObject arg) {
        if (!(self instanceof PyInstance) || self instanceof PyBaseException) {
            return null;
        }
        PyObject m = self.type().lookup(name);
        if (m == null || m instanceof PyBuiltinFunction) {
            return null;
        }
        PyObject r = m.call(new PyObject[] {self, arg}, null);
        return r == PyNone.NOT_IMPLEMENTED ? null : r;
    }

    private static boolean containsOrFail(PyObject container, PyObject item) {
        try {
            return container.contains(item);
        } catch (PyException e) {
            if (e.matches(PyBaseException.TYPE_ERROR) && !(container instanceof PyStr) && !(container instanceof PyInstance)
                    && e.value().str().endsWith("isn't iterable")) {
                throw Py.typeError("unsupported types for : '" + item.type().name() + "', '" + container.type().name() + "'");
            }
            throw e;
        }
    }

    /** An int-like value as a long, for indices and counts. */
    public static long indexValue(PyObject o, String what) {
        if (o instanceof PyInt i) {
            if (i.isBig()) {
                throw Py.overflow("overflow converting long int to machine word");
            }
            return i.value;
        }
        if (o instanceof PyInstance inst && inst.base() instanceof PyInt i) {
            return i.value;
        }
        if (what.equals("list") || what.equals("tuple") || what.equals("str") || what.equals("bytes") || what.equals("range")) {
            throw Py.typeError(what + " indices must be integers, not " + o.type().name());
        }
        throw Py.typeError("can't convert " + o.type().name() + " to int");
    }

    /** The items of any iterable. */
    public static PyObject[] toArray(PyObject o) {
        if (o instanceof PyTuple t) {
            return t.items();
        }
        if (o instanceof PyList l) {
            return l.toArray();
        }
        PyList out = new PyList();
        PyObject it = o.iter();
        for (PyObject x = it.next(); x != null; x = it.next()) {
            out.append(x);
        }
        return out.toArray();
    }

    /** Attribute access raising MicroPython's AttributeError when missing. */
    public static PyObject getAttr(PyObject o, String name) {
        PyObject v = o.getAttr(name);
        if (v == null) {
            throw noAttribute(o, name);
        }
        return v;
    }

    public static PyException noAttribute(PyObject o, String name) {
        if (o instanceof PyType t) {
            return Py.attributeError("type object '" + t.name() + "' has no attribute '" + name + "'");
        }
        return Py.attributeError("'" + o.type().name() + "' object has no attribute '" + name + "'");
    }

    public static boolean isInstance(PyObject o, PyType t) {
        return o.type().isSubclassOf(t);
    }

    public static double toDouble(PyObject o) {
        if (o instanceof PyFloat f) {
            return f.value;
        }
        if (o instanceof PyInt i) {
            return i.toDouble();
        }
        PyFloat viaMethod = floatFromMethod(o);
        if (viaMethod != null) {
            return viaMethod.value;
        }
        throw Py.typeError("can't convert " + o.type().name() + " to float");
    }

    /** The float a user object's __float__ gives, or null when it has none or gives another type. */
    static PyFloat floatFromMethod(PyObject o) {
        if (!(o instanceof PyInstance)) {
            return null;
        }
        PyObject m = o.type().lookup("__float__");
        if (m == null) {
            return null;
        }
        return m.call(new PyObject[] {o}, null) instanceof PyFloat f ? f : null;
    }
}
