package dev.mica.modules.vfs.lfs1;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import dev.mica.module.ModuleEnvironment;
import dev.mica.modules.vfs.LittlefsCwd;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyByteArray;
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
 * {@code vfs.VfsLfs1(block_device, *, readsize=32, progsize=32, lookahead=32)}: a littlefs v1
 * file system on a block device written in Python, with MicroPython's methods, paths (relative
 * to the file system's own current directory) and errors (OSError with littlefs's errno).
 */
public final class VfsLfs1 extends PyObject {
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFREG = 0x8000;
    private static final int DEFAULT_SIZE = 32;
    /** More than a MicroPython heap could give a buffer. */
    private static final long MAX_BUFFER = 1 << 24;
    /** errno for states the Java code finds impossible in corrupted metadata. */
    private static final int CORRUPT_ERRNO = -LfsError.CORRUPT;

    private final PyType type;
    private final ModuleEnvironment environment;
    private final DeviceCalls device;
    private final Lfs1 fs;
    /** The current directory: "/" or "/name/.../" (always ending in a slash). */
    private final LittlefsCwd cwd = new LittlefsCwd();

    /** The geometry of a VfsLfs1 or mkfs call: the device's and the keyword arguments'. */
    private record Geometry(DeviceCalls device, int readSize, int progSize, int blockSize, int blockCount, int lookahead) {}

    private VfsLfs1(PyType type, ModuleEnvironment environment, Geometry g) {
        this.type = type;
        this.environment = environment;
        this.device = g.device();
        this.fs = guarded(() -> Lfs1.mount(g.device(), g.readSize(), g.progSize(), g.blockSize(), g.blockCount(), g.lookahead()));
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        return "<" + type.name() + ">";
    }

    @Override
    public long heapBytes() {
        // the object with littlefs's state, its read, program and lookahead buffers
        return 256;
    }

    /** The interpreter's {@code VfsLfs1} class. */
    public static PyType newType(ModuleEnvironment environment) {
        PyType t = PyType.builtin("VfsLfs1", PyType.OBJECT);
        t.setConstructor((type, a, kw) -> new VfsLfs1(type, environment, geometry(a, kw)));
        t.define("mkfs", new PyBuiltinFunction("mkfs", 0, PyBuiltinFunction.VARIADIC, true, (a, kw) -> {
            Geometry g = geometry(a, kw);
            guarded(() -> {
                Lfs1.format(g.device(), g.readSize(), g.progSize(), g.blockSize(), g.blockCount(), g.lookahead());
                return null;
            });
            return PyNone.NONE;
        }));
        t.method("open", 3, 3, a -> self(a).open(a[1], a[2]));
        t.method("ilistdir", 1, 2, a -> self(a).ilistdir(a.length > 1 ? a[1] : null));
        t.method("mkdir", 2, 2, a -> self(a).change(a[1], self(a).fs::mkdir));
        t.method("rmdir", 2, 2, a -> self(a).change(a[1], self(a).fs::remove));
        t.method("chdir", 2, 2, a -> self(a).chdir(a[1]));
        t.method("getcwd", 1, 1, a -> self(a).getcwd());
        t.method("remove", 2, 2, a -> self(a).change(a[1], self(a).fs::remove));
        t.method("rename", 3, 3, a -> self(a).rename(a[1], a[2]));
        t.method("stat", 2, 2, a -> self(a).stat(a[1]));
        t.method("statvfs", 2, 2, a -> self(a).statvfs());
        t.method("mount", 3, 3, a -> {
            if (a[1].isTrue()) {
                self(a).device.forbidWrites();
            }
            return PyNone.NONE;
        });
        t.method("umount", 1, 1, a -> PyNone.NONE);
        t.orderLocals("open", "remove", "chdir", "getcwd", "ilistdir", "mkdir", "mkfs", "mount", "rename", "rmdir", "stat",
                "statvfs", "umount");
        return t;
    }

    /**
     * vfs.mount's look at a block device without a mount method: a VfsLfs1 when block 0 or 1
     * holds a littlefs v1 superblock and it mounts, else null (any error counts as no).
     */
    public static PyObject detect(PyType type, ModuleEnvironment environment, PyObject device) {
        try {
            PyObject readblocks = Ops.getAttr(device, "readblocks");
            for (int block = 0; block <= 1; block++) {
                PyByteArray buf = new PyByteArray(new byte[44]);
                readblocks.call(new PyObject[] {PyInt.of(block), buf, PyInt.of(8)}, null);
                byte[] b = buf.bytes();
                if (b.length >= 40 && Arrays.equals(b, 32, 40, "littlefs".getBytes(StandardCharsets.US_ASCII), 0, 8)) {
                    return new VfsLfs1(type, environment, geometry(new PyObject[] {device}, null));
                }
            }
        } catch (PyException e) {
            // not a device littlefs can use: leave it to the other file systems
        }
        return null;
    }

