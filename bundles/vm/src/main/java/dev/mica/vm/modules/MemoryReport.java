package dev.mica.vm.modules;

import dev.mica.heap.HeapAccount;

/**
 * The figures of micropython.mem_info and mem_total/mem_current/mem_peak, from the
 * interpreter's {@link HeapAccount}. The stack line counts Python call depth against the
 * recursion limit, since frames, not C stack bytes, are what limit recursion here.
 *
 * <p>The account knows sizes, not where objects lie, so the block statistics and the heap map
 * of {@code mem_info(1)} describe the heap as if its live blocks were packed at its start: no
 * runs are counted, the largest free run is all the free space.
 */
public final class MemoryReport {
    private final HeapAccount account;

    public MemoryReport(HeapAccount account) {
        this.account = account;
    }

    /** Bytes allocated over the interpreter's life. */
    public long totalAllocated() {
        return account.totalAllocated();
    }

    public long current() {
        return account.used();
    }

    public long peak() {
        return account.peak();
    }

    public String text(int depth, int maxDepth) {
        long used = account.used();
        return "mem: total=" + totalAllocated() + ", current=" + used + ", peak=" + peak() + "\n"
                + "stack: " + depth + " out of " + maxDepth + "\n"
                + "GC: total: " + account.capacity() + ", used: " + used + ", free: " + account.free() + "\n"
                + " No. of 1-blocks: 0, 2-blocks: 0, max blk sz: 0, max free sz: "
                + account.free() / HeapAccount.BLOCK_BYTES + "\n";
    }

    /** What the unix port prints at exit with {@code -v}. */
    public String exitText(int depth, int maxDepth) {
        return text(depth, maxDepth);
    }

    /** mem_info(1): the figures, then the heap map, 64 blocks a line, runs of free lines folded. */
    public String verboseText(int depth, int maxDepth) {
        StringBuilder sb = new StringBuilder(text(depth, maxDepth));
        long blocks = account.capacity() / HeapAccount.BLOCK_BYTES;
        long usedBlocks = (account.used() + HeapAccount.BLOCK_BYTES - 1) / HeapAccount.BLOCK_BYTES;
        sb.append("GC memory layout; from ").append(Long.toHexString(0x7f0000000000L | System.identityHashCode(account) * 64L))
                .append(":\n");
        long freeLines = 0;
        for (long start = 0; start < blocks; start += 64) {
            long end = Math.min(blocks, start + 64);
            if (start >= usedBlocks && end - start == 64 && end < blocks) {
                freeLines++;
                continue;
            }
            if (freeLines > 0) {
                sb.append("       (").append(freeLines).append(" lines all free)\n");
                freeLines = 0;
            }
            sb.append(String.format("%08x: ", start * HeapAccount.BLOCK_BYTES));
            for (long b = start; b < end; b++) {
                sb.append(b >= usedBlocks ? '.' : b == 0 ? 'h' : '=');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
