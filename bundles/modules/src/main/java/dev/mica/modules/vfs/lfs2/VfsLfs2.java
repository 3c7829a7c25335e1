package dev.mica.modules.vfs.lfs2;

import java.io.Flushable;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import dev.mica.module.ModuleEnvironment;
import dev.mica.modules.vfs.LittlefsCwd;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
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
 * {@code vfs.VfsLfs2(block_device, *, readsize=32, progsize=32, lookahead=32, mtime=True)}: a
 * littlefs v2 file system on a block device written in Python, with MicroPython's methods,
 * paths relative to its own current directory, and modification times kept in user
 * attribute 1 (nanoseconds since 1970, little-endian).
 */
public final class VfsLfs2 extends PyObject {
    private static final int S_IFDIR = 0x4000;
    private static final int S_IFREG = 0x8000;
    /** The user attribute MicroPython keeps a file's modification time in. */
    private static final int ATTR_MTIME = 1;
    private static final String[] ARG_NAMES = {"readsize", "progsize", "lookahead", "mtime"};

    private final PyType type;
    private final ModuleEnvironment environment;
    private final LfsDevice device;
    private final Lfs2 fs;
    private final boolean mtime;
    /** The current directory, with a trailing slash. */
    private final LittlefsCwd cwd = new LittlefsCwd();

    private VfsLfs2(PyType type, ModuleEnvironment environment, PyObject bdev, int readSize, int progSize, int lookahead, boolean mtime) {
        this.type = type;
        this.environment = environment;
        this.mtime = mtime;
        this.device = new LfsDevice(bdev, readSize, progSize);
        this.fs = new Lfs2(device, lookahead);
        run(() -> {
            fs.mount();
            return null;
        });
    }

    @Override
    public PyType type() {
        return type;
    }

    /** Runs a file system operation: littlefs failures become OSError with their number. */
    <T> T run(Supplier<T> op) {
        device.dropCache();
        try {
            return op.get();
        } catch (LfsException e) {
            throw Py.osError(e.errno);
        }
    }

    /** Makes a VfsLfs2 with the default settings (vfs.mount of a device that holds littlefs v2). */
    public static PyObject on(PyType type, ModuleEnvironment environment, PyObject device) {
        return new VfsLfs2(type, environment, device, 32, 32, 32, true);
    }

    /** Whether a block device holds littlefs v2 (its name in block 0 or 1); false when it cannot tell. */
    public static boolean detect(PyObject bdev) {
        try {
            PyObject readblocks = Ops.getAttr(bdev, "readblocks");
            for (int block = 0; block <= 1; block++) {
                dev.mica.obj.PyByteArray buf = new dev.mica.obj.PyByteArray(new byte[44]);
                readblocks.call(new PyObject[] {PyInt.of(block), buf, PyInt.of(8)}, null);
                byte[] b = buf.bytes();
                if (new String(b, 0, 8, StandardCharsets.ISO_8859_1).equals("littlefs")) {
                    return true;
                }
            }
        } catch (dev.mica.obj.PyException e) {
            // a device without the extended protocol: not littlefs
        }
        return false;
    }

    private record Args(PyObject bdev, int readSize, int progSize, int lookahead, boolean mtime) {}

    private static Args parse(PyObject[] a, String[] kw) {
        Py.checkKeywords(kw, ARG_NAMES);
        int n = Py.positional(a, kw);
        if (n != 1) {
            throw Py.typeError("function takes 1 positional arguments but " + n + " were given");
        }
        PyObject rs = Py.keyword(a, kw, "readsize");
        PyObject ps = Py.keyword(a, kw, "progsize");
        PyObject la = Py.keyword(a, kw, "lookahead");
        PyObject mt = Py.keyword(a, kw, "mtime");
        return new Args(a[0], rs == null ? 32 : (int) Ops.indexValue(rs, "int"), ps == null ? 32 : (int) Ops.indexValue(ps, "int"),
                la == null ? 32 : (int) Ops.indexValue(la, "int"), mt == null || mt.isTrue());
    }

