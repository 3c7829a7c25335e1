package dev.mica.modules.math;

/**
 * The C library functions that {@code java.lang.Math} lacks, with C's results at the edges
 * (poles give infinities, invalid arguments NaN): error functions, gamma and its logarithm,
 * hyperbolic functions computed as the C library computes them, the inverse hyperbolic
 * functions, log2, frexp and modf.
 */
final class SpecialFunctions {
    private static final double LN2 = 0.6931471805599453;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double TWO_OVER_SQRT_PI_MINUS_ONE = 0.12837916709551257;
    /** log of the largest double: beyond it e^x overflows but e^(x/2) squared may not. */
    private static final double LOG_MAX = 709.782712893384;
    private static final double SQRT_PI = 1.7724538509055159;
    private static final double SQRT_TWO_PI = 2.5066282746310002;
    private static final double HALF_LOG_TWO_PI = 0.9189385332046728;
    private static final double EULER_GAMMA = 0.5772156649015329;

    /** B(2k) / (2k (2k-1)) for Stirling's series of log-gamma, k = 1..8. */
    private static final double[] STIRLING = {
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156,
        -3617.0 / 122400,
    };
    /** Taylor coefficients of log-gamma(1+z): -gamma, then (-1)^k zeta(k) / k. */
    private static final double[] LGAMMA_AT_ONE = logGammaSeries(60);

