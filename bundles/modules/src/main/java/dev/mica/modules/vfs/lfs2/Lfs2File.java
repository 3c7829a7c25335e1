package dev.mica.modules.vfs.lfs2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * An open littlefs v2 file. Small files live inline in their directory entry (kept in memory
 * while open); larger ones are CTZ skip lists, written copy-on-write: the block being written
 * is kept in memory until full or flushed, and sync commits the new head and size, with the
 * file's user attributes, to the directory.
 */
final class Lfs2File extends Lfs2.Tracked {
    static final int O_RDONLY = 1;
    static final int O_WRONLY = 2;
    static final int O_RDWR = 3;
    static final int O_CREAT = 0x0100;
    static final int O_EXCL = 0x0200;
    static final int O_TRUNC = 0x0400;
    static final int O_APPEND = 0x0800;

    private static final int F_DIRTY = 0x010000;
    private static final int F_WRITING = 0x020000;
    private static final int F_READING = 0x040000;
    private static final int F_ERRED = 0x080000;
    private static final int F_INLINE = 0x100000;

    /** A user attribute kept with the file: read at open, written at every sync. */
    static final class Attr {
        final int type;
        final byte[] buffer;

        Attr(int type, byte[] buffer) {
            this.type = type;
            this.buffer = buffer;
        }
    }

    private final Lfs2 fs;
    private final LfsDevice dev;
    private final List<Attr> attrs;
    private int flags;
    private int pos;
    /** Offset in the current block. */
    private int off;
    private int block;
    private int ctzHead;
    private int ctzSize;
    /** The data of an inline file. */
    private byte[] inline;
    /** The block being written, in memory. */
    private byte[] writing;
    private boolean writingProgrammed;
    /** The last piece read from the file's blocks. */
    private int readBlock = -1;
    private int readOff;
    private byte[] readPiece;

    Lfs2File(Lfs2 fs, byte[] path, int openFlags, List<Attr> attrs) {
        this.fs = fs;
        this.dev = fs.dev;
        this.attrs = attrs == null ? new ArrayList<>() : attrs;
        this.flags = openFlags;
        if ((openFlags & O_WRONLY) == O_WRONLY) {
            fs.forceConsistency();
        }
        Lfs2.Found f = fs.find(path);
        if (f.err != 0 && !(f.err == LfsException.NOENT && f.id != Tag.NO_ID)) {
            throw new LfsException(f.err);
        }
        m = f.dir;
        id = f.id;
        fs.tracked.add(this);
        try {
            open(f);
        } catch (RuntimeException e) {
            fs.tracked.remove(this);
            throw e;
        }
    }

    private void open(Lfs2.Found f) {
        int structType;
        byte[] structData = null;
        if (f.err == LfsException.NOENT) {
            if ((flags & O_CREAT) == 0) {
                throw new LfsException(LfsException.NOENT);
            }
            if (f.name.length > fs.nameMax) {
                throw new LfsException(LfsException.NAMETOOLONG);
            }
            try {
                fs.commit(m, List.of(
                        new Lfs2.MAttr(Tag.make(Tag.CREATE, id, 0), null),
                        new Lfs2.MAttr(Tag.make(Tag.REG, id, f.name.length), f.name),
                        new Lfs2.MAttr(Tag.make(Tag.INLINESTRUCT, id, 0), new byte[0])));
            } catch (LfsException e) {
                throw e.errno == LfsException.NOSPC ? new LfsException(LfsException.NAMETOOLONG) : e;
            }
            structType = Tag.INLINESTRUCT;
            structData = new byte[0];
        } else if ((flags & O_EXCL) != 0) {
            throw new LfsException(LfsException.EXIST);
        } else if (f.type() != Tag.REG) {
            throw new LfsException(LfsException.ISDIR);
        } else if ((flags & O_TRUNC) != 0) {
            structType = Tag.INLINESTRUCT;
            structData = new byte[0];
            flags |= F_DIRTY;
        } else {
            MetadataPair.Attr s = fs.structOf(m, id);
            structType = s.type();
            structData = s.data();
            if (structType != Tag.INLINESTRUCT) {
                byte[] d = Arrays.copyOf(structData, 8);
                ctzHead = LfsDevice.le32(d, 0);
                ctzSize = LfsDevice.le32(d, 4);
            }
        }
        for (Attr a : attrs) {
            if ((flags & O_RDONLY) == O_RDONLY) {
                MetadataPair.Entry e = fs.entry(m, id);
                MetadataPair.Attr stored = e == null ? null : e.attrs.get(Tag.USERATTR + a.type);
                if (stored != null) {
                    Arrays.fill(a.buffer, (byte) 0);
                    System.arraycopy(stored.data(), 0, a.buffer, 0, Math.min(stored.data().length, a.buffer.length));
                }
            }
            if ((flags & O_WRONLY) == O_WRONLY) {
                if (a.buffer.length > fs.attrMax) {
                    throw new LfsException(LfsException.NOSPC);
                }
                flags |= F_DIRTY;
            }
        }
        if (structType == Tag.INLINESTRUCT) {
            ctzHead = Lfs2.BLOCK_INLINE;
            ctzSize = structData.length;
            flags |= F_INLINE;
            inline = Arrays.copyOf(structData, Math.max(dev.cacheSize, structData.length));
        }
    }

