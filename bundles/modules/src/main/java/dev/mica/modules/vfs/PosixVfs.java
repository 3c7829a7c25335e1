package dev.mica.modules.vfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Map;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Errno;
import dev.mica.obj.Py;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyIterators;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * {@code vfs.VfsPosix([root])}: the host file system (inside the app's storage root when there
 * is one). Without a root, names are the program's file names; with one, absolute names start
 * at that folder, and relative names start at the program's current directory, as the unix
 * port's VfsPosix does with the process's current directory.
 */
final class PosixVfs extends PyObject {
    private final PyType type;
    private final ModuleEnvironment environment;
    /** The root folder as the program named it, ending in "/", or null. */
    private final String root;
    private boolean readonly;

    PosixVfs(PyType type, ModuleEnvironment environment, String root) {
        this.type = type;
        this.environment = environment;
        this.root = root;
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        return "<VfsPosix>";
    }

    static PyType newType(ModuleEnvironment environment) {
        PyType t = PyType.builtin("VfsPosix", PyType.OBJECT);
        t.setConstructor((type, a, kw) -> {
            Py.checkKeywords(kw);
            if (a.length > 1) {
                throw Py.typeError("function expected at most 1 arguments, got " + a.length);
            }
            String root = null;
            if (a.length == 1) {
                String name = VfsCalls.pathText(a[0]);
                if (!name.isEmpty() && !name.startsWith("/")) {
                    String cwd = existingCurrentDirectory(environment);
                    name = (cwd.endsWith("/") ? cwd : cwd + "/") + name;
                }
                root = name + "/";
            }
            return new PosixVfs(type, environment, root);
        });
        t.method("mount", 3, 3, a -> self(a).mount(a[1], a[2]));
        t.method("umount", 1, 1, a -> PyNone.NONE);
        t.method("open", 3, 3, a -> self(a).open(a[1], a[2]));
        t.method("chdir", 2, 2, a -> {
            environment.changeDirectory(self(a).name(a[1]));
            return PyNone.NONE;
        });
        t.method("getcwd", 1, 1, a -> self(a).getcwd());
        t.method("ilistdir", 2, 2, a -> self(a).ilistdir(a[1]));
        t.method("mkdir", 2, 2, a -> self(a).mkdir(a[1]));
        t.method("remove", 2, 2, a -> self(a).remove(a[1]));
        t.method("rename", 3, 3, a -> self(a).rename(a[1], a[2]));
        t.method("rmdir", 2, 2, a -> self(a).rmdir(a[1]));
        t.method("stat", 2, 2, a -> self(a).stat(a[1]));
        t.method("statvfs", 2, 2, a -> self(a).statvfs(a[1]));
        t.orderLocals("open", "remove", "chdir", "getcwd", "ilistdir", "mkdir", "mount", "rename", "rmdir", "stat", "statvfs", "umount");
        return t;
    }

    private static PosixVfs self(PyObject[] a) {
        return (PosixVfs) a[0];
    }

    /** The program's file name for a path given to this file system. */
    private String name(PyObject path) {
        String p = VfsCalls.pathText(path);
        if (root == null || !p.startsWith("/")) {
            return p;
        }
        return root.substring(0, root.length() - 1) + p;
    }

    private Path host(PyObject path) {
        return environment.resolvePath(name(path));
    }

    private PyObject mount(PyObject readonlyArg, PyObject mkfs) {
        if (readonlyArg.isTrue()) {
            readonly = true;
        }
        if (mkfs.isTrue()) {
            throw Py.osError(Errno.EPERM);
        }
        return PyNone.NONE;
    }

    private PyObject open(PyObject path, PyObject modeArg) {
        String mode = VfsCalls.pathText(modeArg);
        if (readonly && (mode.contains("w") || mode.contains("a") || mode.contains("+"))) {
            throw Py.osError(VfsCalls.EROFS);
        }
        return environment.openFile(host(path), mode);
    }

    /** The current directory; OSError(ENOENT) when it was removed, as getcwd() fails on Linux then. */
    private static String existingCurrentDirectory(ModuleEnvironment environment) {
        String cwd = environment.currentDirectory();
        if (!Files.isDirectory(environment.resolvePath(cwd))) {
            throw Py.osError(Errno.ENOENT);
        }
        return cwd;
    }

