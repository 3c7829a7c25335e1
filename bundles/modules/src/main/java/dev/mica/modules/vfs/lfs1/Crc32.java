package dev.mica.modules.vfs.lfs1;

/**
 * The checksum of littlefs v1 metadata: CRC-32 with the reflected polynomial 0xedb88320, started
 * at 0xffffffff and without the final inversion, so that a block followed by its own checksum
 * (little-endian) sums to zero.
 */
final class Crc32 {
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

    private Crc32() {}

    static int update(int crc, byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[off + i]) & 0xff];
        }
        return crc;
    }

    static int update(int crc, byte b) {
        return (crc >>> 8) ^ TABLE[(crc ^ b) & 0xff];
    }
}
