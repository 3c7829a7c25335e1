package dev.mica.modules.vfs.fat;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * A block device written in Python, as MicroPython's VFS uses one: readblocks(n, buf),
 * writeblocks(n, buf) and ioctl(op, arg) (the new protocol), or sync() and count() instead of
 * ioctl (the old one, with 512-byte sectors). Recently used sectors are kept (writes go
 * through at once), so that walking a FAT does not call Python for every entry.
 */
public final class BlockDevice {
    static final int IOCTL_INIT = 1;
    static final int IOCTL_SYNC = 3;
    static final int IOCTL_BLOCK_COUNT = 4;
    static final int IOCTL_BLOCK_SIZE = 5;

    private static final int CACHED_SECTORS = 64;

    private final PyObject readblocks;
    private final PyObject writeblocks;
    private final PyObject ioctl;
    private final PyObject sync;
    private final PyObject count;
    private int sectorSize = 512;
    private final Map<Long, byte[]> cache = new LinkedHashMap<>(CACHED_SECTORS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CACHED_SECTORS;
        }
    };

    public BlockDevice(PyObject device) {
        this.readblocks = Ops.getAttr(device, "readblocks");
        this.writeblocks = device.getAttr("writeblocks");
        this.ioctl = device.getAttr("ioctl");
        this.sync = ioctl == null ? device.getAttr("sync") : null;
        this.count = ioctl == null ? Ops.getAttr(device, "count") : null;
    }

    /**
     * Forgets cached sectors, so that the next reads go to the device: done at the start of
     * each file system call, as FatFs rereads what its window does not hold.
     */
    void dropCache() {
        cache.clear();
    }

    /** Forgets one cached sector. */
    void forget(long sector) {
        cache.remove(sector);
    }

    boolean writable() {
        return writeblocks != null;
    }

    /** ioctl(op, 0), or what the old protocol has for it (None when nothing). */
    PyObject ioctl(int op) {
        if (ioctl != null) {
            return ioctl.call(new PyObject[] {PyInt.of(op), PyInt.of(0)}, null);
        }
        if (op == IOCTL_SYNC && sync != null) {
            sync.call(Py.NO_ARGS, null);
        } else if (op == IOCTL_BLOCK_COUNT) {
            return count.call(Py.NO_ARGS, null);
        }
        return PyNone.NONE;
    }

    /** Asks the device to initialise; false when it reports an error. */
    boolean initialise() {
        PyObject r = ioctl(IOCTL_INIT);
        return r == PyNone.NONE || (r instanceof PyInt && Ops.indexValue(r, "int") == 0);
    }

    /** The sector size the device reports (512 when it says nothing); kept for reads and writes. */
    int querySectorSize() {
        PyObject r = ioctl(IOCTL_BLOCK_SIZE);
        sectorSize = r == PyNone.NONE ? 512 : (int) Ops.indexValue(r, "int");
        cache.clear();
        return sectorSize;
    }

    long sectorCount() {
        return Ops.indexValue(ioctl(IOCTL_BLOCK_COUNT), "int");
    }

    int sectorSize() {
        return sectorSize;
    }

    void sync() {
        ioctl(IOCTL_SYNC);
    }

    /** Copies one sector into {@code dst} at {@code off}. */
    void read(long sector, byte[] dst, int off) {
        byte[] data = cache.get(sector);
        if (data == null) {
            PyByteArray buf = new PyByteArray(new byte[sectorSize]);
            check(readblocks.call(new PyObject[] {PyInt.of(sector), buf}, null));
            data = java.util.Arrays.copyOf(buf.bytes(), sectorSize);
            cache.put(sector, data);
        }
        System.arraycopy(data, 0, dst, off, sectorSize);
    }

    byte[] read(long sector) {
        byte[] b = new byte[sectorSize];
        read(sector, b, 0);
        return b;
    }

    /** Writes one sector from {@code src} at {@code off}. */
    void write(long sector, byte[] src, int off) {
        if (writeblocks == null) {
            throw Py.osError(30);
        }
        byte[] data = new byte[sectorSize];
        System.arraycopy(src, off, data, 0, sectorSize);
        check(writeblocks.call(new PyObject[] {PyInt.of(sector), new PyByteArray(data.clone())}, null));
        cache.put(sector, data);
    }

    /** A device reports failure by False or a negative number. */
    private static void check(PyObject result) {
        if (result == PyNone.NONE || result == PyBool.TRUE) {
            return;
        }
        if (result == PyBool.FALSE) {
            throw Py.osError(Errno.EIO);
        }
        if (!(result instanceof PyInt) || Ops.indexValue(result, "int") != 0) {
            throw Py.osError(Errno.EIO);
        }
    }
}
