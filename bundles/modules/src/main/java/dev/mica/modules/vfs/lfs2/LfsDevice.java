package dev.mica.modules.vfs.lfs2;

import java.util.HashMap;
import java.util.Map;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * A block device written in Python as littlefs uses one: the extended protocol
 * readblocks(block, buf, offset), writeblocks(block, buf, offset) and ioctl(op, arg), with
 * erase as ioctl(6, block). Reads go through a cache of {@code cacheSize} pieces that lives for
 * one file system operation, so that a device changed or failing between operations is seen.
 */
final class LfsDevice {
    static final int IOCTL_INIT = 1;
    static final int IOCTL_SYNC = 3;
    static final int IOCTL_BLOCK_COUNT = 4;
    static final int IOCTL_BLOCK_SIZE = 5;
    static final int IOCTL_BLOCK_ERASE = 6;
    private static final int EROFS = 30;

    private final PyObject readblocks;
    private final PyObject writeblocks;
    private final PyObject ioctl;
    private boolean readonly;

    final int blockSize;
    /** The device's block count (the file system may use the superblock's instead). */
    final int deviceBlockCount;
    final int readSize;
    final int progSize;
    final int cacheSize;
    /** Blocks the file system may address: set from the configuration or the superblock. */
    int blockCount;

    private final Map<Long, byte[]> pieces = new HashMap<>();

    LfsDevice(PyObject device, int readSize, int progSize) {
        this.readblocks = Ops.getAttr(device, "readblocks");
        this.writeblocks = device.getAttr("writeblocks");
        this.ioctl = device.getAttr("ioctl");
        ioctl(IOCTL_INIT, 1, false);
        this.blockSize = ioctl(IOCTL_BLOCK_SIZE, 0, true);
        this.deviceBlockCount = ioctl(IOCTL_BLOCK_COUNT, 0, true);
        this.blockCount = deviceBlockCount;
        this.readSize = Math.max(1, readSize);
        this.progSize = Math.max(1, progSize);
        this.cacheSize = Math.max(1, Math.min(blockSize, 4 * Math.max(this.readSize, this.progSize)));
    }

    /** Writes are refused from now on (mount with readonly=True). */
    void makeReadonly() {
        readonly = true;
    }

    /** ioctl(op, arg): None counts as 0 unless an int is required. */
    private int ioctl(int op, int arg, boolean mustReturnInt) {
        PyObject r;
        if (ioctl != null) {
            r = ioctl.call(new PyObject[] {PyInt.of(op), PyInt.of(arg)}, null);
        } else {
            r = PyNone.NONE;
        }
        if (!mustReturnInt && r == PyNone.NONE) {
            return 0;
        }
        if (!(r instanceof PyInt) && !(r instanceof PyBool)) {
            throw Py.typeError("can't convert " + r.type().name() + " to int");
        }
        return (int) Ops.indexValue(r, "int");
    }

    /** Forgets what was read: the start of each file system operation. */
    void dropCache() {
        pieces.clear();
    }

    private static long key(int block, int piece) {
        return ((long) block << 32) | (piece & 0xffffffffL);
    }

    /** Reads {@code len} bytes of a block at {@code off}; CORRUPT when outside the device. */
    void read(int block, int off, byte[] dst, int dstOff, int len) {
        if (off < 0 || len < 0 || (long) off + len > blockSize || block < 0 || (blockCount != 0 && Integer.compareUnsigned(block, blockCount) >= 0)) {
            throw new LfsException(LfsException.CORRUPT);
        }
        while (len > 0) {
            int piece = off / cacheSize;
            int pieceOff = piece * cacheSize;
            byte[] data = pieces.get(key(block, piece));
            if (data == null) {
                int n = Math.min(cacheSize, blockSize - pieceOff);
                data = new byte[n];
                readDirect(block, pieceOff, data);
                pieces.put(key(block, piece), data);
            }
            int n = Math.min(len, data.length - (off - pieceOff));
            System.arraycopy(data, off - pieceOff, dst, dstOff, n);
            off += n;
            dstOff += n;
            len -= n;
        }
    }

    byte[] read(int block, int off, int len) {
        byte[] b = new byte[len];
        read(block, off, b, 0, len);
        return b;
    }

    int readLe32(int block, int off) {
        byte[] b = read(block, off, 4);
        return le32(b, 0);
    }

    private void readDirect(int block, int off, byte[] into) {
        PyByteArray buf = new PyByteArray(new byte[into.length]);
        check(readblocks.call(new PyObject[] {PyInt.of(block), buf, PyInt.of(off)}, null));
        byte[] got = buf.bytes();
        System.arraycopy(got, 0, into, 0, Math.min(got.length, into.length));
    }

    /** Programs bytes into a block (already erased by the caller). */
    void prog(int block, int off, byte[] src, int srcOff, int len) {
        if (block < 0 || Integer.compareUnsigned(block, blockCount) >= 0 || off + len > blockSize) {
            throw new LfsException(LfsException.CORRUPT);
        }
        if (writeblocks == null || readonly) {
            throw new LfsException(EROFS);
        }
        byte[] data = new byte[len];
        System.arraycopy(src, srcOff, data, 0, len);
        check(writeblocks.call(new PyObject[] {PyInt.of(block), new PyByteArray(data.clone()), PyInt.of(off)}, null));
        // keep cached pieces in step with what was written
        for (int p = off / cacheSize; p * cacheSize < off + len; p++) {
            byte[] piece = pieces.get(key(block, p));
            if (piece == null) {
                continue;
            }
            int from = Math.max(off, p * cacheSize);
            int to = Math.min(off + len, p * cacheSize + piece.length);
            System.arraycopy(data, from - off, piece, from - p * cacheSize, to - from);
        }
    }

    void erase(int block) {
        if (writeblocks == null || readonly) {
            throw new LfsException(EROFS);
        }
        int r = ioctl(IOCTL_BLOCK_ERASE, block, true);
        if (r < 0) {
            throw new LfsException(-r);
        }
        for (int p = 0; p * cacheSize < blockSize; p++) {
            pieces.remove(key(block, p));
        }
    }

    void sync() {
        int r = ioctl(IOCTL_SYNC, 0, false);
        if (r < 0) {
            throw new LfsException(-r);
        }
    }

    /** A device reports failure by False or a negative number; a positive number is invalid. */
    private static void check(PyObject result) {
        if (result == PyNone.NONE || result == PyBool.TRUE) {
            return;
        }
        if (result == PyBool.FALSE) {
            throw new LfsException(LfsException.IO);
        }
        if (result instanceof PyInt) {
            long v = Ops.indexValue(result, "int");
            if (v == 0) {
                return;
            }
            throw new LfsException(v > 0 ? LfsException.INVAL : (int) -v);
        }
        throw new LfsException(LfsException.INVAL);
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
