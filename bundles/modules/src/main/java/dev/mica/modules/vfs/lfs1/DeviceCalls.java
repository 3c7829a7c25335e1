package dev.mica.modules.vfs.lfs1;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;

/**
 * The block device written in Python, seen as littlefs sees it: readblocks(block, buf, offset)
 * and writeblocks(block, buf, offset) for any part of a block, ioctl(6, block) to erase, ioctl(3, 0)
 * to sync. A device without ioctl uses the old protocol (sync() and count()). A call's result is
 * MicroPython's: None, True or 0 is success, False is EIO, a negative number is an errno, a
 * positive one EINVAL. Failures raise {@link LfsError}; a read hands over what the device put
 * in the buffer even when it reports an error.
 */
final class DeviceCalls {
    static final int IOCTL_INIT = 1;
    static final int IOCTL_SYNC = 3;
    static final int IOCTL_BLOCK_COUNT = 4;
    static final int IOCTL_BLOCK_SIZE = 5;
    static final int IOCTL_BLOCK_ERASE = 6;

    private final PyObject readblocks;
    /** Null when the device cannot be written or was mounted read-only. */
    private PyObject writeblocks;
    private final PyObject ioctl;
    private final PyObject sync;
    private final PyObject count;

    DeviceCalls(PyObject device) {
        this.readblocks = Ops.getAttr(device, "readblocks");
        this.writeblocks = device.getAttr("writeblocks");
        this.ioctl = device.getAttr("ioctl");
        this.sync = ioctl == null ? device.getAttr("sync") : null;
        this.count = ioctl == null ? Ops.getAttr(device, "count") : null;
    }

    /** From now on every write fails with EROFS (a read-only mount). */
    void forbidWrites() {
        writeblocks = null;
    }

    /** ioctl(op, arg), or what the old protocol has for it. */
    PyObject ioctl(int op, long arg) {
        if (ioctl != null) {
            return ioctl.call(new PyObject[] {PyInt.of(op), PyInt.of(arg)}, null);
        }
        if (op == IOCTL_SYNC) {
            if (sync != null) {
                sync.call(Py.NO_ARGS, null);
            }
        } else if (op == IOCTL_BLOCK_COUNT) {
            return count.call(Py.NO_ARGS, null);
        }
        return PyNone.NONE;
    }

    /** ioctl's answer as an int: None counts as 0 unless a number is required. */
    long ioctlInt(int op, long arg, boolean required) {
        PyObject r = ioctl(op, arg);
        if (!required && r == PyNone.NONE) {
            return 0;
        }
        return Ops.indexValue(r, "int");
    }

    void read(int block, int off, byte[] dst, int at, int len) {
        PyByteArray buf = new PyByteArray(new byte[len]);
        PyObject r = readblocks.call(new PyObject[] {PyInt.of(Integer.toUnsignedLong(block)), buf, PyInt.of(off)}, null);
        byte[] got = buf.bytes();
        System.arraycopy(got, 0, dst, at, Math.min(len, got.length));
        check(resultCode(r));
    }

    void prog(int block, int off, byte[] src, int at, int len) {
        if (writeblocks == null) {
            throw new LfsError(LfsError.ROFS);
        }
        byte[] data = java.util.Arrays.copyOfRange(src, at, at + len);
        PyObject r = writeblocks.call(new PyObject[] {PyInt.of(Integer.toUnsignedLong(block)), new PyByteArray(data), PyInt.of(off)}, null);
        check(resultCode(r));
    }

    void erase(int block) {
        long r = ioctlInt(IOCTL_BLOCK_ERASE, Integer.toUnsignedLong(block), true);
        check(r > 0 ? LfsError.INVAL : (int) Math.max(r, Integer.MIN_VALUE));
    }

    void sync() {
        long r = ioctlInt(IOCTL_SYNC, 0, false);
        check(r > 0 ? LfsError.INVAL : (int) Math.max(r, Integer.MIN_VALUE));
    }

    private static int resultCode(PyObject r) {
        if (r == PyNone.NONE || r == PyBool.TRUE) {
            return 0;
        }
        if (r == PyBool.FALSE) {
            return LfsError.IO;
        }
        if (r instanceof PyInt i && !i.isBig()) {
            long v = Ops.indexValue(i, "int");
            return v > 0 ? LfsError.INVAL : (int) Math.max(v, Integer.MIN_VALUE);
        }
        return LfsError.INVAL;
    }

    private static void check(int code) {
        if (code != 0) {
            throw new LfsError(code);
        }
    }
}
