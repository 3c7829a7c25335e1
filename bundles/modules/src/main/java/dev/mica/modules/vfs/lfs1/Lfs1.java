package dev.mica.modules.vfs.lfs1;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import dev.mica.modules.vfs.lfs1.MetadataPairs.Region;

/**
 * A littlefs v1 file system on a block device (on-disk version 1.1). Blocks 0 and 1 hold the
 * superblock pair: a metadata pair whose one entry names the root directory's pair and the
 * geometry, and whose tail starts the list of all directory pairs. Operations that change
 * things write copies and commit metadata last, so a power loss leaves the old state or the new
 * one; what an interrupted rename or directory removal leaves behind (a half-moved entry, a pair
 * no directory names) is cleaned up by the first change after mounting.
 */
final class Lfs1 {
    static final int[] SUPERBLOCK_PAIR = {0, 1};
    static final int DISK_VERSION = 0x00010001;
    static final int NAME_MAX = 255;
    private static final byte[] MAGIC = "littlefs".getBytes(StandardCharsets.US_ASCII);
    /** The superblock entry: head, root pair, block size, block count, version, then the name "littlefs". */
    private static final int SUPERBLOCK_ENTRY = 32;

    final CachedBlocks io;
    final BlockAllocator allocator;
    final MetadataPairs pairs;
    final Directories dirs;
    final CtzSkipList ctz;
    final int[] root = {CachedBlocks.NONE, CachedBlocks.NONE};
    /** Open files, newest first. */
    private final List<Lfs1OpenFile> files = new ArrayList<>();
    /** Open directory listings, which follow the commits of their blocks. */
    private final List<WeakReference<MetadataPair>> listings = new ArrayList<>();
    boolean deorphaned;
    /** A rename is looking up its old entry again, which is marked as moving. */
    boolean moving;

    private Lfs1(DeviceCalls device, int readSize, int progSize, int blockSize, int blockCount, int lookahead) {
        this.io = new CachedBlocks(device, readSize, progSize, blockSize, blockCount);
        this.allocator = new BlockAllocator(lookahead, blockCount, this::traverse);
        this.pairs = new MetadataPairs(this, io);
        this.dirs = new Directories(this, io, pairs);
        this.ctz = new CtzSkipList(this, io);
    }

    /** Writes an empty file system: the superblock pair (both halves) and an empty root. */
    static void format(DeviceCalls device, int readSize, int progSize, int blockSize, int blockCount, int lookahead) {
        Lfs1 fs = new Lfs1(device, readSize, progSize, blockSize, blockCount, lookahead);
        fs.allocator.startEmpty();
        MetadataPair superdir = new MetadataPair();
        fs.pairs.alloc(superdir);
        MetadataPair rootDir = new MetadataPair();
        fs.pairs.alloc(rootDir);
        fs.pairs.commit(rootDir);
        fs.root[0] = rootDir.pair[0];
        fs.root[1] = rootDir.pair[1];

        byte[] sb = new byte[SUPERBLOCK_ENTRY];
        sb[0] = (byte) DirEntry.SUPERBLOCK;
        sb[1] = (byte) (SUPERBLOCK_ENTRY - MAGIC.length - 4);
        sb[2] = 0;
        sb[3] = (byte) MAGIC.length;
        CachedBlocks.putLe32(sb, 4, fs.root[0]);
        CachedBlocks.putLe32(sb, 8, fs.root[1]);
        CachedBlocks.putLe32(sb, 12, blockSize);
        CachedBlocks.putLe32(sb, 16, blockCount);
        CachedBlocks.putLe32(sb, 20, DISK_VERSION);
        System.arraycopy(MAGIC, 0, sb, 24, MAGIC.length);
        superdir.setTail(fs.root);
        superdir.size = MetadataPair.HEADER + SUPERBLOCK_ENTRY + 4;

        // both halves, so that either one can be lost
        boolean valid = false;
        for (int i = 0; i < 2; i++) {
            try {
                fs.pairs.commit(superdir, new Region(MetadataPair.HEADER, SUPERBLOCK_ENTRY, sb, SUPERBLOCK_ENTRY));
                valid = true;
            } catch (LfsError e) {
                if (e.code != LfsError.CORRUPT) {
                    throw e;
                }
            }
        }
        if (!valid) {
            throw new LfsError(LfsError.CORRUPT);
        }
        fs.pairs.fetch(superdir, SUPERBLOCK_PAIR);
        fs.allocator.ack();
    }

