package dev.mica.modules.vfs.lfs2;

import java.util.function.IntConsumer;

/**
 * Files larger than an inline entry live in a CTZ skip list: block n of the file starts with
 * ctz(n)+1 pointers, the i-th to block n - 2^i, and the directory entry keeps the last block
 * and the size.
 */
final class CtzList {
    private CtzList() {}

    /**
     * The index of the block holding byte {@code pos[0]} of a file; {@code pos[0]} becomes the
     * offset in that block.
     */
    static int index(int blockSize, int[] pos) {
        long size = Integer.toUnsignedLong(pos[0]);
        long b = blockSize - 8;
        long i = size / b;
        if (i == 0) {
            return 0;
        }
        i = (size - 4L * (Long.bitCount(i - 1) + 2)) / b;
        pos[0] = (int) (size - b * i - 4L * Long.bitCount(i));
        return (int) i;
    }

    static int log2Ceil(int a) {
        return 32 - Integer.numberOfLeadingZeros(a - 1);
    }

    /** The block and offset of byte {@code pos} of a file with last block {@code head}. */
    static int[] find(LfsDevice dev, FileBlock current, int head, int size, int pos) {
        if (size == 0) {
            return new int[] {-1, 0};
        }
        int[] last = {size - 1};
        int cur = index(dev.blockSize, last);
        int[] at = {pos};
        int target = index(dev.blockSize, at);
        while (cur > target) {
            int skip = Math.min(log2Ceil(cur - target + 1) - 1, Integer.numberOfTrailingZeros(cur));
            head = readPointer(dev, current, head, 4 * skip);
            cur -= 1 << skip;
        }
        return new int[] {head, at[0]};
    }

    /** A block still being written, held in memory. */
    record FileBlock(int block, byte[] data) {}

    private static int readPointer(LfsDevice dev, FileBlock current, int block, int off) {
        if (current != null && current.block() == block) {
            return LfsDevice.le32(current.data(), off);
        }
        return dev.readLe32(block, off);
    }

    /**
     * A new last block for a file of {@code size} bytes ending in {@code head}: its first bytes
     * (the pointers, or a copy of an unfinished last block) in {@code content}, and the offset
     * after them.
     */
    static int[] extend(Lfs2 fs, int head, int size, byte[] content) {
        LfsDevice dev = fs.dev;
        while (true) {
            int nblock = fs.alloc();
            try {
                dev.erase(nblock);
            } catch (LfsException e) {
                if (e.errno == LfsException.CORRUPT) {
                    continue;
                }
                throw e;
            }
            if (size == 0) {
                return new int[] {nblock, 0};
            }
            int[] last = {size - 1};
            int index = index(dev.blockSize, last);
            int noff = last[0] + 1;
            if (noff != dev.blockSize) {
                dev.read(head, 0, content, 0, noff);
                return new int[] {nblock, noff};
            }
            index += 1;
            int skips = Integer.numberOfTrailingZeros(index) + 1;
            int nhead = head;
            for (int i = 0; i < skips; i++) {
                LfsDevice.putLe32(content, 4 * i, nhead);
                if (i != skips - 1) {
                    nhead = dev.readLe32(nhead, 4 * i);
                }
            }
            return new int[] {nblock, 4 * skips};
        }
    }

    /** Reports every block of a file. */
    static void traverse(LfsDevice dev, FileBlock current, int head, int size, IntConsumer each) {
        if (size == 0) {
            return;
        }
        int index = index(dev.blockSize, new int[] {size - 1});
        while (true) {
            each.accept(head);
            if (index == 0) {
                return;
            }
            int count = 2 - (index & 1);
            int first = readPointer(dev, current, head, 0);
            int second = count == 2 ? readPointer(dev, current, head, 4) : first;
            if (count == 2) {
                each.accept(first);
            }
            head = count == 2 ? second : first;
            index -= count;
        }
    }
}
