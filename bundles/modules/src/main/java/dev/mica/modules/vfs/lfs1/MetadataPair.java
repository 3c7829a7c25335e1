package dev.mica.modules.vfs.lfs1;

/**
 * One directory block pair in memory, as it was fetched: {@code pair[0]} the half holding the
 * newest revision, its header (revision, size with the "continued" bit, tail pair), and a
 * cursor: the offset of the next entry in the current block, and for directory listings the
 * first pair of the directory and the position counted across its blocks.
 *
 * <p>On disk a block starts with the header (revision, size, tail[0], tail[1]: little-endian
 * 32-bit words), then the entries, then a CRC of all that; {@code size} counts them all. The top
 * bit of size says that the directory goes on in the tail pair.
 */
final class MetadataPair {
    static final int HEADER = 16;
    /** The size of a block with no entries: header and checksum. */
    static final int EMPTY = HEADER + 4;
    static final int CONTINUED = 0x80000000;

    final int[] pair = {CachedBlocks.NONE, CachedBlocks.NONE};
    int off;
    final int[] head = {CachedBlocks.NONE, CachedBlocks.NONE};
    int pos;

    int rev;
    int size;
    final int[] tail = {CachedBlocks.NONE, CachedBlocks.NONE};

    /** The bytes used in the block: size without the continued bit. */
    int used() {
        return size & ~CONTINUED;
    }

    boolean continued() {
        return (size & CONTINUED) != 0;
    }

    MetadataPair copy() {
        MetadataPair m = new MetadataPair();
        m.copyFrom(this);
        return m;
    }

    void copyFrom(MetadataPair o) {
        pair[0] = o.pair[0];
        pair[1] = o.pair[1];
        off = o.off;
        head[0] = o.head[0];
        head[1] = o.head[1];
        pos = o.pos;
        rev = o.rev;
        size = o.size;
        tail[0] = o.tail[0];
        tail[1] = o.tail[1];
    }

    void setTail(int[] p) {
        tail[0] = p[0];
        tail[1] = p[1];
    }

    byte[] header() {
        byte[] b = new byte[HEADER];
        CachedBlocks.putLe32(b, 0, rev);
        CachedBlocks.putLe32(b, 4, size);
        CachedBlocks.putLe32(b, 8, tail[0]);
        CachedBlocks.putLe32(b, 12, tail[1]);
        return b;
    }

    // ---- pairs of block numbers ----

    static boolean isNull(int[] p) {
        return p[0] == CachedBlocks.NONE || p[1] == CachedBlocks.NONE;
    }

    /** Whether two pairs share a block (littlefs's test that they name the same directory). */
    static boolean overlap(int[] a, int[] b) {
        return a[0] == b[0] || a[1] == b[1] || a[0] == b[1] || a[1] == b[0];
    }

    /** Whether two pairs hold the same two blocks. */
    static boolean sameBlocks(int[] a, int[] b) {
        return (a[0] == b[0] && a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
    }
}