    /** Mounts the file system on the device: CORRUPT without a valid superblock, INVAL for another version. */
    static Lfs1 mount(DeviceCalls device, int readSize, int progSize, int blockSize, int blockCount, int lookahead) {
        Lfs1 fs = new Lfs1(device, readSize, progSize, blockSize, blockCount, lookahead);
        fs.allocator.startUnknown();
        MetadataPair dir = new MetadataPair();
        boolean valid;
        try {
            fs.pairs.fetch(dir, SUPERBLOCK_PAIR);
            valid = true;
        } catch (LfsError e) {
            if (e.code != LfsError.CORRUPT) {
                throw e;
            }
            valid = false;
        }
        byte[] sb = new byte[SUPERBLOCK_ENTRY];
        if (valid) {
            fs.io.bdRead(dir.pair[0], MetadataPair.HEADER, sb, 0, SUPERBLOCK_ENTRY);
            fs.root[0] = CachedBlocks.le32(sb, 4);
            fs.root[1] = CachedBlocks.le32(sb, 8);
        }
        if (!valid || !java.util.Arrays.equals(sb, 24, 32, MAGIC, 0, MAGIC.length)) {
            throw new LfsError(LfsError.CORRUPT);
        }
        int version = CachedBlocks.le32(sb, 20);
        int major = version >>> 16;
        int minor = version & 0xffff;
        if (major != (DISK_VERSION >>> 16) || minor > (DISK_VERSION & 0xffff)) {
            throw new LfsError(LfsError.INVAL);
        }
        return fs;
    }

    List<Lfs1OpenFile> openFiles() {
        return files;
    }

