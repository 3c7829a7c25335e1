# math and cmath: values, domain errors and argument conversions
import math
import cmath

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
for name in ("sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
             "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "expm1", "erf", "erfc", "fabs"):
    f = getattr(math, name)
    row = []
    for x in (-2.5, -1, -0.5, 0, 0.25, 1, 2, 10):
        try:
            row.append("%.12g" % f(x))
        except ValueError as e:
            row.append(str(e))
    print(name, " ".join(row))
for x in (0.1, 0.5, 1, 1.5, 2.5, 5, 10.5, 30, -0.5, -2.5):
    print("gamma", x, "%.12g" % math.gamma(x), "%.12g" % math.lgamma(x))
for x in (0, -1, -2, -math.inf):
    try:
        math.gamma(x)
    except ValueError as e:
        print("gamma", x, e)
print(math.ceil(2.5), math.floor(-2.5), math.trunc(-2.5), math.ceil(-0.5), math.floor(1e20))
for f in (math.ceil, math.floor, math.trunc):
    for x in (math.inf, math.nan):
        try:
            f(x)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
print(math.frexp(10), math.frexp(-0.375), math.frexp(0.0), math.ldexp(0.75, 4), math.ldexp(1, -3))
print(math.modf(2.75), math.modf(-2.75), math.modf(-3.0), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, math.inf))
print(math.copysign(3, -0.0), math.copysign(-3, 1), math.atan2(1, -1), math.atan2(-0.0, -1))
print(math.pow(2, 0.5), math.pow(-8, 3), math.pow(1, math.nan), math.pow(math.nan, 0), math.pow(-1, math.inf))
for args in ((0, -1), (-8, 1 / 3), (10, 400)):
    try:
        math.pow(*args)
    except ValueError as e:
        print("pow", args, e)
print(math.log(8, 2), math.log(100, 10), math.log(2.5))
for args in ((0,), (-1,), (10, 0), (10, -2)):
    try:
        math.log(*args)
    except ValueError as e:
        print("log", args, e)
try:
    math.log(10, 1)
except ZeroDivisionError as e:
    print("log base 1:", e)
print(math.degrees(math.pi), math.radians(180), math.isfinite(1e308), math.isinf(-math.inf), math.isnan(math.nan))
print(math.isclose(1, 1 + 1e-10), math.isclose(1, 1.001), math.isclose(1, 1.001, rel_tol=0.01),
      math.isclose(0, 1e-12, abs_tol=1e-11), math.isclose(math.inf, math.inf), math.isclose(math.inf, -math.inf))
print([math.factorial(n) for n in range(8)], math.factorial(30))
try:
    math.factorial(-1)
except ValueError as e:
    print(e)
print("%.10g" % math.sqrt(2 ** 100), math.sqrt(True), "%.6g" % math.exp(2 ** 5))


class Half:
    def __float__(self):
        return 0.5


print(math.sin(Half()) == math.sin(0.5))
for bad in ("x", [1], 1j):
    try:
        math.sqrt(bad)
    except TypeError as e:
        print("TypeError:", e)

print(cmath.e, cmath.pi)
for z in (1, -1, 1j, -1j, 1 + 1j, -2 + 0.5j, 3):
    print(z, "%.12g" % cmath.phase(z), ["%.12g" % v for v in cmath.polar(z)])
    for name in ("exp", "log", "log10", "sqrt", "cos", "sin"):
        w = getattr(cmath, name)(z)
        print("  ", name, "%.12g %.12g" % (w.real, w.imag))
w = cmath.rect(2, math.pi / 6)
print("%.12g %.12g" % (w.real, w.imag), cmath.log(0))
try:
    cmath.sqrt("1")
except TypeError as e:
    print("TypeError:", e)