    private static VfsLfs1 self(PyObject[] a) {
        return (VfsLfs1) a[0];
    }

    /** Parses (bdev, *, readsize=32, progsize=32, lookahead=32, mtime=True) and asks the device its geometry. */
    private static Geometry geometry(PyObject[] a, String[] kw) {
        int nPos = Py.positional(a, kw);
        if (nPos < 1) {
            throw Py.typeError("'' argument required");
        }
        if (nPos > 1) {
            throw Py.typeError("extra positional arguments given");
        }
        long[] sizes = {DEFAULT_SIZE, DEFAULT_SIZE, DEFAULT_SIZE};
        String[] names = {"readsize", "progsize", "lookahead"};
        int used = 0;
        for (int i = 0; i < names.length; i++) {
            PyObject v = Py.keyword(a, kw, names[i]);
            if (v != null) {
                sizes[i] = Ops.indexValue(v, "int");
                used++;
            }
        }
        if (Py.keyword(a, kw, "mtime") != null) {
            used++;
        }
        if (kw != null && used < kw.length) {
            throw Py.typeError("extra keyword arguments given");
        }
        DeviceCalls device = new DeviceCalls(a[0]);
        device.ioctlInt(DeviceCalls.IOCTL_INIT, 1, false);
        long blockSize = device.ioctlInt(DeviceCalls.IOCTL_BLOCK_SIZE, 0, true);
        long blockCount = device.ioctlInt(DeviceCalls.IOCTL_BLOCK_COUNT, 0, true);
        long read = sizes[0];
        long prog = sizes[1];
        long lookahead = sizes[2];
        // littlefs's buffers: MicroPython allocates them with these sizes, and none at all for 0
        checkBuffer(read);
        checkBuffer(prog);
        checkBuffer(lookahead < 0 ? ((lookahead & 0xffffffffL) / 8) : lookahead / 8);
        // what littlefs would only assert (or divide by zero on): refused here
        if (prog % read != 0 || lookahead > Integer.MAX_VALUE - 31
                || blockSize < MetadataPair.HEADER + 36 || blockSize > Integer.MAX_VALUE || blockSize % prog != 0
                || blockCount < 0 || blockCount > Integer.MAX_VALUE) {
            throw Py.osError(Errno.EINVAL);
        }
        return new Geometry(device, (int) read, (int) prog, (int) blockSize, (int) blockCount, (int) lookahead);
    }

    /** A buffer of {@code bytes} bytes (a 32-bit unsigned count): none is ENOMEM, an impossible one MemoryError. */
    private static void checkBuffer(long bytes) {
        long n = bytes & 0xffffffffL;
        if (n == 0) {
            throw Py.osError(Errno.ENOMEM);
        }
        if (n > MAX_BUFFER) {
            throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, allocating " + n + " bytes");
        }
    }

    /** Runs a file system operation: its errors become OSError, and so does metadata too broken to follow. */
    static <T> T guarded(Supplier<T> op) {
        try {
            return op.get();
        } catch (LfsError e) {
            throw e.toPython();
        } catch (IndexOutOfBoundsException | ArithmeticException | NegativeArraySizeException e) {
            throw Py.osError(CORRUPT_ERRNO);
        }
    }

    // ---- the vfs methods ----

    private interface PathChange {
        void apply(byte[] path);
    }

    private PyObject change(PyObject path, PathChange op) {
        byte[] p = cwd.resolve(path);
        guarded(() -> {
            op.apply(p);
            return null;
        });
        return PyNone.NONE;
    }

    private PyObject open(PyObject pathArg, PyObject modeArg) {
        byte[] mode = LittlefsCwd.text(modeArg);
        int flags = 0;
        boolean textMode = true;
        for (byte c : mode) {
            int newFlags = 0;
            switch (c) {
                case 'r' -> newFlags = Lfs1OpenFile.O_RDONLY;
                case 'w' -> newFlags = Lfs1OpenFile.O_WRONLY | Lfs1OpenFile.O_CREAT | Lfs1OpenFile.O_TRUNC;
                case 'x' -> newFlags = Lfs1OpenFile.O_WRONLY | Lfs1OpenFile.O_CREAT | Lfs1OpenFile.O_EXCL;
                case 'a' -> newFlags = Lfs1OpenFile.O_WRONLY | Lfs1OpenFile.O_CREAT | Lfs1OpenFile.O_APPEND;
                case '+' -> flags |= Lfs1OpenFile.O_RDWR;
                case 'b' -> textMode = false;
                case 't' -> textMode = true;
                default -> {
                    // other letters are ignored
                }
            }
            if (newFlags != 0) {
                if (flags != 0) {
                    throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
                }
                flags = newFlags;
            }
        }
        if (flags == 0) {
            flags = Lfs1OpenFile.O_RDONLY;
        }
        if (environment.heapLocked()) {
            // MicroPython makes the file object before it opens the file
            throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, heap is locked");
        }
        byte[] path = cwd.resolve(pathArg);
        int openFlags = flags;
        Lfs1OpenFile file = guarded(() -> fs.open(path, openFlags));
        return environment.unnumberedFileObject(new Lfs1FileChannel(file), streamMode(openFlags, textMode));
    }

