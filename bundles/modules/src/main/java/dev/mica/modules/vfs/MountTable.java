package dev.mica.modules.vfs;

import java.util.ArrayList;
import java.util.List;

import dev.mica.module.FileSystemView;
import dev.mica.modules.vfs.fat.FatVfs;
import dev.mica.modules.vfs.lfs1.VfsLfs1;
import dev.mica.modules.vfs.lfs2.VfsLfs2;
import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyByteArray;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyIterators;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * One interpreter's mount table, as MicroPython's VFS layer keeps it: file systems (any object
 * with the vfs methods: mount, umount, open, ilistdir, stat, ...) mounted at top-level folders
 * or at "/", and a current file system. The os functions and the built-in open() and import go
 * through it. At first the host file system (confined to the storage root) is mounted at "/".
 */
public final class MountTable implements FileSystemView {
    /** A mounted file system: {@code point} is "/" or "/name". */
    record Mount(String point, PyObject fs) {
        boolean atRoot() {
            return point.length() == 1;
        }
    }

    /** Where a path leads: a mount and the path inside it, the virtual root, or nowhere. */
    private record Lookup(Mount mount, String inner, boolean root) {
        static final Lookup ROOT = new Lookup(null, null, true);
        static final Lookup NONE = new Lookup(null, null, false);
    }

    private static final int STREAM_CLOSE = 4;
    private static final int STREAM_GET_BUFFER_SIZE = 11;
    /** Most bytes an import reads at once from a file system written in Python. */
    private static final int MAX_READ_CHUNK = 255;

    private final ModuleEnvironment environment;
    private final PyType posixType;
    private final PyType fatType;
    private final PyType lfs1Type;
    private final PyType lfs2Type;
    /** The mounts, anything mounted at "/" last. */
    private final List<Mount> mounts = new ArrayList<>();
    /** The current file system, or null for the virtual root. */
    private Mount current;
    /** The file system first mounted at "/": import looks up its paths on the host itself. */
    private final PosixVfs hostRoot;

    private MountTable(ModuleEnvironment environment) {
        this.environment = environment;
        this.posixType = PosixVfs.newType(environment);
        this.fatType = FatVfs.newType(environment);
        this.lfs1Type = VfsLfs1.newType(environment);
        this.lfs2Type = VfsLfs2.newType(environment);
        this.hostRoot = new PosixVfs(posixType, environment, null);
        Mount root = new Mount("/", hostRoot);
        mounts.add(root);
        current = root;
    }

    /** The interpreter's mount table, made and installed for open() and import on first use. */
    public static synchronized MountTable of(ModuleEnvironment environment) {
        if (environment.fileSystemView() instanceof MountTable table) {
            return table;
        }
        MountTable table = new MountTable(environment);
        environment.useFileSystemView(table);
        return table;
    }

    /** The {@code VfsFat} class of this interpreter. */
    public PyType fatType() {
        return fatType;
    }

    /** The {@code VfsLfs1} class of this interpreter. */
    public PyType lfs1Type() {
        return lfs1Type;
    }

    /** The {@code VfsLfs2} class of this interpreter. */
    public PyType lfs2Type() {
        return lfs2Type;
    }

    /** The {@code VfsPosix} class of this interpreter. */
    public PyType posixType() {
        return posixType;
    }

    // ---- looking up paths ----

    private Lookup lookup(String path) {
        if (path.startsWith("/") || current == null) {
            boolean absolute = path.startsWith("/");
            String rest = absolute ? path.substring(1) : path;
            if (rest.isEmpty()) {
                return Lookup.ROOT;
            }
            for (Mount m : mounts) {
                if (m.atRoot()) {
                    return new Lookup(m, absolute ? "/" + rest : rest, false);
                }
                String name = m.point().substring(1);
                if (rest.startsWith(name)) {
                    if (rest.length() == name.length()) {
                        return new Lookup(m, "/", false);
                    }
                    if (rest.charAt(name.length()) == '/') {
                        return new Lookup(m, rest.substring(name.length()), false);
                    }
                }
            }
            return Lookup.NONE;
        }
        return new Lookup(current, path, false);
    }

