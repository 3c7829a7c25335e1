package dev.mica.modules.vfs.lfs1;

import dev.mica.modules.vfs.LittlefsPath;

import dev.mica.modules.vfs.lfs1.MetadataPairs.Region;

/**
 * Entries in directories. A directory is one metadata pair or a chain of them (each but the
 * last with the "continued" bit, linked by tails); all directories together form one list of
 * pairs starting at the superblock pair. Entries are appended at the end of a directory's last
 * block, a new block joining the chain when it is full; removing the only entry of a block
 * drops the block from the chain.
 */
final class Directories {
    /** Where a path walk stopped: the name it was on, and whether it looked into any directory. */
    static final class Walk {
        int at;
        boolean descended;
    }

    private final Lfs1 fs;
    private final CachedBlocks io;
    private final MetadataPairs pairs;

    Directories(Lfs1 fs, CachedBlocks io, MetadataPairs pairs) {
        this.fs = fs;
        this.io = io;
        this.pairs = pairs;
    }

    /** Rewrites an entry's fixed part in place, and its name when {@code name} is given. */
    void update(MetadataPair dir, DirEntry entry, byte[] name) {
        Region fixed = new Region(entry.off, DirEntry.FIXED, entry.encode(), DirEntry.FIXED);
        if (name == null) {
            pairs.commit(dir, fixed);
        } else {
            pairs.commit(dir, fixed, new Region(entry.off + DirEntry.FIXED, entry.nlen, name, entry.nlen));
        }
    }

    /** Adds an entry at the end of the directory whose block {@code dir} holds; {@code dir} ends on the block that got it. */
    void append(MetadataPair dir, DirEntry entry, byte[] name) {
        int guard = 0;
        while (true) {
            if (Integer.toUnsignedLong(dir.size) + entry.size() <= io.blockSize) {
                entry.off = dir.size - 4;
                pairs.commit(dir, entryRegions(entry, name));
                return;
            }
            if (!dir.continued()) {
                MetadataPair old = dir.copy();
                pairs.alloc(dir);
                dir.setTail(old.tail);
                entry.off = dir.size - 4;
                pairs.commit(dir, entryRegions(entry, name));
                old.size |= MetadataPair.CONTINUED;
                old.setTail(dir.pair);
                pairs.commit(old);
                return;
            }
            fs.checkSteps(++guard);
            pairs.fetch(dir, dir.tail);
        }
    }

    private static Region[] entryRegions(DirEntry entry, byte[] name) {
        return new Region[] {new Region(entry.off, 0, entry.encode(), DirEntry.FIXED), new Region(entry.off, 0, name, entry.nlen)};
    }

    /** Removes an entry, dropping its block from the chain when it was the block's only one. */
    void remove(MetadataPair dir, DirEntry entry) {
        int size = entry.size();
        if (dir.used() == MetadataPair.EMPTY + size) {
            MetadataPair pdir = new MetadataPair();
            fs.predecessor(dir.pair, pdir);
            if (pdir.continued()) {
                pdir.size &= dir.size | ~MetadataPair.CONTINUED;
                pdir.setTail(dir.tail);
                pairs.commit(pdir);
                return;
            }
        }
        pairs.commit(dir, new Region(entry.off, size, null, 0));
        for (Lfs1OpenFile f : fs.openFiles()) {
            if (MetadataPair.overlap(f.pair, dir.pair)) {
                if (f.poff == entry.off) {
                    f.pair[0] = CachedBlocks.NONE;
                    f.pair[1] = CachedBlocks.NONE;
                } else if (f.poff > entry.off) {
                    f.poff -= size;
                }
            }
        }
        for (MetadataPair d : fs.openDirectories()) {
            if (MetadataPair.overlap(d.pair, dir.pair) && d.off > entry.off) {
                d.off -= size;
                d.pos -= size;
            }
        }
    }

    /** Reads the next entry of the directory, going on into continued blocks; false at its end. */
    boolean next(MetadataPair dir, DirEntry entry) {
        int guard = 0;
        while (dir.off + DirEntry.FIXED > dir.used() - 4) {
            if (!dir.continued()) {
                entry.off = dir.off;
                return false;
            }
            fs.checkSteps(++guard);
            pairs.fetch(dir, dir.tail);
            dir.off = MetadataPair.HEADER;
            dir.pos += MetadataPair.EMPTY;
        }
        byte[] fixed = new byte[DirEntry.FIXED];
        io.bdRead(dir.pair[0], dir.off, fixed, 0, DirEntry.FIXED);
        entry.decode(fixed);
        entry.off = dir.off;
        dir.off += entry.size();
        dir.pos += entry.size();
        return true;
    }

    /**
     * Walks a path from the root. True when found: {@code entry} is what the path names and
     * {@code dir} the block holding it (unless the path names the root). False when a name is
     * missing: {@code walk.at} is that name's place in the path and {@code dir} the last block
     * looked at. A name under a file is NOTDIR; "." is skipped, and ".." cancels the name
     * before it (or is skipped at the root).
     */
    boolean find(MetadataPair dir, DirEntry entry, byte[] path, Walk walk) {
        entry.setDirectory(fs.root);
        int p = walk.at;
        walk.descended = false;
        while (true) {
            p = LittlefsPath.nextName(path, p);
            int len = LittlefsPath.nameLength(path, p);
            if (p >= path.length) {
                return true;
            }
            walk.at = p;
            if (entry.type != DirEntry.DIR) {
                throw new LfsError(LfsError.NOTDIR);
            }
            pairs.fetch(dir, entry.u0, entry.u1);
            walk.descended = true;
            while (true) {
                if (!next(dir, entry)) {
                    return false;
                }
                int kind = entry.type & 0x7f;
                if ((kind != DirEntry.REG && kind != DirEntry.DIR) || entry.nlen != len) {
                    continue;
                }
                if (io.bdSame(dir.pair[0], entry.nameOffset(), path, p, len)) {
                    break;
                }
            }
            if (!fs.moving && (entry.type & DirEntry.MOVING) != 0) {
                if (fs.moved(entry)) {
                    return false;
                }
                entry.type &= ~DirEntry.MOVING;
            }
            p += len;
        }
    }
}