    private SpecialFunctions() {}

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r = a < 1 ? a + a * erfSmallCorrection(a) : 1 - erfcContinuedFraction(a);
        return Math.copySign(r, x);
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a < 1) {
            double q = erfSmallCorrection(a);
            if (x < 0) {
                return 1 + (a + a * q);
            }
            // 0.5 - x is exact for x in [1/4, 1]
            return x < 0.25 ? 1 - (x + x * q) : 0.5 + ((0.5 - x) - x * q);
        }
        double r = erfcContinuedFraction(a);
        return x < 0 ? 2 - r : r;
    }

    /**
     * q with erf(x) = x + x q for |x| < 1, from the Maclaurin series
     * erf(x) = 2/sqrt(pi) (x - x^3/3 + x^5/(2! 5) - ...): q is small, so x + x q is rounded once
     * and its error stays well under a unit in the last place.
     */
    private static double erfSmallCorrection(double x) {
        double t = x * x;
        double power = 1;
        double factorial = 1;
        double tail = 0; // the series of 2/sqrt(pi) erf(x)/x - 1 after its leading 1
        for (int n = 1; n < 40; n++) {
            power *= -t;
            factorial *= n;
            double term = power / (factorial * (2 * n + 1));
            tail += term;
            if (Math.abs(term) < 1e-18) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI_MINUS_ONE + TWO_OVER_SQRT_PI * tail;
    }

    /** e^(-x^2), with x^2 carried in two parts so that large x lose no digits. */
    private static double expMinusSquare(double x) {
        double square = x * x;
        double error = Math.fma(x, x, -square);
        return Math.exp(-square) * (1 - error);
    }

    /**
     * erfc(x) for x >= 1: e^(-x^2) / (sqrt(pi) F) with the continued fraction
     * F = x + (1/2)/(x + 1/(x + (3/2)/(x + ...))), evaluated from a depth that suffices for x.
     */
    private static double erfcContinuedFraction(double x) {
        if (x > 27.3) {
            return 0.0; // below the smallest subnormal
        }
        int depth = 20 + (int) (1000 / (x * x));
        double f = x;
        for (int k = depth; k > 0; k--) {
            f = x + (k / 2.0) / f;
        }
        return expMinusSquare(x) / (f * SQRT_PI);
    }

    /**
     * Gamma: exact products for small whole numbers, e^lgamma near 1 and 2, Stirling's formula
     * from 10 on (its power split in two halves so it does not overflow early), the recurrence
     * between them and the reflection formula below 1/2.
     */
    static double gamma(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x == 0) {
            return Math.copySign(Double.POSITIVE_INFINITY, x); // the pole, signed as C's
        }
        if (x < 0 && (Double.isInfinite(x) || x == Math.rint(x))) {
            return Double.NaN;
        }
        if (x > 171.7) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == Math.rint(x) && x <= 30) {
            double product = 1;
            for (int k = 2; k < (int) x; k++) {
                product *= k;
            }
            return product;
        }
        if (x < 0.5) {
            return Math.PI / (sinPi(x) * gamma(1 - x));
        }
        if (x < 3) {
            return Math.exp(lgamma(x));
        }
        if (x < 10) {
            double product = 1;
            while (x >= 3) {
                x -= 1;
                product *= x;
            }
            return product * Math.exp(lgamma(x));
        }
        double half = Math.pow(x, (x - 0.5) / 2);
        return half * Math.exp(-x) * half * SQRT_TWO_PI * Math.exp(stirlingCorrection(x));
    }

    /**
     * log|gamma(x)|: Taylor series around 1 and 2 (so the zeros at 1 and 2 keep their relative
     * accuracy), the recurrence up to 15, Stirling's series beyond, the reflection formula
     * below 0.
     */
    static double lgamma(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return Double.POSITIVE_INFINITY;
        }
        if (x <= 0 && x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY; // the poles
        }
        if (x == 1 || x == 2) {
            return 0.0;
        }
        if (x < 0) {
            return Math.log(Math.PI / Math.abs(sinPi(x) * x)) - lgamma(-x);
        }
        if (x < 0.5) {
            return lgamma1p(x) - Math.log(x);
        }
        if (x < 1.5) {
            return lgamma1p(x - 1);
        }
        if (x < 2.5) {
            double z = x - 2;
            return lgamma1p(z) + Math.log1p(z);
        }
        if (x < 15) {
            double product = 1;
            while (x >= 2.5) {
                x -= 1;
                product *= x;
            }
            return lgamma(x) + Math.log(product);
        }
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
    }

    /** log-gamma(1+z) for |z| <= 1/2 from its Taylor series. */
    private static double lgamma1p(double z) {
        double sum = 0;
        for (int k = LGAMMA_AT_ONE.length - 1; k >= 1; k--) {
            sum = (sum + LGAMMA_AT_ONE[k]) * z;
        }
        return sum;
    }

    /** Stirling's series for log-gamma without its leading terms, for x >= 10. */
    private static double stirlingCorrection(double x) {
        double inverse = 1 / x;
        double inverse2 = inverse * inverse;
        double series = 0;
        for (int k = STIRLING.length - 1; k >= 0; k--) {
            series = series * inverse2 + STIRLING[k];
        }
        return series * inverse;
    }

    /** Coefficients c[1..n] of log-gamma(1+z) = sum c[k] z^k. */
    private static double[] logGammaSeries(int n) {
        double[] c = new double[n + 1];
        c[1] = -EULER_GAMMA;
        for (int k = 2; k <= n; k++) {
            c[k] = ((k & 1) == 0 ? 1 : -1) * zeta(k) / k;
        }
        return c;
    }

    /**
     * Riemann's zeta(s) for whole s >= 2: the first 60 terms summed (smallest first), the rest
     * (from the 61st) by the Euler-Maclaurin formula.
     */
    private static double zeta(int s) {
        final int n = 60;
        double tail = Math.pow(n, 1 - s) / (s - 1) - Math.pow(n, -s) / 2
            + s * Math.pow(n, -s - 1) / 12
            - (double) s * (s + 1) * (s + 2) * Math.pow(n, -s - 3) / 720
            + (double) s * (s + 1) * (s + 2) * (s + 3) * (s + 4) * Math.pow(n, -s - 5) / 30240;
        double sum = tail;
        for (int k = n; k >= 1; k--) {
            sum += Math.pow(k, -s);
        }
        return sum;
    }

    /** sin(pi x) with the argument reduced first, so whole and half numbers come out exact. */
    private static double sinPi(double x) {
        double y = Math.abs(x) % 2.0; // exact
        double sign = x < 0 ? -1 : 1;
        if (y >= 1) {
            y -= 1; // exact
            sign = -sign;
        }
        if (y > 0.5) {
            y = 1 - y; // exact
        }
        return sign * (y == 0.5 ? 1.0 : Math.sin(Math.PI * y));
    }

    /**
     * sinh from expm1 and exp, split into ranges as the C library does, whose results it then
     * gives to the last bit.
     */
    static double sinh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x) || a < 0x1p-28) {
            return x;
        }
        double half = x < 0 ? -0.5 : 0.5;
        if (a < 22) {
            double t = Math.expm1(a);
            return a < 1 ? half * (2 * t - t * t / (t + 1)) : half * (t + t / (t + 1));
        }
        if (a < LOG_MAX) {
            return half * Math.exp(a);
        }
        double w = Math.exp(0.5 * a);
        return half * w * w;
    }

    static double cosh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (a < 0.5 * LN2) {
            double t = Math.expm1(a);
            double w = 1 + t;
            return a < 0x1p-55 ? w : 1 + (t * t) / (w + w);
        }
        if (a < 22) {
            double t = Math.exp(a);
            return 0.5 * t + 0.5 / t;
        }
        if (a < LOG_MAX) {
            return 0.5 * Math.exp(a);
        }
        double w = Math.exp(0.5 * a);
        return 0.5 * w * w;
    }

    static double tanh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || a < 0x1p-55) {
            return x;
        }
        double r;
        if (a >= 22) {
            r = 1;
        } else if (a >= 1) {
            r = 1 - 2 / (Math.expm1(2 * a) + 2);
        } else {
            double t = Math.expm1(-2 * a);
            r = -t / (t + 2);
        }
        return Math.copySign(r, x);
    }

    /** The inverse hyperbolic functions through log and log1p, in the ranges the C library uses. */
    static double asinh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x) || a < 0x1p-28) {
            return x;
        }
        double r;
        if (a > 0x1p28) {
            r = Math.log(a) + LN2;
        } else if (a > 2) {
            r = Math.log(2 * a + 1 / (Math.sqrt(x * x + 1) + a));
        } else {
            double t = x * x;
            r = Math.log1p(a + t / (1 + Math.sqrt(1 + t)));
        }
        return Math.copySign(r, x);
    }

    static double acosh(double x) {
        if (Double.isNaN(x) || x < 1) {
            return Double.NaN;
        }
        if (x > 0x1p28) {
            return Double.isInfinite(x) ? x : Math.log(x) + LN2;
        }
        if (x > 2) {
            return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
        }
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    static double atanh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || a > 1) {
            return Double.NaN;
        }
        if (a == 1) {
            return Math.copySign(Double.POSITIVE_INFINITY, x);
        }
        double r;
        if (a < 0.5) {
            double twice = a + a;
            r = 0.5 * Math.log1p(twice + twice * a / (1 - a));
        } else {
            r = 0.5 * Math.log1p((a + a) / (1 - a));
        }
        return Math.copySign(r, x);
    }

    /** log2 through frexp, so powers of two give exact whole numbers. */
    static double log2(double x) {
        if (Double.isNaN(x) || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            return x;
        }
        double[] parts = frexp(x); // x = m * 2^e, 0.5 <= m < 1
        double m = parts[0];
        double e = parts[1];
        if (m == 0.5) {
            return e - 1;
        }
        if (m < Math.sqrt(0.5)) {
            m *= 2;
            e -= 1;
        }
        return e + Math.log(m) / LN2;
    }

    /** {mantissa in [0.5, 1) with x's sign, exponent}; C's results for 0, inf and nan. */
    static double[] frexp(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return new double[] {x, 0};
        }
        int shift = 0;
        if (Math.getExponent(x) < Double.MIN_EXPONENT) {
            x *= 0x1p54; // make a subnormal normal
            shift = -54;
        }
        int e = Math.getExponent(x) + 1;
        return new double[] {Math.scalb(x, -e), e + shift};
    }

    /** {fractional part, integral part}, both with x's sign, as C's modf. */
    static double[] modf(double x) {
        if (Double.isNaN(x)) {
            return new double[] {x, x};
        }
        if (Double.isInfinite(x)) {
            return new double[] {Math.copySign(0.0, x), x};
        }
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        return new double[] {Math.copySign(x - whole, x), whole};
    }
}
