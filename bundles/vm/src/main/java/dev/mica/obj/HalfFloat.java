package dev.mica.obj;

/** IEEE 754 binary16 conversions for struct's 'e' format, rounding as MicroPython does. */
final class HalfFloat {
    private HalfFloat() {}

    static float decode(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            exp = 0xff;
        } else if (exp != 0) {
            exp += 127 - 15;
        } else if (mant != 0) {
            // subnormal half: normalise it
            exp = 127 - 15;
            while ((mant & 0x400) == 0) {
                mant <<= 1;
                exp--;
            }
            mant -= 0x400;
            exp++;
        }
        return Float.intBitsToFloat(sign | (exp << 23) | (mant << 13));
    }

    static int encode(float x) {
        int bits = Float.floatToRawIntBits(x);
        int mant = (bits >>> 13) & 0x3ff;
        if ((bits & (1 << 12)) != 0) {
            mant++; // round half up on the dropped bits
        }
        int exp = (bits >>> 23) & 0xff;
        if (exp == 0xff) {
            exp = 0x1f;
        } else if (exp != 0) {
            exp -= 127 - 15;
            if (exp < 0) {
                if (exp >= -11) {
                    mant = (mant | 0x400) >> -exp;
                    mant = (mant & 1) != 0 ? (mant >> 1) + 1 : mant >> 1;
                } else {
                    mant = 0;
                }
                exp = 0;
            } else if (exp > 0x3f) {
                exp = 0x1f;
                mant = 0;
            }
        }
        // combined with OR like the reference, so a rounding carry does not propagate
        return (((bits >>> 16) & 0x8000) | (exp << 10) | mant) & 0xffff;
    }
}