    private PyObject getcwd() {
        String cwd = existingCurrentDirectory(environment);
        if (root != null) {
            int keep = root.length() - 1;
            cwd = cwd.length() >= keep ? cwd.substring(keep) : "";
        }
        return PyStr.of(cwd);
    }

    private PyObject ilistdir(PyObject path) {
        boolean text = !(path instanceof PyBytes);
        String n = name(path);
        Path dir = environment.resolvePath(n.isEmpty() ? "." : n);
        // read the whole listing at once, so that no host directory handle outlives the call
        java.util.List<PyObject> entries = new java.util.ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                String fileName = entry.getFileName().toString();
                PyObject shown = VfsCalls.sameKind(text ? PyStr.of("") : PyBytes.EMPTY, fileName);
                entries.add(new PyTuple(shown, PyInt.of(typeBits(entry)), PyInt.of(inode(entry))));
            }
        } catch (IOException e) {
            throw error(e);
        }
        Iterator<PyObject> it = entries.iterator();
        return new PyIterators.Native(PyIterators.ITERATOR, () -> it.hasNext() ? it.next() : null);
    }

    /** The file-type bits of st_mode, as a directory entry's type (links not followed). */
    private static int typeBits(Path p) {
        if (Files.isSymbolicLink(p)) {
            return 0xa000;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return VfsCalls.S_IFDIR;
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return VfsCalls.S_IFREG;
        }
        return 0;
    }

    private static long inode(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return ino instanceof Number n ? n.longValue() : 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    private PyObject mkdir(PyObject path) {
        try {
            Files.createDirectory(host(path));
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    private PyObject remove(PyObject path) {
        Path p = host(path);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw Py.osError(Errno.EISDIR);
        }
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    private PyObject rmdir(PyObject path) {
        Path p = host(path);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw Py.osError(VfsCalls.ENOTDIR);
        }
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    private PyObject rename(PyObject from, PyObject to) {
        try {
            Files.move(host(from), host(to), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw error(e);
        }
        return PyNone.NONE;
    }

    private PyObject stat(PyObject path) {
        Path p = host(path);
        try {
            Map<String, Object> unix = Files.readAttributes(p, "unix:mode,ino,dev,nlink,uid,gid,size,lastAccessTime,lastModifiedTime,ctime");
            return VfsCalls.tuple(number(unix.get("mode")), number(unix.get("ino")), number(unix.get("dev")),
                    number(unix.get("nlink")), number(unix.get("uid")), number(unix.get("gid")), number(unix.get("size")),
                    seconds(unix.get("lastAccessTime")), seconds(unix.get("lastModifiedTime")), seconds(unix.get("ctime")));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            try {
                BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class);
                long mode = b.isDirectory() ? VfsCalls.S_IFDIR | 0755 : VfsCalls.S_IFREG | 0644;
                return VfsCalls.tuple(mode, 0, 0, 1, 0, 0, b.size(), b.lastAccessTime().toMillis() / 1000,
                        b.lastModifiedTime().toMillis() / 1000, b.creationTime().toMillis() / 1000);
            } catch (IOException io) {
                throw error(io);
            }
        } catch (IOException e) {
            throw error(e);
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static long seconds(Object o) {
        return o instanceof java.nio.file.attribute.FileTime t ? t.toMillis() / 1000 : 0;
    }

    private PyObject statvfs(PyObject path) {
        Path p = host(path);
        try {
            FileStore store = Files.getFileStore(p);
            long blockSize = store.getBlockSize();
            return VfsCalls.tuple(blockSize, blockSize, store.getTotalSpace() / blockSize,
                    store.getUnallocatedSpace() / blockSize, store.getUsableSpace() / blockSize, 0, 0, 0, 0, 255);
        } catch (IOException | UnsupportedOperationException e) {
            throw e instanceof IOException io ? error(io) : Py.osError(Errno.EIO);
        }
    }

    /** The OSError that a failed host file operation means. */
    static PyException error(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Py.osError(Errno.ENOENT);
        }
        if (e instanceof FileAlreadyExistsException) {
            return Py.osError(Errno.EEXIST);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Py.osError(VfsCalls.ENOTEMPTY);
        }
        if (e instanceof NotDirectoryException) {
            return Py.osError(VfsCalls.ENOTDIR);
        }
        if (e instanceof AccessDeniedException) {
            return Py.osError(Errno.EACCES);
        }
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("Not a directory")) {
            return Py.osError(VfsCalls.ENOTDIR);
        }
        return Py.osError(Errno.EIO);
    }
}
