package dev.mica.modules.math;

import java.math.BigInteger;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyTuple;

/**
 * The {@code math} module with the functions and constants of MicroPython's unix port. Arguments
 * are anything {@code float()} of a number accepts (ints of any size, bools, objects with
 * {@code __float__}); results are floats, except for ceil, floor, trunc and factorial. As in
 * MicroPython, a NaN result from non-NaN arguments or an infinite one from finite arguments is a
 * {@code ValueError("math domain error")}, overflow included.
 */
@Component(service = ModuleProvider.class)
public final class MathModule implements ModuleProvider {
    @Override
    public String name() {
        return "math";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("math");
        m.setAttr("e", new PyFloat(Math.E));
        m.setAttr("pi", new PyFloat(Math.PI));
        m.setAttr("tau", new PyFloat(2 * Math.PI));
        m.setAttr("inf", new PyFloat(Double.POSITIVE_INFINITY));
        m.setAttr("nan", new PyFloat(Double.NaN));

        unary(m, "sqrt", Math::sqrt);
        binary(m, "pow", MathModule::pow);
        unary(m, "exp", Math::exp);
        unary(m, "expm1", Math::expm1);
        m.setAttr("log", new PyBuiltinFunction("log", 1, 2, false, (a, kw) -> log(a)));
        unary(m, "log2", SpecialFunctions::log2);
        unary(m, "log10", StrictMath::log10); // closer to the C library's than Math.log10
        unary(m, "cosh", SpecialFunctions::cosh);
        unary(m, "sinh", SpecialFunctions::sinh);
        unary(m, "tanh", SpecialFunctions::tanh);
        unary(m, "acosh", SpecialFunctions::acosh);
        unary(m, "asinh", SpecialFunctions::asinh);
        unary(m, "atanh", SpecialFunctions::atanh);
        unary(m, "cos", Math::cos);
        unary(m, "sin", Math::sin);
        unary(m, "tan", Math::tan);
        unary(m, "acos", Math::acos);
        unary(m, "asin", Math::asin);
        unary(m, "atan", Math::atan);
        binary(m, "atan2", Math::atan2);
        toInt(m, "ceil", Math::ceil);
        binary(m, "copysign", Math::copySign);
        unary(m, "fabs", Math::abs);
        toInt(m, "floor", Math::floor);
        binary(m, "fmod", (x, y) -> x % y); // Java's remainder is C's fmod
        m.setAttr("frexp", new PyBuiltinFunction("frexp", 1, 1, false, (a, kw) -> {
            double[] parts = SpecialFunctions.frexp(Ops.toDouble(a[0]));
            return new PyTuple(new PyObject[] {new PyFloat(parts[0]), PyInt.of((long) parts[1])});
        }));
        m.setAttr("ldexp", new PyBuiltinFunction("ldexp", 2, 2, false, (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            // C's ldexp takes an int: the machine word is cut to 32 bits on the way
            int exponent = (int) Ops.indexValue(a[1], "int");
            return new PyFloat(Math.scalb(x, exponent));
        }));
        m.setAttr("modf", new PyBuiltinFunction("modf", 1, 1, false, (a, kw) -> {
            double[] parts = SpecialFunctions.modf(Ops.toDouble(a[0]));
            return new PyTuple(new PyObject[] {new PyFloat(parts[0]), new PyFloat(parts[1])});
        }));
        test(m, "isfinite", Double::isFinite);
        test(m, "isinf", Double::isInfinite);
        test(m, "isnan", Double::isNaN);
        m.setAttr("isclose", new PyBuiltinFunction("isclose", 2, PyBuiltinFunction.VARIADIC, true, MathModule::isclose));
        toInt(m, "trunc", x -> x < 0 ? Math.ceil(x) : Math.floor(x));
        m.setAttr("radians", new PyBuiltinFunction("radians", 1, 1, false,
            (a, kw) -> new PyFloat(Ops.toDouble(a[0]) * (Math.PI / 180.0))));
        m.setAttr("degrees", new PyBuiltinFunction("degrees", 1, 1, false,
            (a, kw) -> new PyFloat(Ops.toDouble(a[0]) * (180.0 / Math.PI))));
        m.setAttr("factorial", new PyBuiltinFunction("factorial", 1, 1, false, (a, kw) -> factorial(a[0])));
        unary(m, "erf", SpecialFunctions::erf);
        unary(m, "erfc", SpecialFunctions::erfc);
        unary(m, "gamma", SpecialFunctions::gamma);
        unary(m, "lgamma", SpecialFunctions::lgamma);
        return m.seal();
    }