    // ---- reading ----

    int read(byte[] dst, int dstOff, int len) {
        if ((flags & F_WRITING) != 0) {
            flush();
        }
        return flushedRead(dst, dstOff, len);
    }

    private int flushedRead(byte[] dst, int dstOff, int len) {
        if (pos >= ctzSize) {
            return 0;
        }
        int size = Math.min(len, ctzSize - pos);
        int left = size;
        while (left > 0) {
            if ((flags & F_READING) == 0 || off == dev.blockSize) {
                if ((flags & F_INLINE) == 0) {
                    int[] at = CtzList.find(dev, null, ctzHead, ctzSize, pos);
                    block = at[0];
                    off = at[1];
                } else {
                    block = Lfs2.BLOCK_INLINE;
                    off = pos;
                }
                flags |= F_READING;
            }
            int diff = Math.min(left, dev.blockSize - off);
            if ((flags & F_INLINE) != 0) {
                System.arraycopy(inline, off, dst, dstOff, diff);
            } else {
                readBlockData(block, off, dst, dstOff, diff);
            }
            pos += diff;
            off += diff;
            dstOff += diff;
            left -= diff;
        }
        return size;
    }

    /** Reads file data through the file's own cache piece, which lasts across calls. */
    private void readBlockData(int blk, int at, byte[] dst, int dstOff, int len) {
        int piece = dev.cacheSize;
        while (len > 0) {
            if (readPiece == null || readBlock != blk || at < readOff || at >= readOff + readPiece.length) {
                int start = at - at % piece;
                byte[] data = new byte[Math.min(piece, dev.blockSize - start)];
                dev.read(blk, start, data, 0, data.length);
                readBlock = blk;
                readOff = start;
                readPiece = data;
            }
            int n = Math.min(len, readOff + readPiece.length - at);
            System.arraycopy(readPiece, at - readOff, dst, dstOff, n);
            at += n;
            dstOff += n;
            len -= n;
        }
    }

    // ---- writing ----

    int write(byte[] src, int srcOff, int len) {
        if ((flags & F_READING) != 0) {
            flush();
        }
        if ((flags & O_APPEND) != 0 && pos < ctzSize) {
            pos = ctzSize;
        }
        if ((long) pos + len > fs.fileMax) {
            throw new LfsException(LfsException.FBIG);
        }
        if ((flags & F_WRITING) == 0 && pos > ctzSize) {
            // fill the gap with zeros
            int target = pos;
            pos = ctzSize;
            byte[] zeros = new byte[Math.min(target - pos, 4096)];
            while (pos < target) {
                flushedWrite(zeros, 0, Math.min(zeros.length, target - pos));
            }
        }
        flushedWrite(src, srcOff, len);
        flags &= ~F_ERRED;
        return len;
    }

    private void flushedWrite(byte[] src, int srcOff, int len) {
        try {
            if ((flags & F_INLINE) != 0 && Math.max(pos + len, ctzSize) > fs.inlineMax()) {
                outline();
            }
            while (len > 0) {
                if ((flags & F_WRITING) == 0 || off == dev.blockSize) {
                    if ((flags & F_INLINE) == 0) {
                        if ((flags & F_WRITING) == 0 && pos > 0) {
                            block = CtzList.find(dev, null, ctzHead, ctzSize, pos - 1)[0];
                        }
                        fs.allocAck();
                        byte[] content = newBlockBuffer();
                        int[] at = CtzList.extend(fs, block, pos, content);
                        startBlock(at[0], content);
                        off = at[1];
                    } else {
                        block = Lfs2.BLOCK_INLINE;
                        off = pos;
                    }
                    flags |= F_WRITING;
                }
                int diff = Math.min(len, dev.blockSize - off);
                if ((flags & F_INLINE) != 0) {
                    System.arraycopy(src, srcOff, inline, off, diff);
                } else {
                    System.arraycopy(src, srcOff, writing, off, diff);
                    if (off + diff == dev.blockSize) {
                        programWriting(dev.blockSize);
                    }
                }
                pos += diff;
                off += diff;
                srcOff += diff;
                len -= diff;
                fs.allocAck();
            }
        } catch (LfsException e) {
            flags |= F_ERRED;
            throw e;
        }
    }

    private byte[] newBlockBuffer() {
        byte[] b = new byte[dev.blockSize];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }

    private void startBlock(int blk, byte[] content) {
        block = blk;
        writing = content;
        writingProgrammed = false;
        if (readBlock == blk) {
            readPiece = null;
        }
    }

    /** Programs the block being written up to {@code end} (rounded up to the program size). */
    private void programWriting(int end) {
        if (writingProgrammed) {
            return;
        }
        int n = Math.min(dev.blockSize, Lfs2.alignUp(end, dev.progSize));
        if (n > 0) {
            dev.prog(block, 0, writing, 0, n);
        }
        writingProgrammed = true;
    }

