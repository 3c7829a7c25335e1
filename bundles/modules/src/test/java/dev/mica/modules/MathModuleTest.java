package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MathModuleTest {
    private static String run(String source) {
        PythonRun run = PythonRun.of(source);
        assertEquals("", run.err, run.err);
        return run.out;
    }

    @Test
    void constantsAndElementaryFunctions() {
        assertEquals("3.141592653589793 2.718281828459045 6.283185307179586 inf nan\n"
                + "3.0 1024.0 1.0 2.0 3.0 1.0\n",
            run("""
                import math
                print(math.pi, math.e, math.tau, math.inf, math.nan)
                print(math.sqrt(9), math.pow(2, 10), math.exp(0), math.log(100, 10), math.log2(8), math.log10(10))
                """));
    }

    @Test
    void roundingFunctionsGiveIntsOfAnySize() {
        assertEquals("3 -4 -3 <class 'int'> 10000000000000000000000\n"
                + "OverflowError can't convert inf to int\nValueError can't convert NaN to int\n",
            run("""
                import math
                print(math.ceil(2.1), math.floor(-3.5), math.trunc(-3.9), type(math.floor(2.0)), math.floor(1e22))
                for x in (math.inf, math.nan):
                    try:
                        math.floor(x)
                    except Exception as e:
                        print(type(e).__name__, e)
                """));
    }

    @Test
    void domainErrorsAsMicroPythonRaisesThem() {
        assertEquals("sqrt ValueError math domain error\nlog ValueError math domain error\n"
                + "exp ValueError math domain error\nacos ValueError math domain error\n"
                + "gamma ValueError math domain error\nlgamma ValueError math domain error\n"
                + "fmod ValueError math domain error\n"
                + "logbase ZeroDivisionError divide by zero\nfactorial ValueError negative factorial\n",
            run("""
                import math
                cases = [('sqrt', lambda: math.sqrt(-1)), ('log', lambda: math.log(0)),
                         ('exp', lambda: math.exp(1000)), ('acos', lambda: math.acos(2)),
                         ('gamma', lambda: math.gamma(-2)), ('lgamma', lambda: math.lgamma(0)),
                         ('fmod', lambda: math.fmod(1, 0)), ('logbase', lambda: math.log(2, 1)),
                         ('factorial', lambda: math.factorial(-1))]
                for name, f in cases:
                    try:
                        f()
                    except Exception as e:
                        print(name, type(e).__name__, e)
                """));
    }

    @Test
    void nanAndInfinityArgumentsPassThrough() {
        assertEquals("nan inf 0.0 1.0 1.0\n",
            run("""
                import math
                print(math.sqrt(math.nan), math.exp(math.inf), math.exp(-math.inf), math.pow(1, math.nan), math.pow(math.nan, 0))
                """));
    }

    @Test
    void tupleResultsAndFloatParts() {
        assertEquals("(0.625, 4) (0.0, 0) (-0.5, -2.0) (0.0, inf) 8.0 8.0 -2.0 True False True\n",
            run("""
                import math
                print(math.frexp(10), math.frexp(0.0), math.modf(-2.5), math.modf(math.inf),
                      math.ldexp(1, 3), math.ldexp(1.0, 2**32 + 3), math.copysign(2, -0.0),
                      math.isinf(-math.inf), math.isnan(1), math.isfinite(0))
                """));
    }

    @Test
    void specialFunctionsAreAccurate() {
        assertEquals("24.0 1.772453850905516 0.0 0.0 3.178053830347946 359.134205369575\n"
                + "0.5204998778130465 0.4795001221869535 1.0 2.088487583762545e-45\n"
                + "0.881373587019543 1.316957896924817 0.5493061443340547 -1.0\n"
                + "1.175201193643801 1.543080634815244 0.7615941559557649 2.5 -0.0 5.0\n",
            run("""
                import math
                print(math.gamma(5), math.gamma(0.5), math.lgamma(1), math.lgamma(2), math.lgamma(5), '%.15g' % math.lgamma(100))
                print(math.erf(0.5), math.erfc(0.5), math.erf(10), math.erfc(10))
                print(math.asinh(1), math.acosh(2), math.atanh(0.5), math.log2(0.5))
                print(math.sinh(1), math.cosh(1), math.tanh(1), math.log2(2**2.5), math.erf(-0.0), math.log2(32))
                """));
    }

    @Test
    void argumentsMayBeBigIntsBoolsOrObjectsWithFloat() {
        assertEquals("1.267650600228229e+30 1.0 0.5 True\nTypeError can't convert str to float\n"
                + "TypeError can't convert float to int\n",
            run("""
                import math
                class Half:
                    def __float__(self):
                        return 0.5
                print(math.fabs(-2**100), math.fabs(True), math.fabs(Half()), math.isclose(2**60, 2.0**60))
                for f in (lambda: math.sin('x'), lambda: math.factorial(2.0)):
                    try:
                        f()
                    except TypeError as e:
                        print('TypeError', e)
                """));
    }

    @Test
    void factorialAndIsclose() {
        assertEquals("1 1 120 2432902008176640000 30414093201713378043612608166064768844377641568960512000000000000\n"
                + "True False True True False\n"
                + "TypeError extra keyword arguments given\nValueError math domain error\n",
            run("""
                import math
                print(math.factorial(0), math.factorial(1), math.factorial(5), math.factorial(20), math.factorial(50))
                print(math.isclose(1, 1 + 1e-10), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2),
                      math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, -math.inf))
                for f in (lambda: math.isclose(1, 2, tol=1), lambda: math.isclose(1, 2, rel_tol=-1)):
                    try:
                        f()
                    except Exception as e:
                        print(type(e).__name__, e)
                """));
    }

    @Test
    void cmathFunctions() {
        assertEquals("3.141592653589793 (1.414213562373095, 0.7853981633974483) (6.123233995736766e-17+1j)\n"
                + "(-1+1.224646799147353e-16j) (-inf+0j) (1+1j) (0.6931471805599453+1.570796326794897j)\n"
                + "0.099668652491162 TypeError can't convert str to complex\n",
            run("""
                import cmath, math
                class C:
                    def __complex__(self):
                        return complex(10, 1)
                print(cmath.phase(-1), cmath.polar(1 + 1j), cmath.sqrt(-1))
                print(cmath.exp(1j * math.pi), cmath.log(0), cmath.rect(math.sqrt(2), math.pi / 4), cmath.log(2j))
                try:
                    cmath.exp('x')
                except TypeError as e:
                    print('%.15f' % cmath.phase(C()), 'TypeError', e)
                """));
    }

    @Test
    void modulesAreFixed() {
        assertEquals("AttributeError\n",
            run("""
                import math
                try:
                    math.pi = 3
                except AttributeError:
                    print('AttributeError')
                """));
    }
}
