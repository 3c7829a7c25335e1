package dev.mica.obj;

/**
 * 10^n as the C library's {@code pow(10, n)} returns it on the platforms MicroPython is measured
 * on (glibc, x86-64), which its float formatting and parsing rely on: correctly rounded, except
 * for 10^23 and 10^210, where glibc's result is one unit in the last place above.
 */
final class PowersOfTen {
    private static final int MIN = -330; // below: 0 (under half the smallest subnormal)
    private static final int MAX = 309; // above: infinity
    private static final double[] TABLE = table();

    private PowersOfTen() {}

    static double of(int n) {
        if (n < MIN) {
            return 0.0;
        }
        if (n > MAX) {
            return Double.POSITIVE_INFINITY;
        }
        return TABLE[n - MIN];
    }

    private static double[] table() {
        double[] table = new double[MAX - MIN + 1];
        for (int n = MIN; n <= MAX; n++) {
            table[n - MIN] = Double.parseDouble("1e" + n);
        }
        for (int n : new int[] {23, 210}) {
            table[n - MIN] = Math.nextUp(table[n - MIN]);
        }
        return table;
    }
}
