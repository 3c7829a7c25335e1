package dev.mica.modules.vfs.lfs1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.mica.modules.vfs.LittlefsCrc;

class CtzSkipListTest {
    /** Block n of a file holds blockSize bytes less its ctz(n)+1 pointers (block 0 has none). */
    private static long dataBytes(long n, int blockSize) {
        return n == 0 ? blockSize : blockSize - 4L * (Long.numberOfTrailingZeros(n) + 1);
    }

    @Test
    void indexFindsTheBlockAndOffsetOfEveryPosition() {
        for (int blockSize : new int[] {64, 128, 512, 1024}) {
            CtzSkipList ctz = new CtzSkipList(null, new CachedBlocks(null, 16, 16, blockSize, 100));
            long block = 0;
            long start = 0;
            for (long pos = 0; pos < 200_000; pos++) {
                if (pos - start == dataBytes(block, blockSize)) {
                    start = pos;
                    block++;
                }
                long[] off = {pos};
                long index = ctz.index(off);
                long expectedOff = (block == 0 ? 0 : 4L * (Long.numberOfTrailingZeros(block) + 1)) + pos - start;
                if (index != block || off[0] != expectedOff) {
                    assertEquals(block + "/" + expectedOff, index + "/" + off[0], "position " + pos + " with blocks of " + blockSize);
                }
            }
        }
    }

    @Test
    void checksumOfMetadataFollowedByItsChecksumIsZero() {
        byte[] data = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int crc = LittlefsCrc.update(0xffffffff, data, 0, data.length);
        // CRC-32's check value before its final inversion
        assertEquals(~0xcbf43926, crc);
        byte[] sum = new byte[4];
        CachedBlocks.putLe32(sum, 0, crc);
        assertEquals(0, LittlefsCrc.update(crc, sum, 0, 4));
    }
}