    /** The interpreter's {@code VfsLfs2} class. */
    public static PyType newType(ModuleEnvironment environment) {
        PyType t = PyType.builtin("VfsLfs2", PyType.OBJECT);
        t.setConstructor((type, a, kw) -> {
            Args args = parse(a, kw);
            return new VfsLfs2(type, environment, args.bdev(), args.readSize(), args.progSize(), args.lookahead(), args.mtime());
        });
        t.define("mkfs", new PyBuiltinFunction("mkfs", 1, 5, true, (a, kw) -> {
            Args args = parse(a, kw);
            LfsDevice dev = new LfsDevice(args.bdev(), args.readSize(), args.progSize());
            Lfs2 fresh = new Lfs2(dev, args.lookahead());
            try {
                fresh.format();
            } catch (LfsException e) {
                throw Py.osError(e.errno);
            }
            return PyNone.NONE;
        }));
        t.method("open", 3, 3, a -> self(a).open(a[1], a[2]));
        t.method("ilistdir", 1, 2, a -> self(a).ilistdir(a.length > 1 ? a[1] : null));
        t.method("mkdir", 2, 2, a -> self(a).mkdir(a[1]));
        t.method("rmdir", 2, 2, a -> self(a).remove(a[1]));
        t.method("chdir", 2, 2, a -> self(a).chdir(a[1]));
        t.method("getcwd", 1, 1, a -> self(a).getcwd());
        t.method("remove", 2, 2, a -> self(a).remove(a[1]));
        t.method("rename", 3, 3, a -> self(a).rename(a[1], a[2]));
        t.method("stat", 2, 2, a -> self(a).stat(a[1]));
        t.method("statvfs", 2, 2, a -> self(a).statvfs());
        t.method("mount", 3, 3, a -> {
            if (a[1].isTrue()) {
                self(a).device.makeReadonly();
            }
            return PyNone.NONE;
        });
        t.method("umount", 1, 1, a -> PyNone.NONE);
        t.orderLocals("mkfs", "open", "ilistdir", "mkdir", "rmdir", "chdir", "getcwd", "remove", "rename", "stat", "statvfs", "mount", "umount");
        return t;
    }

    private static VfsLfs2 self(PyObject[] a) {
        return (VfsLfs2) a[0];
    }

    // ---- the vfs methods ----

    private PyObject open(PyObject pathArg, PyObject modeArg) {
        if (environment.heapLocked()) {
            throw Py.error(PyBaseException.MEMORY_ERROR, "memory allocation failed, heap is locked");
        }
        String mode = new String(LittlefsCwd.text(modeArg), StandardCharsets.UTF_8);
        int flags = 0;
        for (char c : mode.toCharArray()) {
            int newFlags = switch (c) {
                case 'r' -> Lfs2File.O_RDONLY;
                case 'w' -> Lfs2File.O_WRONLY | Lfs2File.O_CREAT | Lfs2File.O_TRUNC;
                case 'x' -> Lfs2File.O_WRONLY | Lfs2File.O_CREAT | Lfs2File.O_EXCL;
                case 'a' -> Lfs2File.O_WRONLY | Lfs2File.O_CREAT | Lfs2File.O_APPEND;
                default -> 0;
            };
            if (c == '+') {
                flags |= Lfs2File.O_RDWR;
            }
            if (newFlags != 0) {
                if (flags != 0) {
                    throw Py.error(PyBaseException.VALUE_ERROR, null);
                }
                flags = newFlags;
            }
        }
        if (flags == 0) {
            flags = Lfs2File.O_RDONLY;
        }
        List<Lfs2File.Attr> attrs = new ArrayList<>();
        Lfs2File.Attr stamp = null;
        if (mtime) {
            stamp = new Lfs2File.Attr(ATTR_MTIME, now());
            attrs.add(stamp);
        }
        byte[] p = cwd.resolve(pathArg);
        int openFlags = flags;
        Lfs2File file = run(() -> new Lfs2File(fs, p, openFlags, attrs));
        return environment.unnumberedFileObject(new Channel(file, stamp), mode);
    }

