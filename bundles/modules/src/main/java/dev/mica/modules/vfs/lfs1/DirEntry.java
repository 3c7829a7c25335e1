package dev.mica.modules.vfs.lfs1;

/**
 * A directory entry: a 4-byte head (type, extension length, attribute length, name length),
 * the extension (for files the CTZ list's head block and the file size; for directories the
 * directory's pair; for the superblock the root pair and the geometry), attributes, then the
 * name. {@code off} is where the entry starts in its block.
 */
final class DirEntry {
    static final int REG = 0x11;
    static final int DIR = 0x22;
    static final int SUPERBLOCK = 0x2e;
    /** Set on the old entry while a rename is under way. */
    static final int MOVING = 0x80;
    /** The bytes of the head and a file's or directory's extension. */
    static final int FIXED = 12;

    int off;
    int type;
    int elen;
    int alen;
    int nlen;
    /** head and size for a file, the pair for a directory. */
    int u0;
    int u1;

    int size() {
        return 4 + elen + alen + nlen;
    }

    /** Where the name starts in the block. */
    int nameOffset() {
        return off + 4 + elen + alen;
    }

    /** The entry of a directory at a pair, with no name (the start of every path walk). */
    void setDirectory(int[] p) {
        type = DIR;
        elen = FIXED - 4;
        alen = 0;
        nlen = 0;
        u0 = p[0];
        u1 = p[1];
    }

    byte[] encode() {
        byte[] b = new byte[FIXED];
        b[0] = (byte) type;
        b[1] = (byte) elen;
        b[2] = (byte) alen;
        b[3] = (byte) nlen;
        CachedBlocks.putLe32(b, 4, u0);
        CachedBlocks.putLe32(b, 8, u1);
        return b;
    }

    void decode(byte[] b) {
        type = b[0] & 0xff;
        elen = b[1] & 0xff;
        alen = b[2] & 0xff;
        nlen = b[3] & 0xff;
        u0 = CachedBlocks.le32(b, 4);
        u1 = CachedBlocks.le32(b, 8);
    }

    void copyFrom(DirEntry o) {
        off = o.off;
        type = o.type;
        elen = o.elen;
        alen = o.alen;
        nlen = o.nlen;
        u0 = o.u0;
        u1 = o.u1;
    }

    int[] pair() {
        return new int[] {u0, u1};
    }
}
