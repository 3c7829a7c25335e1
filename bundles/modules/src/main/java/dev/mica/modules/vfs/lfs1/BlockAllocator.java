package dev.mica.modules.vfs.lfs1;

import java.util.function.IntConsumer;

/**
 * littlefs v1's block allocator: a window of {@code lookahead} blocks, starting at {@code off},
 * whose used blocks are found by walking the whole file system; free blocks are handed out in
 * order, and the window moves on when it is used up. {@code ack} counts the blocks that may
 * still be looked at before the device must be taken as full; it is reset whenever the file
 * system has reached a consistent state (so blocks handed out before then count as used).
 */
final class BlockAllocator {
    /** Walks every block in use, as the file system sees it now. */
    interface Walk {
        void walk(IntConsumer block);
    }

    private final int lookahead;
    private final long blockCount;
    private final int[] bits;
    private final Walk walk;
    private long off;
    private long size;
    private long i;
    private long ack;

    BlockAllocator(int lookahead, int blockCount, Walk walk) {
        this.lookahead = lookahead;
        this.blockCount = Integer.toUnsignedLong(blockCount);
        this.bits = new int[(lookahead + 31) / 32];
        this.walk = walk;
    }

    /** A fresh window at block 0 with every block free (formatting: nothing is written yet). */
    void startEmpty() {
        java.util.Arrays.fill(bits, 0);
        off = 0;
        size = Math.min(lookahead, blockCount);
        i = 0;
        ack();
    }

    /** No window yet: the first allocation walks the file system (mounting). */
    void startUnknown() {
        off = 0;
        size = 0;
        i = 0;
        ack();
    }

    void ack() {
        ack = blockCount;
    }

    private boolean used(long k) {
        return (bits[(int) (k / 32)] & (1 << (k % 32))) != 0;
    }

    private void mark(int block) {
        long k = ((((Integer.toUnsignedLong(block) - off) & 0xffffffffL) + blockCount) & 0xffffffffL) % blockCount;
        if (k < size) {
            bits[(int) (k / 32)] |= 1 << (k % 32);
        }
    }

    int alloc() {
        while (true) {
            while (i != size) {
                long k = i;
                i++;
                ack = (ack - 1) & 0xffffffffL;
                if (!used(k)) {
                    int block = (int) ((off + k) % blockCount);
                    // skip used blocks now, so that an ack after this does not count them again
                    while (i != size && used(i)) {
                        i++;
                        ack = (ack - 1) & 0xffffffffL;
                    }
                    return block;
                }
            }
            if (ack == 0) {
                throw new LfsError(LfsError.NOSPC);
            }
            off = (off + size) % blockCount;
            size = Math.min(lookahead, ack);
            i = 0;
            java.util.Arrays.fill(bits, 0);
            walk.walk(this::mark);
        }
    }
}
