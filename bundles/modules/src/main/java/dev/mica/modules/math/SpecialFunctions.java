package dev.mica.modules.math;

/**
 * The C library functions that {@code java.lang.Math} lacks, with C's results at the edges
 * (poles give infinities, invalid arguments NaN): error functions, gamma and its logarithm,
 * the inverse hyperbolic functions, log2, frexp and modf.
 */
final class SpecialFunctions {
    private static final double LN2 = 0.6931471805599453;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double HALF_LOG_TWO_PI = 0.9189385332046728;

    /** Lanczos approximation, g = 7, nine terms (good to about 1e-15 relative). */
    private static final double LANCZOS_G = 7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };
    /** B(2k) / (2k (2k-1)) for Stirling's series of log-gamma, k = 1..8. */
    private static final double[] STIRLING = {
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156,
        -3617.0 / 122400,
    };

    private SpecialFunctions() {}

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r;
        if (a < 2.5) {
            r = erfSeries(a);
        } else {
            r = 1 - erfcContinuedFraction(a);
        }
        return Math.copySign(r, x);
    }

    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0.5) {
            return 1 - erf(x);
        }
        if (x < 2.5) {
            return 1 - erfSeries(x);
        }
        return erfcContinuedFraction(x);
    }

    /**
     * erf(x) for x >= 0 from 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)), a series of
     * positive terms (no cancellation).
     */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** erfc(x) for x >= 2.5 from its continued fraction, evaluated by modified Lentz. */
    private static double erfcContinuedFraction(double x) {
        if (x > 27.3) {
            return 0.0; // below the smallest subnormal
        }
        // erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
    }

    /** Gamma: exact products for small whole numbers, Lanczos elsewhere, reflection below 1/2. */
    static double gamma(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x == Double.POSITIVE_INFINITY) {
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
        if (x > 140) {
            // e^(lgamma) loses digits to the size of the exponent, but the Lanczos power would overflow
            return Math.exp(lgamma(x));
        }
        double t = x + LANCZOS_G - 0.5;
        return Math.sqrt(2 * Math.PI) * Math.pow(t, x - 0.5) * Math.exp(-t) * lanczosSum(x);
    }

    /** The Lanczos series sum for gamma(x), x >= 1/2. */
    private static double lanczosSum(double x) {
        double y = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (y + i);
        }
        return sum;
    }

    /** log|gamma(x)|: Stirling's series for large x, shifted up from small x, reflected below 0. */
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
        if (x < 15) {
            // lgamma(x) = lgamma(x + n) - log(x (x+1) ... (x+n-1))
            if (x > 1.5 && x < 4.5) {
                return Math.log(Math.abs(gamma(x)));
            }
            double shift = 1;
            double y = x;
            while (y < 15) {
                shift *= y;
                y += 1;
            }
            return stirling(y) - Math.log(shift);
        }
        return stirling(x);
    }

    /** Stirling's series of log-gamma, accurate to double precision for x >= 15. */
    private static double stirling(double x) {
        double inverse = 1 / x;
        double inverse2 = inverse * inverse;
        double series = 0;
        double power = inverse;
        for (double coefficient : STIRLING) {
            series += coefficient * power;
            power *= inverse2;
        }
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
    }

    /** sin(pi x) with the argument reduced first, so whole and half numbers come out exact. */
    private static double sinPi(double x) {
        double r = x % 2.0; // exact
        if (r < 0) {
            r += 2.0;
        }
        if (r == 0 || r == 1) {
            return Math.copySign(0.0, x);
        }
        if (r == 0.5) {
            return 1.0;
        }
        if (r == 1.5) {
            return -1.0;
        }
        return Math.sin(Math.PI * r);
    }

    static double asinh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x) || a < 0x1p-28) {
            return x;
        }
        double r;
        if (a > 0x1p28) {
            r = Math.log(a) + LN2;
        } else {
            // log(a + sqrt(a^2 + 1)) written to keep small arguments accurate
            r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
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
        return Math.copySign(0.5 * Math.log1p(2 * a / (1 - a)), x);
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