    static PyException domainError() {
        return Py.valueError("math domain error");
    }

    /** A one-argument function whose result is checked as MicroPython checks it. */
    private static void unary(FixedModule m, String name, DoubleUnaryOperator f) {
        m.setAttr(name, new PyBuiltinFunction(name, 1, 1, false, (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            double r = f.applyAsDouble(x);
            if ((Double.isNaN(r) && !Double.isNaN(x)) || (Double.isInfinite(r) && !Double.isInfinite(x))) {
                throw domainError();
            }
            return new PyFloat(r);
        }));
    }

    private static void binary(FixedModule m, String name, DoubleBinaryOperator f) {
        m.setAttr(name, new PyBuiltinFunction(name, 2, 2, false, (a, kw) -> {
            double x = Ops.toDouble(a[0]);
            double y = Ops.toDouble(a[1]);
            double r = f.applyAsDouble(x, y);
            if ((Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y))
                    || (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y))) {
                throw domainError();
            }
            return new PyFloat(r);
        }));
    }

    /** A rounding function with an int result (OverflowError for inf, ValueError for nan). */
    private static void toInt(FixedModule m, String name, DoubleUnaryOperator f) {
        m.setAttr(name, new PyBuiltinFunction(name, 1, 1, false,
            (a, kw) -> PyInt.fromDouble(f.applyAsDouble(Ops.toDouble(a[0])))));
    }

    private interface DoubleTest {
        boolean test(double x);
    }

    private static void test(FixedModule m, String name, DoubleTest t) {
        m.setAttr(name, new PyBuiltinFunction(name, 1, 1, false, (a, kw) -> Py.bool(t.test(Ops.toDouble(a[0])))));
    }

    /** C's pow, which unlike Java's gives 1 for 1**y and x**0 with NaN, and for (-1)**inf. */
    static double pow(double x, double y) {
        if (x == 1 || y == 0 || (x == -1 && Double.isInfinite(y))) {
            return 1.0;
        }
        return Math.pow(x, y);
    }

    private static PyObject log(PyObject[] a) {
        double x = Ops.toDouble(a[0]);
        if (x <= 0) {
            throw domainError();
        }
        double l = Math.log(x);
        if (a.length == 1) {
            return new PyFloat(l);
        }
        double base = Ops.toDouble(a[1]);
        if (base <= 0) {
            throw domainError();
        }
        if (base == 1) {
            throw Py.zeroDivision();
        }
        return new PyFloat(l / Math.log(base));
    }

    /** isclose(a, b, *, rel_tol=1e-9, abs_tol=0). */
    private static PyObject isclose(PyObject[] args, String[] kwNames) {
        int positional = Py.positional(args, kwNames);
        if (positional < 2) {
            throw Py.typeError("function missing " + (2 - positional) + " required positional arguments");
        }
        if (positional > 2) {
            throw Py.typeError("extra positional arguments given");
        }
        for (String k : kwNames) {
            if (!k.equals("rel_tol") && !k.equals("abs_tol")) {
                throw Py.typeError("extra keyword arguments given");
            }
        }
        PyObject relArg = Py.keyword(args, kwNames, "rel_tol");
        PyObject absArg = Py.keyword(args, kwNames, "abs_tol");
        double a = Ops.toDouble(args[0]);
        double b = Ops.toDouble(args[1]);
        double relTol = relArg == null ? 1e-9 : Ops.toDouble(relArg);
        double absTol = absArg == null ? 0 : Ops.toDouble(absArg);
        if (relTol < 0 || absTol < 0) {
            throw domainError();
        }
        if (a == b) {
            return Py.bool(true);
        }
        double difference = Math.abs(a - b);
        if (Double.isInfinite(difference)) {
            return Py.bool(false);
        }
        return Py.bool(difference <= absTol || difference <= Math.abs(relTol * a) || difference <= Math.abs(relTol * b));
    }

    /** n! for a machine-word n, multiplied in halves so the big products stay balanced. */
    private static PyObject factorial(PyObject arg) {
        long n = Ops.indexValue(arg, "int");
        if (n < 0) {
            throw Py.valueError("negative factorial");
        }
        if (n < 2) {
            return PyInt.of(1);
        }
        return PyInt.of(product(1, n));
    }

    private static BigInteger product(long from, long to) {
        if (to - from < 8) {
            BigInteger p = BigInteger.valueOf(from);
            for (long k = from + 1; k <= to; k++) {
                p = p.multiply(BigInteger.valueOf(k));
            }
            return p;
        }
        long middle = from + (to - from) / 2;
        return product(from, middle).multiply(product(middle + 1, to));
    }
}
