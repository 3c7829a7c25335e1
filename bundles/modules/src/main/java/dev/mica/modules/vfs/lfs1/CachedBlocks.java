package dev.mica.modules.vfs.lfs1;

import dev.mica.modules.vfs.LittlefsCrc;

/**
 * Block reads and programs through littlefs v1's small caches. A read cache holds one aligned
 * piece of {@code readSize} bytes; a program cache gathers {@code progSize} bytes and writes
 * them out when full (or on sync), then reads them back through a read cache to check them when
 * one is given. Aligned requests of whole units bypass the caches. The device calls this makes
 * (their number, offsets and lengths) are littlefs's own, which matters to devices that fail.
 */
final class CachedBlocks {
    /** The block number of no block: an empty cache, a missing pair half or file head. */
    static final int NONE = -1;

    /** One cache: which block and offset its buffer holds (block NONE when it holds nothing). */
    static final class Cache {
        int block = NONE;
        int off;
        final byte[] buffer;

        Cache(int size) {
            this.buffer = new byte[size];
        }

        /** A second view of another cache's buffer, starting with what it holds. */
        Cache(Cache shared) {
            this.buffer = shared.buffer;
            this.block = shared.block;
            this.off = shared.off;
        }

        /** Forgets what the cache holds, keeping the bytes. */
        void drop() {
            block = NONE;
        }

        /** Forgets what the cache holds and fills it with erased bytes. */
        void zero() {
            java.util.Arrays.fill(buffer, (byte) 0xff);
            block = NONE;
        }
    }

    final DeviceCalls device;
    final int readSize;
    final int progSize;
    final int blockSize;
    final int blockCount;
    /** The file system's own read and program caches. */
    final Cache rcache;
    final Cache pcache;

    CachedBlocks(DeviceCalls device, int readSize, int progSize, int blockSize, int blockCount) {
        this.device = device;
        this.readSize = readSize;
        this.progSize = progSize;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.rcache = new Cache(readSize);
        this.pcache = new Cache(progSize);
        pcache.zero();
        rcache.drop();
    }

    /** Reads {@code size} bytes, from the program cache {@code pc} (may be null) when it holds them, else through {@code rc}. */
    void read(Cache rc, Cache pc, int block, int off, byte[] dst, int at, int size) {
        while (size > 0) {
            if (pc != null && block == pc.block && off >= pc.off && off < pc.off + progSize) {
                int n = Math.min(size, progSize - (off - pc.off));
                System.arraycopy(pc.buffer, off - pc.off, dst, at, n);
                at += n;
                off += n;
                size -= n;
                continue;
            }
            if (block == rc.block && off >= rc.off && off < rc.off + readSize) {
                int n = Math.min(size, readSize - (off - rc.off));
                System.arraycopy(rc.buffer, off - rc.off, dst, at, n);
                at += n;
                off += n;
                size -= n;
                continue;
            }
            if (off % readSize == 0 && size >= readSize) {
                int n = size - size % readSize;
                device.read(block, off, dst, at, n);
                at += n;
                off += n;
                size -= n;
                continue;
            }
            // the cache claims the piece before the device answers, as littlefs does
            rc.block = block;
            rc.off = off - off % readSize;
            device.read(block, rc.off, rc.buffer, 0, readSize);
        }
    }

    int readByte(Cache rc, Cache pc, int block, int off) {
        byte[] one = new byte[1];
        read(rc, pc, block, off, one, 0, 1);
        return one[0] & 0xff;
    }

    int read32(Cache rc, Cache pc, int block, int off) {
        byte[] four = new byte[4];
        read(rc, pc, block, off, four, 0, 4);
        return le32(four, 0);
    }

    /** Whether the stored bytes equal {@code data}, read one at a time. */
    boolean same(Cache rc, Cache pc, int block, int off, byte[] data, int at, int size) {
        for (int i = 0; i < size; i++) {
            if ((byte) readByte(rc, pc, block, off + i) != data[at + i]) {
                return false;
            }
        }
        return true;
    }

    int crc(Cache rc, Cache pc, int block, int off, int size, int crc) {
        for (int i = 0; i < size; i++) {
            crc = LittlefsCrc.update(crc, (byte) readByte(rc, pc, block, off + i));
        }
        return crc;
    }

    /** Writes out a program cache that holds data, then checks it through {@code rc} when given. */
    void flush(Cache pc, Cache rc) {
        if (pc.block == NONE) {
            return;
        }
        device.prog(pc.block, pc.off, pc.buffer, 0, progSize);
        if (rc != null && !same(rc, null, pc.block, pc.off, pc.buffer, 0, progSize)) {
            throw new LfsError(LfsError.CORRUPT);
        }
        pc.zero();
    }

    /** Programs {@code size} bytes through the program cache {@code pc}, checking through {@code rc} when given. */
    void prog(Cache pc, Cache rc, int block, int off, byte[] src, int at, int size) {
        while (size > 0) {
            if (block == pc.block && off >= pc.off && off < pc.off + progSize) {
                int n = Math.min(size, progSize - (off - pc.off));
                System.arraycopy(src, at, pc.buffer, off - pc.off, n);
                at += n;
                off += n;
                size -= n;
                if (off % progSize == 0) {
                    flush(pc, rc);
                }
                continue;
            }
            if (off % progSize == 0 && size >= progSize) {
                int n = size - size % progSize;
                device.prog(block, off, src, at, n);
                if (rc != null && !same(rc, null, block, off, src, at, n)) {
                    throw new LfsError(LfsError.CORRUPT);
                }
                at += n;
                off += n;
                size -= n;
                continue;
            }
            pc.block = block;
            pc.off = off - off % progSize;
        }
    }

    // ---- the file system's own caches ----

    void bdRead(int block, int off, byte[] dst, int at, int size) {
        read(rcache, null, block, off, dst, at, size);
    }

    void bdProg(int block, int off, byte[] src, int at, int size) {
        prog(pcache, null, block, off, src, at, size);
    }

    boolean bdSame(int block, int off, byte[] data, int at, int size) {
        return same(rcache, null, block, off, data, at, size);
    }

    int bdCrc(int block, int off, int size, int crc) {
        return crc(rcache, null, block, off, size, crc);
    }

    void bdErase(int block) {
        device.erase(block);
    }

    /** Forgets the read cache, writes out the program cache and syncs the device. */
    void bdSync() {
        rcache.drop();
        flush(pcache, null);
        device.sync();
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static void putLe32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