    /** The open listings still in use. */
    List<MetadataPair> openDirectories() {
        List<MetadataPair> out = new ArrayList<>();
        listings.removeIf(r -> r.get() == null);
        for (WeakReference<MetadataPair> r : listings) {
            MetadataPair d = r.get();
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Guards the walks along tails against a cycle in corrupted metadata: more steps than blocks is corruption. */
    void checkSteps(long steps) {
        if (steps > Integer.toUnsignedLong(io.blockCount) + 2) {
            throw new LfsError(LfsError.CORRUPT);
        }
    }

    // ---- walks over all metadata ----

    /** Calls {@code visit} with every block in use: all metadata pairs, the files' blocks, and those of open files. */
    void traverse(IntConsumer visit) {
        if (MetadataPair.isNull(root)) {
            return;
        }
        MetadataPair dir = new MetadataPair();
        byte[] fixed = new byte[DirEntry.FIXED];
        DirEntry entry = new DirEntry();
        int[] cwd = {SUPERBLOCK_PAIR[0], SUPERBLOCK_PAIR[1]};
        long steps = 0;
        while (true) {
            checkSteps(++steps);
            visit.accept(cwd[0]);
            visit.accept(cwd[1]);
            pairs.fetch(dir, cwd);
            while (dir.off + DirEntry.FIXED <= dir.used() - 4) {
                io.bdRead(dir.pair[0], dir.off, fixed, 0, DirEntry.FIXED);
                entry.decode(fixed);
                dir.off += entry.size();
                if ((entry.type & 0x70) == (DirEntry.REG & 0x70)) {
                    ctz.traverse(io.rcache, null, entry.u0, Integer.toUnsignedLong(entry.u1), visit);
                }
            }
            cwd[0] = dir.tail[0];
            cwd[1] = dir.tail[1];
            if (MetadataPair.isNull(cwd)) {
                break;
            }
        }
        for (Lfs1OpenFile f : new ArrayList<>(files)) {
            if ((f.flags & Lfs1OpenFile.F_DIRTY) != 0) {
                ctz.traverse(io.rcache, f.cache, f.head, Integer.toUnsignedLong(f.size), visit);
            }
            if ((f.flags & Lfs1OpenFile.F_WRITING) != 0) {
                ctz.traverse(io.rcache, f.cache, f.block, Integer.toUnsignedLong(f.pos), visit);
            }
        }
    }

    /** Finds the pair whose tail is {@code dir}; {@code pdir} holds the last pair looked at. */
    boolean predecessor(int[] dir, MetadataPair pdir) {
        if (MetadataPair.isNull(root)) {
            return false;
        }
        pairs.fetch(pdir, SUPERBLOCK_PAIR);
        long steps = 0;
        while (!MetadataPair.isNull(pdir.tail)) {
            if (MetadataPair.overlap(pdir.tail, dir)) {
                return true;
            }
            checkSteps(++steps);
            pairs.fetch(pdir, pdir.tail);
        }
        return false;
    }

    /** Finds the directory entry naming {@code dir} (the superblock's entry names the root). */
    boolean parent(int[] dir, MetadataPair parent, DirEntry entry) {
        if (MetadataPair.isNull(root)) {
            return false;
        }
        parent.tail[0] = SUPERBLOCK_PAIR[0];
        parent.tail[1] = SUPERBLOCK_PAIR[1];
        long steps = 0;
        while (!MetadataPair.isNull(parent.tail)) {
            checkSteps(++steps);
            pairs.fetch(parent, parent.tail);
            while (dirs.next(parent, entry)) {
                if ((entry.type & 0x70) == (DirEntry.DIR & 0x70)
                        && MetadataPair.overlap(entry.pair(), dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an entry marked as moving already exists, unmarked, somewhere (the move got that far). */
    boolean moved(DirEntry moving) {
        if (MetadataPair.isNull(root)) {
            return false;
        }
        MetadataPair cwd = new MetadataPair();
        pairs.fetch(cwd, SUPERBLOCK_PAIR);
        DirEntry entry = new DirEntry();
        long steps = 0;
        while (!MetadataPair.isNull(cwd.tail)) {
            checkSteps(++steps);
            pairs.fetch(cwd, cwd.tail);
            while (dirs.next(cwd, entry)) {
                if ((entry.type & DirEntry.MOVING) == 0 && entry.u0 == moving.u0 && entry.u1 == moving.u1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A pair was written to a new block: the entry or tail naming it is updated. */
    void relocate(int[] oldPair, int[] newPair) {
        MetadataPair parent = new MetadataPair();
        DirEntry entry = new DirEntry();
        if (parent(oldPair, parent, entry)) {
            entry.u0 = newPair[0];
            entry.u1 = newPair[1];
            dirs.update(parent, entry, null);
            if (MetadataPair.overlap(oldPair, root)) {
                root[0] = newPair[0];
                root[1] = newPair[1];
            }
            // the tail still names the old pair: deorphan finds the mismatch and fixes it
            deorphan();
            return;
        }
        if (predecessor(oldPair, parent)) {
            parent.setTail(newPair);
            pairs.commit(parent);
        }
    }

    /**
     * Repairs what an interrupted operation left: a pair in the list that no entry names (an
     * orphan, dropped from the list), a tail naming another pair than the directory's entry (a
     * relocated pair), entries still marked as moving (removed when the move completed, else
     * unmarked). Done once, before the first change after mounting.
     */
    void deorphan() {
        deorphaned = true;
        if (MetadataPair.isNull(root)) {
            return;
        }
        MetadataPair pdir = new MetadataPair();
        pdir.size = MetadataPair.CONTINUED;
        MetadataPair cwd = new MetadataPair();
        cwd.tail[0] = SUPERBLOCK_PAIR[0];
        cwd.tail[1] = SUPERBLOCK_PAIR[1];
        for (long i = 0; i < Integer.toUnsignedLong(io.blockCount); i++) {
            if (MetadataPair.isNull(cwd.tail)) {
                return;
            }
            pairs.fetch(cwd, cwd.tail);
            if (!pdir.continued()) {
                MetadataPair parent = new MetadataPair();
                DirEntry entry = new DirEntry();
                if (!parent(pdir.tail, parent, entry)) {
                    pdir.setTail(cwd.tail);
                    pairs.commit(pdir);
                    return;
                }
                if (!MetadataPair.sameBlocks(entry.pair(), pdir.tail)) {
                    pdir.setTail(entry.pair());
                    pairs.commit(pdir);
                    return;
                }
            }
            DirEntry entry = new DirEntry();
            while (dirs.next(cwd, entry)) {
                if ((entry.type & DirEntry.MOVING) != 0) {
                    if (moved(entry)) {
                        dirs.remove(cwd, entry);
                    } else {
                        entry.type &= ~DirEntry.MOVING;
                        dirs.update(cwd, entry, null);
                    }
                }
            }
            pdir.copyFrom(cwd);
        }
        throw new LfsError(LfsError.CORRUPT);
    }

    private void deorphanOnce() {
        if (!deorphaned) {
            deorphan();
        }
    }

    // ---- paths ----

    private static boolean hasSlash(byte[] path, int from) {
        for (int i = from; i < path.length; i++) {
            if (path[i] == '/') {
                return true;
            }
        }
        return false;
    }

    /** The rest of a path from where a walk stopped: the name an entry gets. */
    private static byte[] rest(byte[] path, int from) {
        return java.util.Arrays.copyOfRange(path, from, path.length);
    }

    /** A new entry's name length as its one byte holds it. */
    private static int nameLength(byte[] name) {
        return name.length & 0xff;
    }

    // ---- operations ----

    /** What stat tells: type and, for files, size. */
    record Info(int type, long size, byte[] name) {
        boolean isFile() {
            return type == DirEntry.REG;
        }
    }

    Info stat(byte[] path) {
        MetadataPair cwd = new MetadataPair();
        DirEntry entry = new DirEntry();
        if (!dirs.find(cwd, entry, path, new Directories.Walk())) {
            throw new LfsError(LfsError.NOENT);
        }
        byte[] name;
        if (!MetadataPair.overlap(entry.pair(), root)) {
            // the name is read as littlefs does (it compares the extension with the root pair, whatever the type)
            name = new byte[entry.nlen];
            io.bdRead(cwd.pair[0], entry.nameOffset(), name, 0, entry.nlen);
        } else {
            name = new byte[] {'/'};
        }
        return new Info(entry.type, entry.type == DirEntry.REG ? Integer.toUnsignedLong(entry.u1) : 0, name);
    }

    void mkdir(byte[] path) {
        deorphanOnce();
        MetadataPair cwd = new MetadataPair();
        DirEntry entry = new DirEntry();
        Directories.Walk walk = new Directories.Walk();
        if (dirs.find(cwd, entry, path, walk)) {
            throw new LfsError(LfsError.EXIST);
        }
        if (hasSlash(path, walk.at)) {
            throw new LfsError(LfsError.NOENT);
        }
        byte[] name = rest(path, walk.at);
        allocator.ack();
        MetadataPair dir = new MetadataPair();
        pairs.alloc(dir);
        dir.setTail(cwd.tail);
        pairs.commit(dir);

        entry.type = DirEntry.DIR;
        entry.elen = DirEntry.FIXED - 4;
        entry.alen = 0;
        entry.nlen = nameLength(name);
        entry.u0 = dir.pair[0];
        entry.u1 = dir.pair[1];
        // the new pair joins the list right after the parent's last block
        cwd.setTail(dir.pair);
        dirs.append(cwd, entry, name);
        allocator.ack();
    }

    /** Removes a file or an empty directory. */
    void remove(byte[] path) {
        deorphanOnce();
        MetadataPair cwd = new MetadataPair();
        DirEntry entry = new DirEntry();
        Directories.Walk walk = new Directories.Walk();
        if (!dirs.find(cwd, entry, path, walk)) {
            throw new LfsError(LfsError.NOENT);
        }
        MetadataPair dir = new MetadataPair();
        if (entry.type == DirEntry.DIR) {
            pairs.fetch(dir, entry.u0, entry.u1);
            if (dir.size != MetadataPair.EMPTY) {
                throw new LfsError(LfsError.NOTEMPTY);
            }
        }
        if (!walk.descended) {
            // the root has no entry to remove
            throw new LfsError(LfsError.INVAL);
        }
        dirs.remove(cwd, entry);
        if (entry.type == DirEntry.DIR) {
            // unlink the directory's pair from the list
            predecessor(dir.pair, cwd);
            cwd.setTail(dir.tail);
            pairs.commit(cwd);
        }
    }

    void rename(byte[] oldPath, byte[] newPath) {
        deorphanOnce();
        MetadataPair oldCwd = new MetadataPair();
        DirEntry oldEntry = new DirEntry();
        Directories.Walk oldWalk = new Directories.Walk();
        if (!dirs.find(oldCwd, oldEntry, oldPath, oldWalk)) {
            throw new LfsError(LfsError.NOENT);
        }
        if (!oldWalk.descended) {
            throw new LfsError(LfsError.INVAL);
        }
        // mark the old entry, so that a power loss from here on leaves one of the two
        oldEntry.type |= DirEntry.MOVING;
        dirs.update(oldCwd, oldEntry, null);

        MetadataPair newCwd = new MetadataPair();
        DirEntry prevEntry = new DirEntry();
        Directories.Walk newWalk = new Directories.Walk();
        boolean prevExists = dirs.find(newCwd, prevEntry, newPath, newWalk);
        if (!prevExists && hasSlash(newPath, newWalk.at)) {
            throw new LfsError(LfsError.NOENT);
        }
        if (prevExists && prevEntry.type != (oldEntry.type & 0x7f)) {
            throw new LfsError(LfsError.ISDIR);
        }
        MetadataPair dir = new MetadataPair();
        if (prevExists && prevEntry.type == DirEntry.DIR) {
            pairs.fetch(dir, prevEntry.u0, prevEntry.u1);
            if (dir.size != MetadataPair.EMPTY) {
                throw new LfsError(LfsError.NOTEMPTY);
            }
            if (!newWalk.descended) {
                throw new LfsError(LfsError.INVAL);
            }
        }

        byte[] name = rest(newPath, newWalk.at);
        DirEntry newEntry = new DirEntry();
        newEntry.copyFrom(oldEntry);
        newEntry.off = prevEntry.off;
        newEntry.type &= ~DirEntry.MOVING;
        newEntry.nlen = nameLength(name);
        if (prevExists) {
            dirs.update(newCwd, newEntry, name);
        } else {
            dirs.append(newCwd, newEntry, name);
        }

        // the old entry's block may have changed: look it up again, moving mark and all
        moving = true;
        if (!dirs.find(oldCwd, oldEntry, oldPath, new Directories.Walk())) {
            throw new LfsError(LfsError.NOENT);
        }
        moving = false;
        dirs.remove(oldCwd, oldEntry);

        if (prevExists && prevEntry.type == DirEntry.DIR) {
            predecessor(dir.pair, newCwd);
            newCwd.setTail(dir.tail);
            pairs.commit(newCwd);
        }
    }

    // ---- directory listings ----

    /** Opens a listing of a directory; it reads "." and ".." first. */
    MetadataPair openDirectory(byte[] path) {
        MetadataPair dir = new MetadataPair();
        dir.pair[0] = root[0];
        dir.pair[1] = root[1];
        DirEntry entry = new DirEntry();
        if (!dirs.find(dir, entry, path, new Directories.Walk())) {
            throw new LfsError(LfsError.NOENT);
        }
        if (entry.type != DirEntry.DIR) {
            throw new LfsError(LfsError.NOTDIR);
        }
        pairs.fetch(dir, entry.u0, entry.u1);
        dir.head[0] = dir.pair[0];
        dir.head[1] = dir.pair[1];
        dir.pos = MetadataPair.HEADER - 2;
        dir.off = MetadataPair.HEADER;
        listings.add(new WeakReference<>(dir));
        return dir;
    }

    void closeDirectory(MetadataPair dir) {
        listings.removeIf(r -> r.get() == null || r.get() == dir);
    }

    /** The next entry of a listing, or null at its end. */
    Info readDirectory(MetadataPair dir) {
        if (dir.pos == MetadataPair.HEADER - 2) {
            dir.pos++;
            return new Info(DirEntry.DIR, 0, new byte[] {'.'});
        }
        if (dir.pos == MetadataPair.HEADER - 1) {
            dir.pos++;
            return new Info(DirEntry.DIR, 0, new byte[] {'.', '.'});
        }
        DirEntry entry = new DirEntry();
        while (true) {
            if (!dirs.next(dir, entry)) {
                return null;
            }
            int kind = entry.type & 0x7f;
            if (kind != DirEntry.REG && kind != DirEntry.DIR) {
                continue;
            }
            if ((entry.type & DirEntry.MOVING) != 0) {
                if (moved(entry)) {
                    continue;
                }
                entry.type &= ~DirEntry.MOVING;
            }
            break;
        }
        byte[] name = new byte[entry.nlen];
        io.bdRead(dir.pair[0], entry.nameOffset(), name, 0, entry.nlen);
        return new Info(entry.type, entry.type == DirEntry.REG ? Integer.toUnsignedLong(entry.u1) : 0, name);
    }

    // ---- files ----

    Lfs1OpenFile open(byte[] path, int flags) {
        if ((flags & 3) != Lfs1OpenFile.O_RDONLY) {
            deorphanOnce();
        }
        MetadataPair cwd = new MetadataPair();
        DirEntry entry = new DirEntry();
        Directories.Walk walk = new Directories.Walk();
        boolean found = dirs.find(cwd, entry, path, walk);
        if (!found) {
            if (hasSlash(path, walk.at) || (flags & Lfs1OpenFile.O_CREAT) == 0) {
                throw new LfsError(LfsError.NOENT);
            }
            byte[] name = rest(path, walk.at);
            entry.type = DirEntry.REG;
            entry.elen = DirEntry.FIXED - 4;
            entry.alen = 0;
            entry.nlen = nameLength(name);
            entry.u0 = CachedBlocks.NONE;
            entry.u1 = 0;
            dirs.append(cwd, entry, name);
        } else if (entry.type == DirEntry.DIR) {
            throw new LfsError(LfsError.ISDIR);
        } else if ((flags & Lfs1OpenFile.O_EXCL) != 0) {
            throw new LfsError(LfsError.EXIST);
        }
        Lfs1OpenFile file = new Lfs1OpenFile(this, cwd.pair, entry.off, entry.u0, entry.u1, flags);
        files.add(0, file);
        return file;
    }

    void forget(Lfs1OpenFile file) {
        files.remove(file);
    }

    /** The number of blocks in use, as statvfs counts them (a block may be counted more than once). */
    long usedBlocks() {
        long[] n = {0};
        traverse(b -> n[0]++);
        return n[0];
    }
}