    private static byte[] now() {
        Instant t = Instant.now();
        long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (ns >>> (8 * i));
        }
        return b;
    }

    private PyObject ilistdir(PyObject pathArg) {
        boolean asText = !(pathArg instanceof PyBytes);
        byte[] p = pathArg == null ? cwd.bytes() : cwd.resolve(pathArg);
        List<Lfs2.Info> entries = run(() -> fs.list(p));
        Iterator<Lfs2.Info> it = entries.iterator();
        return new PyIterators.Native(PyIterators.ITERATOR, () -> {
            if (!it.hasNext()) {
                return null;
            }
            Lfs2.Info e = it.next();
            PyObject name = asText ? PyStr.of(new String(e.name(), StandardCharsets.UTF_8)) : new PyBytes(e.name());
            return new PyTuple(name, PyInt.of(e.type() == Tag.REG ? S_IFREG : S_IFDIR), PyInt.of(0), PyInt.of(Integer.toUnsignedLong(e.size())));
        });
    }

    private PyObject mkdir(PyObject pathArg) {
        byte[] p = cwd.resolve(pathArg);
        run(() -> {
            fs.mkdir(p);
            return null;
        });
        return PyNone.NONE;
    }

    private PyObject remove(PyObject pathArg) {
        byte[] p = cwd.resolve(pathArg);
        run(() -> {
            fs.remove(p);
            return null;
        });
        return PyNone.NONE;
    }

    private PyObject rename(PyObject fromArg, PyObject toArg) {
        byte[] from = cwd.resolve(fromArg);
        byte[] to = cwd.resolve(toArg);
        run(() -> {
            fs.rename(from, to);
            return null;
        });
        return PyNone.NONE;
    }

    private PyObject chdir(PyObject pathArg) {
        byte[] p = cwd.resolve(pathArg);
        if (p.length > 1) {
            Lfs2.Info info;
            try {
                info = run(() -> fs.stat(p));
            } catch (dev.mica.obj.PyException e) {
                if (!e.matches(PyBaseException.OS_ERROR)) {
                    throw e;
                }
                info = null;
            }
            if (info == null || info.type() != Tag.DIR) {
                // MicroPython raises this one negated
                throw Py.osError(-LfsException.NOENT);
            }
        }
        cwd.change(p);
        return PyNone.NONE;
    }

    private PyObject getcwd() {
        return cwd.text();
    }

    private PyObject stat(PyObject pathArg) {
        byte[] p = cwd.resolve(pathArg);
        Lfs2.Info info = run(() -> fs.stat(p));
        byte[] stamp = run(() -> fs.getAttr(p, ATTR_MTIME));
        long seconds = 0;
        if (stamp != null && stamp.length == 8) {
            long ns = 0;
            for (int i = 7; i >= 0; i--) {
                ns = ns << 8 | (stamp[i] & 0xff);
            }
            seconds = Long.divideUnsigned(ns, 1_000_000_000L);
        }
        PyObject t = PyInt.of(seconds);
        return new PyTuple(PyInt.of(info.type() == Tag.REG ? S_IFREG : S_IFDIR), PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0),
                PyInt.of(0), PyInt.of(Integer.toUnsignedLong(info.size())), t, t, t);
    }

    private PyObject statvfs() {
        int[] used = {0};
        run(() -> {
            fs.traverse(b -> used[0]++, true);
            return null;
        });
        PyObject bsize = PyInt.of(device.blockSize);
        PyObject free = PyInt.of(device.deviceBlockCount - used[0]);
        return new PyTuple(bsize, bsize, PyInt.of(device.deviceBlockCount), free, free, PyInt.of(0), PyInt.of(0), PyInt.of(0), PyInt.of(0),
                PyInt.of(Lfs2.NAME_MAX));
    }

    /** The open file as the file object sees it. */
    private final class Channel implements SeekableByteChannel, Flushable {
        private final Lfs2File file;
        private final Lfs2File.Attr stamp;
        private boolean open = true;

        Channel(Lfs2File file, Lfs2File.Attr stamp) {
            this.file = file;
            this.stamp = stamp;
        }

        @Override
        public int read(ByteBuffer dst) {
            byte[] buf = new byte[dst.remaining()];
            int n = run(() -> file.read(buf, 0, buf.length));
            dst.put(buf, 0, n);
            return n == 0 && buf.length > 0 ? -1 : n;
        }

        @Override
        public int write(ByteBuffer src) {
            byte[] buf = new byte[src.remaining()];
            src.get(buf);
            if (stamp != null) {
                System.arraycopy(now(), 0, stamp.buffer, 0, 8);
            }
            return run(() -> file.write(buf, 0, buf.length));
        }

        @Override
        public long position() {
            return file.tell();
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            run(() -> file.seek(newPosition, 0));
            return this;
        }

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw Py.osError(LfsException.INVAL);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                run(() -> {
                    file.close();
                    return null;
                });
            }
        }

        @Override
        public void flush() {
            run(() -> {
                file.sync();
                return null;
            });
        }
    }
}
