package dev.mica.modules.vfs.lfs1;

import dev.mica.modules.vfs.LittlefsCrc;

/**
 * Reading and writing metadata pairs. A pair's two blocks hold alternate revisions of the same
 * metadata; fetching takes the newer one whose checksum holds. A commit writes the next
 * revision to the other block: the header, the old contents with regions replaced (inserted,
 * removed), the checksum; then it reads it all back. A block that fails is replaced by a newly
 * allocated one and the references to the pair are brought up to date (the superblock pair
 * cannot move).
 */
final class MetadataPairs {
    /** A replacement of {@code oldLen} bytes at {@code oldOff} by {@code data} ({@code newLen} bytes of it). */
    record Region(int oldOff, int oldLen, byte[] data, int newLen) {}

    private final Lfs1 fs;
    private final CachedBlocks io;

    MetadataPairs(Lfs1 fs, CachedBlocks io) {
        this.fs = fs;
        this.io = io;
    }

    /** Takes two new blocks for {@code dir}, with the next revision of what the first held; nothing is written. */
    void alloc(MetadataPair dir) {
        dir.pair[0] = fs.allocator.alloc();
        dir.pair[1] = fs.allocator.alloc();
        byte[] rev = new byte[4];
        try {
            io.bdRead(dir.pair[0], 0, rev, 0, 4);
            dir.rev = CachedBlocks.le32(rev, 0);
        } catch (LfsError e) {
            if (e.code != LfsError.CORRUPT) {
                throw e;
            }
        }
        dir.rev += 1;
        dir.size = MetadataPair.EMPTY;
        dir.tail[0] = CachedBlocks.NONE;
        dir.tail[1] = CachedBlocks.NONE;
        dir.off = MetadataPair.HEADER;
    }

    void fetch(MetadataPair dir, int[] p) {
        fetch(dir, p[0], p[1]);
    }

    /** Loads the valid, newer half of a pair into {@code dir}; CORRUPT when neither half is valid. */
    void fetch(MetadataPair dir, int first, int second) {
        int[] blocks = {first, second};
        boolean valid = false;
        byte[] h = new byte[MetadataPair.HEADER];
        for (int i = 0; i < 2; i++) {
            int block = blocks[i];
            try {
                io.bdRead(block, 0, h, 0, MetadataPair.HEADER);
            } catch (LfsError e) {
                if (e.code == LfsError.CORRUPT) {
                    continue;
                }
                throw e;
            }
            int rev = CachedBlocks.le32(h, 0);
            int size = CachedBlocks.le32(h, 4);
            if (valid && rev - dir.rev < 0) {
                continue;
            }
            int used = size & ~MetadataPair.CONTINUED;
            if (used < MetadataPair.EMPTY || used > io.blockSize) {
                continue;
            }
            int crc = LittlefsCrc.update(0xffffffff, h, 0, MetadataPair.HEADER);
            try {
                crc = io.bdCrc(block, MetadataPair.HEADER, used - MetadataPair.HEADER, crc);
            } catch (LfsError e) {
                if (e.code == LfsError.CORRUPT) {
                    continue;
                }
                throw e;
            }
            if (crc != 0) {
                continue;
            }
            valid = true;
            dir.pair[0] = blocks[i];
            dir.pair[1] = blocks[(i + 1) % 2];
            dir.off = MetadataPair.HEADER;
            dir.rev = rev;
            dir.size = size;
            dir.tail[0] = CachedBlocks.le32(h, 8);
            dir.tail[1] = CachedBlocks.le32(h, 12);
        }
        if (!valid) {
            throw new LfsError(LfsError.CORRUPT);
        }
    }

    /** Writes the next revision of {@code dir} with {@code regions} (in order of their old offsets) applied. */
    void commit(MetadataPair dir, Region... regions) {
        dir.rev += 1;
        int t = dir.pair[0];
        dir.pair[0] = dir.pair[1];
        dir.pair[1] = t;
        for (Region r : regions) {
            dir.size += r.newLen() - r.oldLen();
        }
        int[] oldPair = {dir.pair[0], dir.pair[1]};
        boolean relocated = false;
        while (true) {
            try {
                writeRevision(dir, regions, oldPair[1]);
                break;
            } catch (BadBlock e) {
                relocated = true;
                io.pcache.drop();
                if (MetadataPair.overlap(oldPair, Lfs1.SUPERBLOCK_PAIR)) {
                    // the superblock cannot move: the file system can no longer be written
                    throw new LfsError(LfsError.CORRUPT);
                }
                dir.pair[0] = fs.allocator.alloc();
            }
        }
        if (relocated) {
            fs.relocate(oldPair, dir.pair);
        }
        for (MetadataPair d : fs.openDirectories()) {
            if (MetadataPair.overlap(d.pair, dir.pair)) {
                d.pair[0] = dir.pair[0];
                d.pair[1] = dir.pair[1];
            }
        }
    }

    private void writeRevision(MetadataPair dir, Region[] regions, int source) {
        int block = dir.pair[0];
        BadBlock.writing(() -> io.bdErase(block));
        byte[] header = dir.header();
        int crc = LittlefsCrc.update(0xffffffff, header, 0, header.length);
        BadBlock.writing(() -> io.bdProg(block, 0, header, 0, header.length));
        int i = 0;
        int oldOff = MetadataPair.HEADER;
        int newOff = MetadataPair.HEADER;
        int end = dir.used() - 4;
        byte[] one = new byte[1];
        while (newOff < end) {
            if (i < regions.length && regions[i].oldOff() == oldOff) {
                Region r = regions[i];
                if (r.newLen() > 0) {
                    crc = LittlefsCrc.update(crc, r.data(), 0, r.newLen());
                    int at = newOff;
                    BadBlock.writing(() -> io.bdProg(block, at, r.data(), 0, r.newLen()));
                }
                oldOff += r.oldLen();
                newOff += r.newLen();
                i++;
            } else {
                io.bdRead(source, oldOff, one, 0, 1);
                crc = LittlefsCrc.update(crc, one[0]);
                int at = newOff;
                BadBlock.writing(() -> io.bdProg(block, at, one, 0, 1));
                oldOff++;
                newOff++;
            }
        }
        byte[] sum = new byte[4];
        CachedBlocks.putLe32(sum, 0, crc);
        int at = newOff;
        BadBlock.writing(() -> io.bdProg(block, at, sum, 0, 4));
        BadBlock.writing(io::bdSync);
        // read the revision back
        if (io.bdCrc(block, 0, dir.used() - 4, 0xffffffff) != crc) {
            throw BadBlock.found();
        }
    }
}
