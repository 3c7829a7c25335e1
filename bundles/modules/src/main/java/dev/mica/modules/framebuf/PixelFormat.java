package dev.mica.modules.framebuf;

/**
 * How each framebuf format keeps pixels in bytes. Pixel (x, y) lives at an index computed from
 * the stride (in pixels); colours are cut to the bits the format has. The constants are
 * MicroPython's format numbers.
 */
enum PixelFormat {
    /** Monochrome, a byte holds 8 vertical pixels, least significant bit at the top. */
    MONO_VLSB(0, 1),
    /** 16-bit colour, two bytes per pixel, little endian. */
    RGB565(1, 16),
    /** 4-bit greyscale, two pixels a byte, the left one in the high nibble. */
    GS4_HMSB(2, 4),
    /** Monochrome, a byte holds 8 horizontal pixels, most significant bit on the left. */
    MONO_HLSB(3, 1),
    /** Monochrome, a byte holds 8 horizontal pixels, least significant bit on the left. */
    MONO_HMSB(4, 1),
    /** 2-bit greyscale, four pixels a byte, the left one in the lowest bits. */
    GS2_HMSB(5, 2),
    /** 8-bit greyscale, a byte a pixel. */
    GS8(6, 8);

    final int code;
    final int bitsPerPixel;

    PixelFormat(int code, int bitsPerPixel) {
        this.code = code;
        this.bitsPerPixel = bitsPerPixel;
    }

    static PixelFormat of(long code) {
        for (PixelFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    /** Rounding of the stride and of the width a row needs: to whole bytes for packed formats. */
    int pixelsPerRowUnit() {
        return switch (this) {
            case MONO_HLSB, MONO_HMSB -> 8;
            case GS2_HMSB -> 4;
            case GS4_HMSB -> 2;
            default -> 1;
        };
    }

    /** Reads pixel (x, y); bytes outside {@code length} read as 0. */
    int get(byte[] b, int base, int length, int stride, int x, int y) {
        switch (this) {
            case MONO_VLSB:
                return (at(b, base, length, (y >> 3) * stride + x) >> (y & 7)) & 1;
            case MONO_HLSB:
            case MONO_HMSB: {
                int bit = this == MONO_HMSB ? x & 7 : 7 - (x & 7);
                return (at(b, base, length, (x + y * stride) >> 3) >> bit) & 1;
            }
            case RGB565: {
                int i = 2 * (x + y * stride);
                return at(b, base, length, i) | at(b, base, length, i + 1) << 8;
            }
            case GS2_HMSB:
                return (at(b, base, length, (x + y * stride) >> 2) >> ((x & 3) << 1)) & 3;
            case GS4_HMSB: {
                int v = at(b, base, length, (x + y * stride) >> 1);
                return (x & 1) != 0 ? v & 0x0f : v >> 4;
            }
            default:
                return at(b, base, length, x + y * stride);
        }
    }

    /** Stores pixel (x, y); writes outside {@code length} are dropped. */
    void set(byte[] b, int base, int length, int stride, int x, int y, long colour) {
        switch (this) {
            case MONO_VLSB: {
                int bit = y & 7;
                int i = (y >> 3) * stride + x;
                put(b, base, length, i, at(b, base, length, i) & ~(1 << bit) | (colour != 0 ? 1 << bit : 0));
                return;
            }
            case MONO_HLSB:
            case MONO_HMSB: {
                int bit = this == MONO_HMSB ? x & 7 : 7 - (x & 7);
                int i = (x + y * stride) >> 3;
                put(b, base, length, i, at(b, base, length, i) & ~(1 << bit) | (colour != 0 ? 1 << bit : 0));
                return;
            }
            case RGB565: {
                int i = 2 * (x + y * stride);
                put(b, base, length, i, (int) colour);
                put(b, base, length, i + 1, (int) (colour >> 8));
                return;
            }
            case GS2_HMSB: {
                int shift = (x & 3) << 1;
                int i = (x + y * stride) >> 2;
                put(b, base, length, i, at(b, base, length, i) & ~(3 << shift) | ((int) colour & 3) << shift);
                return;
            }
            case GS4_HMSB: {
                int i = (x + y * stride) >> 1;
                int old = at(b, base, length, i);
                put(b, base, length, i, (x & 1) != 0 ? old & 0xf0 | (int) colour & 0x0f : old & 0x0f | ((int) colour & 0x0f) << 4);
                return;
            }
            default:
                put(b, base, length, x + y * stride, (int) colour);
        }
    }

    private static int at(byte[] b, int base, int length, int i) {
        return i >= 0 && i < length ? b[base + i] & 0xff : 0;
    }

    private static void put(byte[] b, int base, int length, int i, int v) {
        if (i >= 0 && i < length) {
            b[base + i] = (byte) v;
        }
    }
}