    /** Moves an inline file into a block of its own. */
    private void outline() {
        off = pos;
        fs.allocAck();
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
            byte[] content = newBlockBuffer();
            if ((flags & F_INLINE) != 0) {
                System.arraycopy(inline, 0, content, 0, off);
            } else {
                System.arraycopy(writing, 0, content, 0, off);
            }
            startBlock(nblock, content);
            flags |= F_WRITING;
            flags &= ~F_INLINE;
            return;
        }
    }

    /** Ends reading or writing: a written file gets the rest of its old data copied after the new. */
    void flush() {
        if ((flags & F_READING) != 0) {
            if ((flags & F_INLINE) == 0) {
                readPiece = null;
            }
            flags &= ~F_READING;
        }
        if ((flags & F_WRITING) != 0) {
            int saved = pos;
            if ((flags & F_INLINE) == 0) {
                if (pos < ctzSize) {
                    Reader orig = new Reader(ctzHead, ctzSize, pos);
                    byte[] chunk = new byte[Math.min(dev.blockSize, 256)];
                    while (pos < ctzSize) {
                        int n = orig.read(chunk, Math.min(chunk.length, ctzSize - pos));
                        flushedWrite(chunk, 0, n);
                    }
                }
                programWriting(off);
            } else {
                pos = Math.max(pos, ctzSize);
            }
            ctzHead = block;
            ctzSize = pos;
            flags &= ~F_WRITING;
            flags |= F_DIRTY;
            pos = saved;
        }
    }

    /** Reads the file as it was before this round of writing. */
    private final class Reader {
        private final int head;
        private final int size;
        private int at;
        private int rblock;
        private int roff = -1;

        Reader(int head, int size, int at) {
            this.head = head;
            this.size = size;
            this.at = at;
        }

        int read(byte[] dst, int len) {
            int n = Math.min(len, size - at);
            int done = 0;
            while (done < n) {
                if (roff < 0 || roff == dev.blockSize) {
                    int[] where = CtzList.find(dev, null, head, size, at);
                    rblock = where[0];
                    roff = where[1];
                }
                int diff = Math.min(n - done, dev.blockSize - roff);
                dev.read(rblock, roff, dst, done, diff);
                roff += diff;
                at += diff;
                done += diff;
            }
            return n;
        }
    }

    void sync() {
        if ((flags & F_ERRED) != 0) {
            return;
        }
        try {
            flush();
        } catch (LfsException e) {
            flags |= F_ERRED;
            throw e;
        }
        if ((flags & F_DIRTY) != 0 && !MetadataPair.isNull(m.pair)) {
            List<Lfs2.MAttr> a = new ArrayList<>();
            if ((flags & F_INLINE) != 0) {
                a.add(new Lfs2.MAttr(Tag.make(Tag.INLINESTRUCT, id, ctzSize), Arrays.copyOf(inline, ctzSize)));
            } else {
                a.add(new Lfs2.MAttr(Tag.make(Tag.CTZSTRUCT, id, 8), Lfs2.pairBytes(new int[] {ctzHead, ctzSize})));
            }
            for (Attr at : attrs) {
                a.add(new Lfs2.MAttr(Tag.make(Tag.USERATTR + at.type, id, at.buffer.length), at.buffer.clone()));
            }
            try {
                fs.commit(m, a);
            } catch (LfsException e) {
                flags |= F_ERRED;
                throw e;
            }
            flags &= ~F_DIRTY;
        }
    }

    void close() {
        try {
            sync();
        } finally {
            fs.tracked.remove(this);
        }
    }

    int seek(long offset, int whence) {
        long npos;
        if (whence == 0) {
            npos = offset;
        } else if (whence == 1) {
            if (pos + offset < 0) {
                throw new LfsException(LfsException.INVAL);
            }
            npos = pos + offset;
        } else if (whence == 2) {
            long r = size() + offset;
            if (r < 0) {
                throw new LfsException(LfsException.INVAL);
            }
            npos = r;
        } else {
            npos = pos;
        }
        if (npos > fs.fileMax) {
            throw new LfsException(LfsException.INVAL);
        }
        if (pos == npos) {
            return pos;
        }
        flush();
        pos = (int) npos;
        return pos;
    }

    int tell() {
        return pos;
    }

    int size() {
        if ((flags & F_WRITING) != 0) {
            return Math.max(pos, ctzSize);
        }
        return ctzSize;
    }

    /** Reports the blocks this open file holds that the directory does not know of yet. */
    void traverseBlocks(IntConsumer each) {
        CtzList.FileBlock current = (flags & F_WRITING) != 0 && writing != null ? new CtzList.FileBlock(block, writing) : null;
        if ((flags & F_DIRTY) != 0 && (flags & F_INLINE) == 0) {
            CtzList.traverse(dev, current, ctzHead, ctzSize, each);
        }
        if ((flags & F_WRITING) != 0 && (flags & F_INLINE) == 0) {
            CtzList.traverse(dev, current, block, pos, each);
        }
    }
}
