package dev.mica.modules.vfs.lfs1;

import dev.mica.modules.vfs.lfs1.CachedBlocks.Cache;

/**
 * An open file. Writing never changes blocks in place: the block being written is a new one
 * (the data before the position copied in), and on flush the rest of the old file is copied
 * after what was written; the directory entry (head block and size) is updated on sync. The
 * file's own cache holds the block piece being read or programmed.
 */
final class Lfs1OpenFile {
    static final int O_RDONLY = 1;
    static final int O_WRONLY = 2;
    static final int O_RDWR = 3;
    static final int O_CREAT = 0x0100;
    static final int O_EXCL = 0x0200;
    static final int O_TRUNC = 0x0400;
    static final int O_APPEND = 0x0800;
    /** The entry on disk does not match head and size. */
    static final int F_DIRTY = 0x10000;
    /** Data has been written since the last flush. */
    static final int F_WRITING = 0x20000;
    /** Data has been read since the last flush. */
    static final int F_READING = 0x40000;
    /** A write failed: the entry is not updated on sync. */
    static final int F_ERRED = 0x80000;

    static final long FILE_MAX = 2147483647L;

    private final Lfs1 fs;
    private final CachedBlocks io;
    /** The directory block holding the entry, and the entry's offset in it. */
    final int[] pair = new int[2];
    int poff;
    int head;
    int size;
    int flags;
    int pos;
    /** The block and offset of the position being read or written. */
    int block;
    int off;
    final Cache cache;

    Lfs1OpenFile(Lfs1 fs, int[] pair, int poff, int head, int size, int flags) {
        this(fs, fs.io, new Cache(fs.io.progSize));
        this.pair[0] = pair[0];
        this.pair[1] = pair[1];
        this.poff = poff;
        this.head = head;
        this.size = size;
        this.flags = flags;
        if ((flags & O_TRUNC) != 0) {
            if (size != 0) {
                this.flags |= F_DIRTY;
            }
            this.head = CachedBlocks.NONE;
            this.size = 0;
        }
        cache.drop();
        if ((flags & 3) != O_RDONLY) {
            cache.zero();
        }
    }

    private Lfs1OpenFile(Lfs1 fs, CachedBlocks io, Cache cache) {
        this.fs = fs;
        this.io = io;
        this.cache = cache;
    }

    private static long u(int v) {
        return Integer.toUnsignedLong(v);
    }

    /** Reads up to {@code len} bytes at the position; 0 at the end. */
    int read(byte[] buf, int at, int len) {
        if ((flags & 3) == O_WRONLY) {
            throw new LfsError(LfsError.BADF);
        }
        if ((flags & F_WRITING) != 0) {
            flush();
        }
        if (u(pos) >= u(size)) {
            return 0;
        }
        int n = (int) Math.min(len, u(size) - u(pos));
        int left = n;
        int[] found = new int[2];
        while (left > 0) {
            if ((flags & F_READING) == 0 || off == io.blockSize) {
                fs.ctz.find(cache, null, head, u(size), u(pos), found);
                block = found[0];
                off = found[1];
                flags |= F_READING;
            }
            int diff = Math.min(left, io.blockSize - off);
            io.read(cache, null, block, off, buf, at, diff);
            pos += diff;
            off += diff;
            at += diff;
            left -= diff;
        }
        return n;
    }

    /** Writes {@code len} bytes at the position (at the end in append mode). */
    int write(byte[] data, int at, int len) {
        if ((flags & 3) == O_RDONLY) {
            throw new LfsError(LfsError.BADF);
        }
        if ((flags & F_READING) != 0) {
            flush();
        }
        if ((flags & O_APPEND) != 0 && u(pos) < u(size)) {
            pos = size;
        }
        if (u(pos) + len > FILE_MAX) {
            throw new LfsError(LfsError.FBIG);
        }
        if ((flags & F_WRITING) == 0 && u(pos) > u(size)) {
            // a gap after the end reads as zeros
            int target = pos;
            pos = size;
            byte[] zero = new byte[1];
            while (u(pos) < u(target)) {
                write(zero, 0, 1);
            }
        }
        int left = len;
        int[] found = new int[2];
        while (left > 0) {
            if ((flags & F_WRITING) == 0 || off == io.blockSize) {
                if ((flags & F_WRITING) == 0 && pos != 0) {
                    // find the block the write goes on from
                    try {
                        fs.ctz.find(cache, null, head, u(size), u(pos) - 1, found);
                    } catch (LfsError e) {
                        flags |= F_ERRED;
                        throw e;
                    }
                    block = found[0];
                    off = found[1];
                    cache.zero();
                }
                fs.allocator.ack();
                try {
                    fs.ctz.extend(fs.io.rcache, cache, block, u(pos), found);
                } catch (LfsError e) {
                    flags |= F_ERRED;
                    throw e;
                }
                block = found[0];
                off = found[1];
                flags |= F_WRITING;
            }
            int diff = Math.min(left, io.blockSize - off);
            while (true) {
                try {
                    int from = at;
                    BadBlock.writing(() -> io.prog(cache, io.rcache, block, off, data, from, diff));
                    break;
                } catch (BadBlock e) {
                    try {
                        relocate();
                    } catch (LfsError e2) {
                        flags |= F_ERRED;
                        throw e2;
                    }
                } catch (LfsError e) {
                    flags |= F_ERRED;
                    throw e;
                }
            }
            pos += diff;
            off += diff;
            at += diff;
            left -= diff;
            fs.allocator.ack();
        }
        flags &= ~F_ERRED;
        return len;
    }

