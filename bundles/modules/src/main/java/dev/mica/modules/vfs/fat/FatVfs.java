package dev.mica.modules.vfs.fat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.mica.module.FileSystemView;
import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Errno;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyIterators;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * {@code vfs.VfsFat(block_device)}: a FAT file system on a block device written in Python,
 * with MicroPython's methods and error numbers (those of FatFs's results).
 */
public final class FatVfs extends PyObject {
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFREG = 0x8000;
    private static final int ENOTDIR = 20;
    private static final int EROFS = 30;
    private static final int NAME_MAX = 255;

    private final PyType type;
    private final ModuleEnvironment environment;
    private final BlockDevice device;
    private FatVolume volume;
    private boolean readonly;
    /** The current directory: the names from the root. */
    private List<String> cwd = new ArrayList<>();

    private FatVfs(PyType type, ModuleEnvironment environment, PyObject device) {
        this.type = type;
        this.environment = environment;
        this.device = new BlockDevice(device);
        try {
            this.volume = FatVolume.mount(this.device);
        } catch (dev.mica.obj.PyException e) {
            if (!e.matches(dev.mica.obj.PyBaseException.OS_ERROR)) {
                throw e;
            }
            // no file system yet: mount(mkfs=True) or mkfs() may make one
            this.volume = null;
        }
    }

    @Override
    public PyType type() {
        return type;
    }

    /** Makes a VfsFat on a block device (vfs.mount of a device with no mount method). */
    public static PyObject on(PyType type, ModuleEnvironment environment, PyObject device) {
        return new FatVfs(type, environment, device);
    }

    /** The interpreter's {@code VfsFat} class. */
    public static PyType newType(ModuleEnvironment environment) {
        PyType t = PyType.builtin("VfsFat", PyType.OBJECT);
        t.setConstructor((type, a, kw) -> {
            Py.checkKeywords(kw);
            if (a.length != 1) {
                throw Py.typeError("function takes 1 positional arguments but " + a.length + " were given");
            }
            return new FatVfs(type, environment, a[0]);
        });
        t.define("mkfs", new PyBuiltinFunction("mkfs", 1, 1, false, (a, kw) -> {
            FatFormat.format(new BlockDevice(a[0]));
            return PyNone.NONE;
        }));
        t.method("mount", 3, 3, a -> self(a).mount(a[1], a[2]));
        t.method("umount", 1, 1, a -> {
            FatVfs fs = self(a);
            if (fs.volume != null) {
                fs.volume.sync();
            }
            return PyNone.NONE;
        });
        t.method("open", 3, 3, a -> self(a).open(a[1], a[2]));
        t.method("chdir", 2, 2, a -> self(a).chdir(a[1]));
        t.method("getcwd", 1, 1, a -> PyStr.of("/" + String.join("/", self(a).cwd)));
        t.method("ilistdir", 1, 2, a -> self(a).ilistdir(a.length > 1 ? a[1] : PyStr.of("")));
        t.method("mkdir", 2, 2, a -> self(a).mkdir(a[1]));
        t.method("remove", 2, 2, a -> self(a).remove(a[1]));
        t.method("rename", 3, 3, a -> self(a).rename(a[1], a[2]));
        t.method("rmdir", 2, 2, a -> self(a).rmdir(a[1]));
        t.method("stat", 2, 2, a -> self(a).stat(a[1]));
        t.method("statvfs", 2, 2, a -> self(a).statvfs());
        t.orderLocals("open", "remove", "chdir", "getcwd", "ilistdir", "mkdir", "mkfs", "mount", "rename", "rmdir", "stat", "statvfs", "umount");
        return t;
    }

    private static FatVfs self(PyObject[] a) {
        FatVfs fs = (FatVfs) a[0];
        fs.device.dropCache();
        return fs;
    }

    private FatVolume volume() {
        if (volume == null) {
            throw Py.osError(Errno.ENODEV);
        }
        return volume;
    }

    private void checkWritable() {
        if (readonly || !device.writable()) {
            throw Py.osError(EROFS);
        }
    }

    /** Answers import's question about a path without building a stat tuple. */
    public FileSystemView.Kind importStat(String path) {
        try {
            Located at = locate(path);
            if (at.entry() == null) {
                return at.name() == null ? FileSystemView.Kind.DIRECTORY : FileSystemView.Kind.NONE;
            }
            return at.entry().isDirectory() ? FileSystemView.Kind.DIRECTORY : FileSystemView.Kind.FILE;
        } catch (dev.mica.obj.PyException e) {
            return FileSystemView.Kind.NONE;
        }
    }

    // ---- paths ----

