package dev.mica.modules.random;

/**
 * Yasmarang, the small pseudo-random generator MicroPython uses: the same seed gives the same
 * sequence as on a MicroPython board. State is 32-bit words plus one byte.
 */
final class Yasmarang {
    private int pad;
    private int n;
    private int d;
    private int dat;

    Yasmarang(int seed) {
        seed(seed);
    }

    void seed(int seed) {
        pad = seed;
        n = 69;
        d = 233;
        dat = 0;
    }

    /** The next 32 random bits. */
    int next() {
        pad += dat + d * n;
        pad = (pad << 3) + (pad >>> 29);
        n = pad | 2;
        d ^= (pad << 31) + (pad >>> 1);
        dat = (dat ^ (byte) pad ^ (d >>> 8) ^ 1) & 0xff;
        return pad ^ (d << 5) ^ (pad >>> 18) ^ (dat << 1);
    }

    /** A value in [0, bound) for an unsigned 32-bit bound other than 0: masked draws until one fits. */
    long below(long bound) {
        long mask = 1;
        while ((bound & mask) < bound) {
            mask = mask << 1 | 1;
        }
        long r;
        do {
            r = Integer.toUnsignedLong(next()) & mask;
        } while (r >= bound);
        return r;
    }

    /** A double in [0, 1): random bits fill the 52-bit fraction of a number in [1, 2). */
    double nextDouble() {
        long high = Integer.toUnsignedLong(next());
        long low = Integer.toUnsignedLong(next());
        long fraction = (high << 32 | low) & ((1L << 52) - 1);
        return Double.longBitsToDouble(0x3ffL << 52 | fraction) - 1;
    }
}