    /** Moves what is written of the current block to a new block (the old one went bad). */
    private void relocate() {
        while (true) {
            int nblock = fs.allocator.alloc();
            try {
                BadBlock.writing(() -> io.bdErase(nblock));
                byte[] one = new byte[1];
                for (int i = 0; i < off; i++) {
                    one[0] = (byte) io.readByte(io.rcache, cache, block, i);
                    int at = i;
                    BadBlock.writing(() -> io.prog(io.pcache, io.rcache, nblock, at, one, 0, 1));
                }
            } catch (BadBlock e) {
                continue;
            }
            System.arraycopy(io.pcache.buffer, 0, cache.buffer, 0, io.progSize);
            cache.block = io.pcache.block;
            cache.off = io.pcache.off;
            io.pcache.zero();
            block = nblock;
            return;
        }
    }

    /** Ends reading (drops the cache) or writing (copies the rest of the old file, writes out the cache). */
    void flush() {
        if ((flags & F_READING) != 0) {
            cache.drop();
            flags &= ~F_READING;
        }
        if ((flags & F_WRITING) != 0) {
            int savedPos = pos;
            // the old file, read through a view of the file system's read cache
            Lfs1OpenFile orig = new Lfs1OpenFile(fs, io, new Cache(io.rcache));
            orig.head = head;
            orig.size = size;
            orig.flags = O_RDONLY;
            orig.pos = pos;
            io.rcache.drop();
            byte[] one = new byte[1];
            while (u(pos) < u(size)) {
                orig.read(one, 0, 1);
                write(one, 0, 1);
                if (io.rcache.block != CachedBlocks.NONE) {
                    orig.cache.drop();
                    io.rcache.drop();
                }
            }
            while (true) {
                try {
                    BadBlock.writing(() -> io.flush(cache, io.rcache));
                    break;
                } catch (BadBlock e) {
                    relocate();
                }
            }
            head = block;
            size = pos;
            flags &= ~F_WRITING;
            flags |= F_DIRTY;
            pos = savedPos;
        }
    }

    /** Flushes, then updates the directory entry. */
    void sync() {
        flush();
        if ((flags & F_DIRTY) != 0 && (flags & F_ERRED) == 0 && !MetadataPair.isNull(pair)) {
            MetadataPair cwd = new MetadataPair();
            fs.pairs.fetch(cwd, pair);
            DirEntry entry = new DirEntry();
            entry.off = poff;
            byte[] fixed = new byte[DirEntry.FIXED];
            io.bdRead(cwd.pair[0], poff, fixed, 0, DirEntry.FIXED);
            entry.decode(fixed);
            entry.u0 = head;
            entry.u1 = size;
            fs.dirs.update(cwd, entry, null);
            flags &= ~F_DIRTY;
        }
    }

    /** Moves the position (offset as a 32-bit signed number, as littlefs takes it); INVAL before the start. */
    int seek(int offset, int whence) {
        flush();
        int npos = pos;
        if (whence == 0) {
            npos = offset;
        } else if (whence == 1) {
            npos = pos + offset;
        } else if (whence == 2) {
            npos = size + offset;
        }
        if (npos < 0) {
            throw new LfsError(LfsError.INVAL);
        }
        pos = npos;
        return npos;
    }

    void close() {
        try {
            sync();
        } finally {
            fs.forget(this);
        }
    }
}