    /** A path's parent directory, last name (null for the root) and entry (null when absent). */
    private record Located(FatDirectory parent, String name, FatDirectory.Entry entry, List<String> names) {}

    private List<String> parts(String path) {
        List<String> out = new ArrayList<>(path.startsWith("/") ? List.of() : cwd);
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(p);
        }
        return out;
    }

    private FatDirectory root() {
        return new FatDirectory(volume(), volume().rootCluster);
    }

    private FatDirectory directoryOf(FatDirectory.Entry e) {
        return new FatDirectory(volume(), e.cluster() == 0 ? volume().rootCluster : e.cluster());
    }

    /** Walks to a path's parent; OSError(ENOENT) when a folder on the way is missing. */
    private Located locate(String path) {
        List<String> names = parts(path);
        FatDirectory dir = root();
        List<String> shown = new ArrayList<>();
        if (names.isEmpty()) {
            return new Located(dir, null, null, shown);
        }
        for (int i = 0; i < names.size() - 1; i++) {
            FatDirectory.Entry e = dir.find(names.get(i));
            if (e == null || !e.isDirectory()) {
                throw Py.osError(Errno.ENOENT);
            }
            shown.add(e.name());
            dir = directoryOf(e);
        }
        String last = names.get(names.size() - 1);
        FatDirectory.Entry entry = dir.find(last);
        shown.add(entry != null ? entry.name() : last);
        return new Located(dir, last, entry, shown);
    }

    private static String text(PyObject path) {
        if (path instanceof PyStr s) {
            return s.value();
        }
        if (path instanceof PyBytes b) {
            return new String(b.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw Py.typeError("can't convert '" + path.type().name() + "' object to str implicitly");
    }

    // ---- the vfs methods ----

    private PyObject mount(PyObject readonlyArg, PyObject mkfs) {
        if (volume == null && mkfs.isTrue()) {
            FatFormat.format(device);
            volume = FatVolume.mount(device);
        }
        volume();
        readonly = readonlyArg.isTrue();
        return PyNone.NONE;
    }

    private PyObject open(PyObject pathArg, PyObject modeArg) {
        if (environment.heapLocked()) {
            // MicroPython makes the file object before it looks for the file
            throw Py.error(dev.mica.obj.PyBaseException.MEMORY_ERROR, "memory allocation failed, heap is locked");
        }
        String mode = text(modeArg);
        boolean write = mode.contains("w") || mode.contains("a") || mode.contains("x") || mode.contains("+");
        if (write) {
            checkWritable();
        }
        Located at = locate(text(pathArg));
        if (at.name() == null) {
            throw Py.osError(Errno.ENOENT);
        }
        FatDirectory.Entry entry = at.entry();
        if (entry != null && entry.isDirectory()) {
            throw Py.osError(write ? Errno.EACCES : Errno.ENOENT);
        }
        if (entry != null && mode.contains("x")) {
            throw Py.osError(Errno.EEXIST);
        }
        if (entry == null) {
            if (!(mode.contains("w") || mode.contains("a") || mode.contains("x"))) {
                throw Py.osError(Errno.ENOENT);
            }
            entry = at.parent().create(FatDirectory.checkedName(at.name()), FatDirectory.ATTR_ARCHIVE, 0);
        }
        if (write && (entry.attr() & FatDirectory.ATTR_READ_ONLY) != 0) {
            throw Py.osError(Errno.EACCES);
        }
        FatFile file = new FatFile(volume(), at.parent(), entry);
        if (mode.contains("w")) {
            file.truncateToEmpty();
        }
        return environment.fileObject(file, mode);
    }

    private PyObject chdir(PyObject path) {
        Located at = locate(text(path));
        if (at.name() != null && (at.entry() == null || !at.entry().isDirectory())) {
            throw Py.osError(Errno.ENOENT);
        }
        cwd = at.names();
        return PyNone.NONE;
    }

    private PyObject ilistdir(PyObject path) {
        boolean asText = !(path instanceof PyBytes);
        Located at = locate(text(path));
        FatDirectory dir;
        if (at.name() == null) {
            dir = at.parent();
        } else if (at.entry() != null && at.entry().isDirectory()) {
            dir = directoryOf(at.entry());
        } else {
            throw Py.osError(Errno.ENOENT);
        }
        Iterator<FatDirectory.Entry> entries = dir.list().iterator();
        return new PyIterators.Native(PyIterators.ITERATOR, () -> {
            if (!entries.hasNext()) {
                return null;
            }
            FatDirectory.Entry e = entries.next();
            PyObject name = asText ? PyStr.of(e.name()) : new PyBytes(e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new PyTuple(name, PyInt.of(e.isDirectory() ? S_IFDIR : S_IFREG), PyInt.of(0), PyInt.of(e.size()));
        });
    }

    private PyObject mkdir(PyObject path) {
        checkWritable();
        Located at = locate(text(path));
        if (at.name() == null || at.entry() != null) {
            throw Py.osError(Errno.EEXIST);
        }
        String name = FatDirectory.checkedName(at.name());
        FatVolume v = volume();
        long cluster = v.allocate(0);
        if (cluster == 0) {
            throw Py.osError(Errno.EACCES);
        }
        v.clear(cluster);
        new FatDirectory(v, cluster).writeDots(at.parent().firstCluster);
        at.parent().create(name, FatDirectory.ATTR_DIRECTORY, cluster);
        v.sync();
        return PyNone.NONE;
    }

    private PyObject remove(PyObject path) {
        checkWritable();
        Located at = locate(text(path));
        if (at.entry() == null) {
            throw Py.osError(at.name() == null ? Errno.EINVAL : Errno.ENOENT);
        }
        if (at.entry().isDirectory()) {
            throw Py.osError(Errno.EISDIR);
        }
        delete(at);
        return PyNone.NONE;
    }

    private PyObject rmdir(PyObject path) {
        checkWritable();
        Located at = locate(text(path));
        if (at.entry() == null) {
            throw Py.osError(at.name() == null ? Errno.EACCES : Errno.ENOENT);
        }
        if (!at.entry().isDirectory()) {
            throw Py.osError(ENOTDIR);
        }
        if (!directoryOf(at.entry()).list().isEmpty() || at.names().equals(cwd)) {
            throw Py.osError(Errno.EACCES);
        }
        delete(at);
        return PyNone.NONE;
    }

    private void delete(Located at) {
        at.parent().delete(at.entry());
        if (at.entry().cluster() != 0) {
            volume().free(at.entry().cluster());
        }
        volume().sync();
    }

    private PyObject rename(PyObject fromArg, PyObject toArg) {
        checkWritable();
        Located from = locate(text(fromArg));
        if (from.entry() == null) {
            throw Py.osError(from.name() == null ? Errno.EINVAL : Errno.ENOENT);
        }
        Located to = locate(text(toArg));
        if (to.name() == null) {
            throw Py.osError(Errno.EINVAL);
        }
        FatDirectory.Entry old = from.entry();
        if (to.entry() != null) {
            if (to.entry().shortIndex() == old.shortIndex() && to.parent().firstCluster == from.parent().firstCluster) {
                // the same file under another letter case: replace its entry
                to = new Located(to.parent(), to.name(), null, to.names());
            } else {
                // MicroPython replaces an existing destination
                if (to.entry().isDirectory()) {
                    throw Py.osError(Errno.EACCES);
                }
                delete(to);
                to = locate(text(toArg));
            }
        }
        FatDirectory.Entry created = to.parent().create(FatDirectory.checkedName(to.name()), old.attr() | FatDirectory.ATTR_ARCHIVE, old.cluster());
        to.parent().update(created.shortIndex(), old.cluster(), old.size(), false);
        copyTimes(from.parent(), old, to.parent(), created);
        from.parent().delete(old);
        if (old.isDirectory() && old.cluster() != 0 && to.parent().firstCluster != from.parent().firstCluster) {
            new FatDirectory(volume(), old.cluster()).writeDots(to.parent().firstCluster);
        }
        volume().sync();
        return PyNone.NONE;
    }

    private static void copyTimes(FatDirectory fromDir, FatDirectory.Entry old, FatDirectory toDir, FatDirectory.Entry created) {
        toDir.setTimes(created.shortIndex(), fromDir.timesOf(old.shortIndex()));
    }

    private PyObject stat(PyObject path) {
        Located at = locate(text(path));
        if (at.name() == null) {
            return tuple(S_IFDIR, 0, 0, 0);
        }
        if (at.entry() == null) {
            throw Py.osError(Errno.ENOENT);
        }
        FatDirectory.Entry e = at.entry();
        long seconds = FatVolume.epochSeconds(e.date(), e.time());
        return tuple(e.isDirectory() ? S_IFDIR : S_IFREG, e.size(), seconds, seconds);
    }

    private static PyTuple tuple(long mode, long size, long mtime, long ctime) {
        return new PyTuple(PyInt.of(mode), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(size),
                PyInt.of(mtime), PyInt.of(mtime), PyInt.of(ctime));
    }

    private PyObject statvfs() {
        FatVolume v = volume();
        long blockSize = v.clusterBytes();
        long free = v.freeClusters();
        return new PyTuple(PyInt.of(blockSize), PyInt.of(blockSize), PyInt.of(v.entries - 2), PyInt.of(free), PyInt.of(free),
                PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(NAME_MAX));
    }
}