    private static PyObject call(Lookup where, String method, PyObject... args) {
        if (where.root()) {
            throw Py.osError(Errno.EPERM);
        }
        if (where.mount() == null) {
            throw Py.osError(Errno.ENODEV);
        }
        return VfsCalls.callMethod(where.mount().fs(), method, args);
    }

    /** The path inside the file system that {@code where} found (the path itself when none was found). */
    private static PyObject inner(Lookup where, PyObject like) {
        return where.inner() == null ? like : VfsCalls.sameKind(like, where.inner());
    }

    // ---- mount and umount ----

    /** vfs.mount(fs, mount_point, *, readonly=False, mkfs=False). */
    public void mount(PyObject fs, PyObject mountPoint, PyObject readonly, PyObject mkfs) {
        String point = VfsCalls.pathText(mountPoint);
        if (fs.getAttr("mount") == null) {
            // a block device: littlefs v1 or v2 when a superblock says so, else FAT
            PyObject lfs1 = VfsLfs1.detect(lfs1Type, environment, fs);
            fs = lfs1 != null ? lfs1
                    : VfsLfs2.detect(fs) ? VfsLfs2.on(lfs2Type, environment, fs) : FatVfs.on(fatType, environment, fs);
        }
        Mount mount = new Mount(point, fs);
        VfsCalls.callMethod(fs, "mount", readonly, mkfs);
        Lookup existing = lookup(point);
        if (existing.mount() != null && !(point.length() != 1 && existing.mount().atRoot())) {
            throw Py.osError(Errno.EPERM);
        }
        int at = mounts.size();
        for (int i = 0; i < mounts.size(); i++) {
            if (mounts.get(i).atRoot()) {
                at = i;
                break;
            }
        }
        mounts.add(at, mount);
    }

    /** vfs.umount(mount_point or fs). */
    public void umount(PyObject which) {
        Mount found = null;
        String point = which instanceof PyStr s ? s.value() : null;
        for (Mount m : mounts) {
            if ((point != null && point.equals(m.point())) || m.fs() == which) {
                found = m;
                break;
            }
        }
        if (found == null) {
            throw Py.osError(Errno.EINVAL);
        }
        mounts.remove(found);
        if (current == found) {
            current = null;
        }
        VfsCalls.callMethod(found.fs(), "umount");
    }

    // ---- the os functions ----

    public PyObject open(PyObject file, PyObject mode) {
        Lookup where = lookup(VfsCalls.pathText(file));
        return call(where, "open", inner(where, file), mode);
    }

    public void chdir(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        if (where.root()) {
            for (Mount m : mounts) {
                if (m.atRoot()) {
                    VfsCalls.callMethod(m.fs(), "chdir", PyStr.of("/"));
                    break;
                }
            }
            current = null;
            return;
        }
        call(where, "chdir", inner(where, path));
        current = where.mount();
    }

    public PyObject getcwd() {
        if (current == null) {
            return PyStr.of("/");
        }
        PyObject cwd = VfsCalls.callMethod(current.fs(), "getcwd");
        if (current.atRoot()) {
            return cwd;
        }
        String inside = VfsCalls.pathText(cwd);
        return PyStr.of(inside.equals("/") ? current.point() : current.point() + inside);
    }

    public PyObject ilistdir(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        if (!where.root()) {
            return call(where, "ilistdir", inner(where, path));
        }
        boolean text = !(path instanceof PyBytes);
        List<Mount> snapshot = new ArrayList<>(mounts);
        return new PyIterators.Native(PyIterators.ITERATOR, new java.util.function.Supplier<>() {
            private int next;
            private PyObject delegate;

            @Override
            public PyObject get() {
                if (delegate != null) {
                    return delegate.next();
                }
                if (next >= snapshot.size()) {
                    return null;
                }
                Mount m = snapshot.get(next++);
                if (m.atRoot()) {
                    delegate = VfsCalls.callMethod(m.fs(), "ilistdir", PyStr.of("/")).iter();
                    return delegate.next();
                }
                String name = m.point().substring(1);
                return new PyTuple(text ? PyStr.of(name) : new PyBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        PyInt.of(VfsCalls.S_IFDIR), PyInt.of(0));
            }
        });
    }

