package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyType;

/**
 * A file opened with open(): io.FileIO in binary mode, io.TextIOWrapper in text mode. Reads and
 * writes go straight to the file, unbuffered, like MicroPython's POSIX files.
 */
final class FileStream extends StreamObject {
    static final PyType FILE_IO = PyType.builtin("FileIO", PyType.OBJECT);
    static final PyType TEXT_IO = PyType.builtin("TextIOWrapper", PyType.OBJECT);

    static {
        for (PyType t : new PyType[] {FILE_IO, TEXT_IO}) {
            defineStreamMethods(t);
            defineReadLines(t);
            t.method("fileno", 1, 1, a -> PyInt.of(((StreamObject) a[0]).fileNumber()));
        }
    }

    private final SeekableByteChannel channel;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private final OpenFiles openFiles;
    private final OpenFiles.Handle handle;
    private int fd;
    /** Files of file systems written in Java report use after close as OSError(EINVAL), as FatFs does. */
    private boolean closedIsInvalid;
    /** Files that print without a number and raise a bare ValueError after close (littlefs's). */
    private boolean unnumbered;

    private FileStream(PyType type, SeekableByteChannel channel, boolean readable, boolean writable, boolean append, OpenFiles openFiles) {
        super(type);
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.openFiles = openFiles;
        this.handle = openFiles.register(this, channel);
        this.fd = handle.number;
    }

    /** Opens a file with a MicroPython mode string: r, w, a, + and b/t, other letters ignored. */
    static FileStream open(Path path, String mode, OpenFiles fileNumbers) {
        boolean read = true;
        boolean write = false;
        boolean create = false;
        boolean truncate = false;
        boolean append = false;
        boolean text = true;
        for (char c : mode.toCharArray()) {
            switch (c) {
                case 'r' -> {
                    read = true;
                    write = false;
                }
                case 'w' -> {
                    read = false;
                    write = true;
                    create = true;
                    truncate = true;
                }
                case 'a' -> {
                    read = false;
                    write = true;
                    create = true;
                    append = true;
                }
                case '+' -> {
                    read = true;
                    write = true;
                }
                case 'b' -> text = false;
                case 't' -> text = true;
                default -> {
                    // MicroPython ignores letters it does not know
                }
            }
        }
        if (Files.isDirectory(path)) {
            throw IoErrors.os(Errno.EISDIR);
        }
        Set<OpenOption> options = new HashSet<>();
        if (read) {
            options.add(StandardOpenOption.READ);
        }
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        if (create) {
            options.add(StandardOpenOption.CREATE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            FileChannel channel = FileChannel.open(path, options);
            return new FileStream(text ? TEXT_IO : FILE_IO, channel, read, write, append, fileNumbers);
        } catch (NoSuchFileException e) {
            throw IoErrors.os(Errno.ENOENT);
        } catch (AccessDeniedException e) {
            throw IoErrors.os(Errno.EACCES);
        } catch (FileAlreadyExistsException e) {
            throw IoErrors.os(Errno.EEXIST);
        } catch (IOException | UnsupportedOperationException e) {
            throw IoErrors.os(Errno.EIO);
        }
    }

    /**
     * A file of a file system written in Java (a module's vfs): its channel does the reading and
     * writing; the mode only says how the file object behaves (read, write, append, text).
     */
    static FileStream wrap(SeekableByteChannel channel, String mode, OpenFiles fileNumbers) {
        boolean text = !mode.contains("b");
        boolean plus = mode.contains("+");
        boolean readable = plus || !(mode.contains("w") || mode.contains("a") || mode.contains("x"));
        boolean writable = plus || mode.contains("w") || mode.contains("a") || mode.contains("x");
        FileStream f = new FileStream(text ? TEXT_IO : FILE_IO, channel, readable, writable, mode.contains("a"), fileNumbers);
        f.closedIsInvalid = true;
        return f;
    }

    /** A file of a file system written in Java whose objects behave as MicroPython's littlefs files. */
    static FileStream wrapUnnumbered(SeekableByteChannel channel, String mode, OpenFiles fileNumbers) {
        FileStream f = wrap(channel, mode, fileNumbers);
        f.unnumbered = true;
        return f;
    }

    private FileStream checkOpen() {
        if (fd < 0) {
            if (unnumbered) {
                throw new PyException(new PyBaseException(PyBaseException.VALUE_ERROR, Py.NO_ARGS));
            }
            if (closedIsInvalid) {
                throw IoErrors.os(Errno.EINVAL);
            }
            throw IoErrors.closed();
        }
        return this;
    }

    @Override
    int fileNumber() {
        return checkOpen().fd;
    }

    @Override
    boolean isText() {
        return type() == TEXT_IO;
    }

    @Override
    int readBytes(byte[] buf, int off, int len) {
        checkOpen();
        if (!readable) {
            throw IoErrors.os(Errno.EBADF);
        }
        try {
            int n = channel.read(ByteBuffer.wrap(buf, off, len));
            return Math.max(n, 0);
        } catch (IOException e) {
            throw IoErrors.os(Errno.EIO);
        }
    }

    @Override
    int writeBytes(byte[] data, int off, int len) {
        checkOpen();
        if (!writable) {
            throw IoErrors.os(Errno.EBADF);
        }
        try {
            if (append) {
                channel.position(channel.size());
            }
            ByteBuffer b = ByteBuffer.wrap(data, off, len);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            return len;
        } catch (IOException e) {
            throw IoErrors.os(Errno.EIO);
        }
    }

    @Override
    long seekTo(long offset, int whence) {
        checkOpen();
        try {
            long base = whence == SEEK_CUR ? channel.position() : whence == SEEK_END ? channel.size() : 0;
            if (whence > SEEK_END || base + offset < 0) {
                throw IoErrors.os(Errno.EINVAL);
            }
            channel.position(base + offset);
            return base + offset;
        } catch (IOException e) {
            throw IoErrors.os(Errno.EIO);
        }
    }

    @Override
    void flushStream() {
        checkOpen();
        if (channel instanceof java.io.Flushable f) {
            try {
                f.flush();
            } catch (IOException e) {
                throw IoErrors.os(Errno.EIO);
            }
        }
    }

    @Override
    void closeStream() {
        if (fd < 0) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw IoErrors.os(Errno.EIO);
        } finally {
            openFiles.closed(handle);
            fd = -1;
        }
    }

    @Override
    public String repr() {
        return unnumbered ? "<io." + type().name() + ">" : "<io." + type().name() + " " + fd + ">";
    }
}
