package dev.mica.modules.vfs.lfs1;

import java.util.function.IntConsumer;

import dev.mica.modules.vfs.lfs1.CachedBlocks.Cache;

/**
 * A file's data: a list of blocks stored backwards from the last one (the head). Block n
 * (counting from the file's start) begins with ctz(n)+1 pointers, to blocks n-1, n-2, n-4, ...
 * n-2^ctz(n), so any block is reached in a logarithmic number of reads; the rest of the block
 * is data. Block 0 has no pointers.
 */
final class CtzSkipList {
    private final Lfs1 fs;
    private final CachedBlocks io;

    CtzSkipList(Lfs1 fs, CachedBlocks io) {
        this.fs = fs;
        this.io = io;
    }

    /**
     * The index of the block holding byte {@code pos[0]} of a file; {@code pos[0]} becomes the
     * offset in that block.
     */
    long index(long[] pos) {
        long size = pos[0];
        long b = io.blockSize - 2 * 4;
        long i = size / b;
        if (i == 0) {
            return 0;
        }
        i = ((size - 4 * (Long.bitCount(i - 1) + 2)) & 0xffffffffL) / b;
        pos[0] = (size - b * i - 4L * Long.bitCount(i)) & 0xffffffffL;
        return i;
    }

    /** The block and offset of byte {@code pos} of the file with this head and size ({@code found}: block, offset). */
    void find(Cache rc, Cache pc, int head, long size, long pos, int[] found) {
        if (size == 0) {
            found[0] = CachedBlocks.NONE;
            found[1] = 0;
            return;
        }
        long current = index(new long[] {size - 1});
        long[] target = {pos};
        long wanted = index(target);
        while (current > wanted) {
            int skip = (int) Math.min(npw2(current - wanted + 1) - 1, Long.numberOfTrailingZeros(current));
            head = io.read32(rc, pc, head, 4 * skip);
            current -= 1L << skip;
        }
        found[0] = head;
        found[1] = (int) target[0];
    }

    /**
     * Takes a new block to go on from a file of {@code size} bytes ending in {@code head}: a
     * copy of the last block's data when that block is not full, else a block pointing back
     * into the list ({@code found}: the block, the offset where data goes on).
     */
    void extend(Cache rc, Cache pc, int head, long size, int[] found) {
        // as in littlefs, a retry on another block goes on from where the failed one left the head and size
        long[] state = {Integer.toUnsignedLong(head), size};
        while (true) {
            int block = fs.allocator.alloc();
            try {
                extendInto(block, rc, pc, state, found);
                return;
            } catch (BadBlock e) {
                // forget what was programmed and take another block
                io.pcache.drop();
            }
        }
    }

    private void extendInto(int block, Cache rc, Cache pc, long[] state, int[] found) {
        BadBlock.writing(() -> io.bdErase(block));
        if (state[1] == 0) {
            found[0] = block;
            found[1] = 0;
            return;
        }
        long[] last = {state[1] - 1};
        long index = index(last);
        state[1] = last[0] + 1;
        int head = (int) state[0];
        if (state[1] != io.blockSize) {
            byte[] one = new byte[1];
            for (int i = 0; i < state[1]; i++) {
                one[0] = (byte) io.readByte(rc, null, head, i);
                int at = i;
                BadBlock.writing(() -> io.prog(pc, rc, block, at, one, 0, 1));
            }
            found[0] = block;
            found[1] = (int) state[1];
            return;
        }
        index += 1;
        int skips = Long.numberOfTrailingZeros(index) + 1;
        byte[] pointer = new byte[4];
        for (int i = 0; i < skips; i++) {
            CachedBlocks.putLe32(pointer, 0, (int) state[0]);
            int at = 4 * i;
            BadBlock.writing(() -> io.prog(pc, rc, block, at, pointer, 0, 4));
            if (i != skips - 1) {
                state[0] = Integer.toUnsignedLong(io.read32(rc, null, (int) state[0], 4 * i));
            }
        }
        found[0] = block;
        found[1] = 4 * skips;
    }

    /** Calls {@code visit} with every block of the file. */
    void traverse(Cache rc, Cache pc, int head, long size, IntConsumer visit) {
        if (size == 0) {
            return;
        }
        long index = index(new long[] {size - 1});
        byte[] heads = new byte[8];
        while (true) {
            visit.accept(head);
            if (index == 0) {
                return;
            }
            int count = 2 - (int) (index & 1);
            io.read(rc, pc, head, 0, heads, 0, count * 4);
            for (int i = 0; i < count - 1; i++) {
                visit.accept(CachedBlocks.le32(heads, 4 * i));
            }
            head = CachedBlocks.le32(heads, 4 * (count - 1));
            index -= count;
        }
    }

    /** The smallest power of two at least {@code a} (a > 1), as its exponent. */
    private static long npw2(long a) {
        return 64 - Long.numberOfLeadingZeros(a - 1);
    }
}