    /**
     * The mode the file object is made with: whether it reads, writes, gives text. Append and
     * exclusive files are plain writing ones to it, as littlefs itself writes at the end in
     * append mode: a file object moving there first would seek, and every littlefs v1 seek flushes.
     */
    private static String streamMode(int flags, boolean textMode) {
        String access = switch (flags & Lfs1OpenFile.O_RDWR) {
            case Lfs1OpenFile.O_RDONLY -> "r";
            case Lfs1OpenFile.O_WRONLY -> "w";
            default -> "r+";
        };
        return textMode ? access : access + "b";
    }

    private PyObject ilistdir(PyObject pathArg) {
        boolean asText = pathArg == null || !(pathArg instanceof PyBytes);
        byte[] path = pathArg == null ? cwd.bytes() : cwd.resolve(pathArg);
        MetadataPair dir = guarded(() -> fs.openDirectory(path));
        return new Listing(dir, asText);
    }

    /** The iterator ilistdir gives: entries without "." and "..", read as it goes. */
    private final class Listing extends PyObject {
        private final MetadataPair dir;
        private final boolean asText;
        private boolean done;

        Listing(MetadataPair dir, boolean asText) {
            this.dir = dir;
            this.asText = asText;
        }

        @Override
        public PyType type() {
            return PyIterators.ITERATOR;
        }

        @Override
        public String repr() {
            return "<iterator>";
        }

        @Override
        public PyObject iter() {
            return this;
        }

        @Override
        public PyObject next() {
            if (done) {
                return null;
            }
            Lfs1.Info info;
            while (true) {
                try {
                    info = guarded(() -> fs.readDirectory(dir));
                } catch (PyException e) {
                    finish();
                    throw e;
                }
                if (info == null) {
                    finish();
                    return null;
                }
                byte[] n = info.name();
                boolean dots = (n.length == 1 && n[0] == '.') || (n.length == 2 && n[0] == '.' && n[1] == '.');
                if (!dots) {
                    break;
                }
            }
            byte[] name = LittlefsCwd.cString(info.name());
            PyObject shown = asText ? PyStr.of(new String(name, StandardCharsets.UTF_8)) : new PyBytes(name);
            return new PyTuple(shown, PyInt.of(info.isFile() ? S_IFREG : S_IFDIR), PyInt.of(0), PyInt.of(info.size()));
        }

        private void finish() {
            done = true;
            fs.closeDirectory(dir);
        }
    }

    /** A name as a C string: up to its first NUL. */
    private PyObject chdir(PyObject pathArg) {
        byte[] path = cwd.resolve(pathArg);
        if (path.length > 1) {
            Lfs1.Info info;
            try {
                info = guarded(() -> fs.stat(path));
            } catch (PyException e) {
                if (!e.matches(PyBaseException.OS_ERROR)) {
                    throw e;
                }
                info = null;
            }
            if (info == null || info.type() != DirEntry.DIR) {
                // MicroPython raises this one with the errno negated
                throw Py.osError(-Errno.ENOENT);
            }
        }
        cwd.change(path);
        return PyNone.NONE;
    }

    private PyObject getcwd() {
        return cwd.text();
    }

    private PyObject rename(PyObject from, PyObject to) {
        byte[] oldPath = cwd.resolve(from);
        byte[] newPath = cwd.resolve(to);
        guarded(() -> {
            fs.rename(oldPath, newPath);
            return null;
        });
        return PyNone.NONE;
    }

    private PyObject stat(PyObject pathArg) {
        byte[] path = cwd.resolve(pathArg);
        Lfs1.Info info = guarded(() -> fs.stat(path));
        return new PyTuple(PyInt.of(info.isFile() ? S_IFREG : S_IFDIR), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0),
                PyInt.of(0), PyInt.of(info.size()), PyInt.of(0), PyInt.of(0), PyInt.of(0));
    }

    private PyObject statvfs() {
        long used = guarded(fs::usedBlocks);
        long blockSize = fs.io.blockSize;
        long free = (Integer.toUnsignedLong(fs.io.blockCount) - used) & 0xffffffffL;
        return new PyTuple(PyInt.of(blockSize), PyInt.of(blockSize), PyInt.of(Integer.toUnsignedLong(fs.io.blockCount)),
                PyInt.of(free), PyInt.of(free), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(Lfs1.NAME_MAX));
    }
}
