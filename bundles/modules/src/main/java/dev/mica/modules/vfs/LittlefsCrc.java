package dev.mica.modules.vfs;

/**
 * The checksum littlefs (v1 and v2) puts on metadata: CRC-32 with the reflected polynomial
 * 0xedb88320, its running value passed in and out as is (no final inversion), so that data
 * followed by its own checksum, little-endian, sums to zero from 0xffffffff.
 */
public final class LittlefsCrc {
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private LittlefsCrc() {}

    public static int update(int crc, byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
        }
        return crc;
    }

    public static int update(int crc, byte b) {
        return TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
    }

    public static int update(int crc, byte[] data) {
        return update(crc, data, 0, data.length);
    }

    /** The checksum of a 32-bit value stored little-endian. */
    public static int updateLe32(int crc, int value) {
        byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        return update(crc, b);
    }
}
