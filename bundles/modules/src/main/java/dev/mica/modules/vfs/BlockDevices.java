package dev.mica.modules.vfs;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;
import dev.mica.obj.PyObject;

/** What vfs.mount does with an object that has no mount method: a block device to find a file system on. */
final class BlockDevices {
    private BlockDevices() {}

    /** The file system on a block device; OSError(ENODEV) when none is known. */
    static PyObject autodetect(PyObject device) {
        throw Py.osError(Errno.ENODEV);
    }
}
