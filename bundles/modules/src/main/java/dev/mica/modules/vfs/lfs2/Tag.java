package dev.mica.modules.vfs.lfs2;

/**
 * littlefs v2 metadata tags: 32 bits of valid bit (0 = valid), 11 bits of type, 10 bits of id
 * and 10 bits of length, stored big-endian and XORed with the tag before them.
 */
final class Tag {
    private Tag() {}

    static final int NAME = 0x000;
    static final int REG = 0x001;
    static final int DIR = 0x002;
    static final int SUPERBLOCK = 0x0ff;
    static final int STRUCT = 0x200;
    static final int DIRSTRUCT = 0x200;
    static final int INLINESTRUCT = 0x201;
    static final int CTZSTRUCT = 0x202;
    static final int USERATTR = 0x300;
    static final int CREATE = 0x401;
    static final int DELETE = 0x4ff;
    static final int CCRC = 0x500;
    static final int FCRC = 0x5ff;
    static final int TAIL = 0x600;
    static final int SOFTTAIL = 0x600;
    static final int MOVESTATE = 0x7ff;

    /** The id of attributes that belong to the metadata pair rather than an entry. */
    static final int NO_ID = 0x3ff;

    static int make(int type, int id, int size) {
        return (type << 20) | (id << 10) | size;
    }

    static boolean isValid(int tag) {
        return (tag & 0x80000000) == 0;
    }

    static boolean isDelete(int tag) {
        return ((tag << 22) >> 22) == -1;
    }

    static int type1(int tag) {
        return (tag & 0x70000000) >>> 20;
    }

    static int type2(int tag) {
        return (tag & 0x78000000) >>> 20;
    }

    static int type3(int tag) {
        return (tag & 0x7ff00000) >>> 20;
    }

    static int chunk(int tag) {
        return (tag & 0x0ff00000) >>> 20;
    }

    static int id(int tag) {
        return (tag & 0x000ffc00) >>> 10;
    }

    static int size(int tag) {
        return tag & 0x3ff;
    }

    /** Bytes the tag and its data take on disk (a removal has no data). */
    static int diskSize(int tag) {
        return 4 + size(tag + (isDelete(tag) ? 1 : 0));
    }

    /**
     * Which attribute of an entry a type replaces: names share one slot, structures another,
     * and each user attribute type has its own.
     */
    static int slot(int type3) {
        return (type3 & 0x100) != 0 ? type3 : type3 & 0x700;
    }
}
