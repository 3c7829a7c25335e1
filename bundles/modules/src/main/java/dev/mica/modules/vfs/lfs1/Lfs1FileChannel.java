package dev.mica.modules.vfs.lfs1;

import java.io.Flushable;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;

/**
 * An open file as the VM's file objects see it. Every read and write is one littlefs call of
 * the size the file object asks for, as MicroPython's stream layer makes them; failures are
 * OSError (see {@link VfsLfs1#guarded}).
 */
final class Lfs1FileChannel implements SeekableByteChannel, Flushable {
    private final Lfs1OpenFile file;
    private boolean open = true;

    Lfs1FileChannel(Lfs1OpenFile file) {
        this.file = file;
    }

    @Override
    public int read(ByteBuffer dst) {
        int len = dst.remaining();
        byte[] buf = dst.hasArray() ? dst.array() : new byte[len];
        int at = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
        int n = VfsLfs1.guarded(() -> file.read(buf, at, len));
        if (dst.hasArray()) {
            dst.position(dst.position() + n);
        } else {
            dst.put(buf, 0, n);
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    @Override
    public int write(ByteBuffer src) {
        int len = src.remaining();
        byte[] buf = src.hasArray() ? src.array() : new byte[len];
        int at = src.hasArray() ? src.arrayOffset() + src.position() : 0;
        if (!src.hasArray()) {
            src.get(buf);
        }
        int n = VfsLfs1.guarded(() -> file.write(buf, at, len));
        if (src.hasArray()) {
            src.position(src.position() + n);
        }
        return n;
    }

    /**
     * The position. The file object asks for it (or the size) only to seek from it, tell being
     * a seek too, and littlefs v1's seek flushes first, even when it then fails: so this does.
     */
    @Override
    public long position() {
        flushForSeek();
        return Integer.toUnsignedLong(file.pos);
    }

    /** Seeks there: the offset as littlefs's 32 bits; negative ones are INVAL. */
    @Override
    public SeekableByteChannel position(long newPosition) {
        VfsLfs1.guarded(() -> file.seek((int) newPosition, 0));
        return this;
    }

    /** The size, for a seek from the end: flushed first as {@link #position()} is. */
    @Override
    public long size() {
        flushForSeek();
        return Integer.toUnsignedLong(file.size);
    }

    private void flushForSeek() {
        VfsLfs1.guarded(() -> {
            file.flush();
            return null;
        });
    }

    /** MicroPython's littlefs files offer no truncate, and the VM's file objects never ask for one. */
    @Override
    public SeekableByteChannel truncate(long size) {
        throw Py.osError(Errno.EINVAL);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Brings the entry up to date; the file counts as closed even when that fails. */
    @Override
    public void close() {
        if (open) {
            open = false;
            VfsLfs1.guarded(() -> {
                file.close();
                return null;
            });
        }
    }

    @Override
    public void flush() {
        VfsLfs1.guarded(() -> {
            file.sync();
            return null;
        });
    }
}