    public PyList listdir(PyObject path) {
        PyObject it = ilistdir(path).iter();
        PyList names = new PyList();
        for (PyObject entry = it.next(); entry != null; entry = it.next()) {
            names.append(entry.getItem(PyInt.of(0)));
        }
        return names;
    }

    public void mkdir(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        if (where.root() || (where.mount() != null && where.inner().equals("/"))) {
            throw Py.osError(Errno.EEXIST);
        }
        call(where, "mkdir", inner(where, path));
    }

    public void remove(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        call(where, "remove", inner(where, path));
    }

    public void rename(PyObject oldPath, PyObject newPath) {
        Lookup from = lookup(VfsCalls.pathText(oldPath));
        Lookup to = lookup(VfsCalls.pathText(newPath));
        if (from.mount() != to.mount() || from.root() != to.root()) {
            throw Py.osError(Errno.EPERM);
        }
        call(from, "rename", inner(from, oldPath), inner(to, newPath));
    }

    public void rmdir(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        call(where, "rmdir", inner(where, path));
    }

    public PyObject stat(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        if (where.root()) {
            return VfsCalls.tuple(VfsCalls.S_IFDIR, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return call(where, "stat", inner(where, path));
    }

    public PyObject statvfs(PyObject path) {
        Lookup where = lookup(VfsCalls.pathText(path));
        if (where.root()) {
            for (Mount m : mounts) {
                if (m.atRoot()) {
                    return VfsCalls.callMethod(m.fs(), "statvfs", PyStr.of("/"));
                }
            }
            return VfsCalls.tuple(0, 0, 0, 0, 0, 0, 0, 0, 0, PATH_MAX);
        }
        return call(where, "statvfs", inner(where, path));
    }

    /** The longest path MicroPython's unix port handles (its f_namemax for an empty root). */
    private static final int PATH_MAX = 4096;

    // ---- open() and import (FileSystemView) ----

    @Override
    public Kind importStat(String path) {
        Lookup where = lookup(path);
        if (where.mount() == null) {
            return Kind.NONE;
        }
        PyObject fs = where.mount().fs();
        if (fs == hostRoot) {
            return Kind.HOST;
        }
        if (fs instanceof FatVfs fat) {
            return fat.importStat(where.inner());
        }
        PyObject st;
        try {
            st = VfsCalls.callMethod(fs, "stat", PyStr.of(where.inner()));
        } catch (PyException e) {
            return Kind.NONE;
        }
        PyObject[] items = Ops.toArray(st);
        if (items.length != 10) {
            throw Py.valueError("requested length 10 but object has length " + items.length);
        }
        long mode = Ops.indexValue(items[0], "int");
        return (mode & VfsCalls.S_IFDIR) != 0 ? Kind.DIRECTORY : Kind.FILE;
    }

    @Override
    public byte[] readFile(String path) {
        Lookup where = lookup(path);
        PyObject stream = call(where, "open", PyStr.of(where.inner()), PyStr.of("rb"));
        if (stream.getAttr("ioctl") == null || stream.getAttr("readinto") == null) {
            try {
                PyObject data = VfsCalls.callMethod(stream, "read");
                return data instanceof PyBytes b ? b.bytes() : VfsCalls.pathText(data).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                VfsCalls.callMethod(stream, "close");
            }
        }
        // a stream written in Python: read it as MicroPython's reader does, by its stream protocol
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            PyObject size = VfsCalls.callMethod(stream, "ioctl", PyInt.of(STREAM_GET_BUFFER_SIZE), PyInt.of(0));
            long chunk = size instanceof PyInt ? Ops.indexValue(size, "int") : 0;
            if (chunk <= 0 || chunk > MAX_READ_CHUNK) {
                chunk = MAX_READ_CHUNK;
            }
            while (true) {
                PyByteArray buf = new PyByteArray(new byte[(int) chunk]);
                PyObject got = VfsCalls.callMethod(stream, "readinto", buf);
                int n = got == PyNone.NONE ? 0 : (int) Ops.indexValue(got, "int");
                if (n <= 0) {
                    break;
                }
                out.write(buf.bytes(), 0, Math.min(n, buf.len()));
            }
        } finally {
            VfsCalls.callMethod(stream, "ioctl", PyInt.of(STREAM_CLOSE), PyInt.of(0));
        }
        return out.toByteArray();
    }

}
