package dev.mica.modules.vfs.fat;

import java.io.Flushable;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;

/**
 * An open file on a FAT volume: reads and writes go to its cluster chain; the directory entry
 * (first cluster, size, modification time) is brought up to date on flush and close.
 */
final class FatFile implements SeekableByteChannel, Flushable {
    private final FatVolume volume;
    private final FatDirectory directory;
    private final long shortIndex;
    private long firstCluster;
    private long size;
    private long position;
    private boolean open = true;
    private boolean modified;
    /** The cluster holding the last position used, and its place in the chain, to avoid walking from the start. */
    private long cursorCluster;
    private long cursorIndex = -1;
    /** The file's own sector buffer (FatFs's per-file window): reads within it do not go to the device. */
    private long bufferedSector = -1;
    private byte[] buffered;

    FatFile(FatVolume volume, FatDirectory directory, FatDirectory.Entry entry) {
        this.volume = volume;
        this.directory = directory;
        this.shortIndex = entry.shortIndex();
        this.firstCluster = entry.cluster();
        this.size = entry.size();
    }

    /** Empties the file (open with "w"). */
    void truncateToEmpty() {
        bufferedSector = -1;
        if (firstCluster != 0) {
            volume.free(firstCluster);
            firstCluster = 0;
        }
        size = 0;
        cursorIndex = -1;
        modified = true;
    }

    /** The cluster of index {@code n} in the chain; with {@code grow}, clusters are added (0 when the volume is full). */
    private long cluster(long n, boolean grow) {
        if (firstCluster == 0) {
            if (!grow) {
                return 0;
            }
            firstCluster = volume.allocate(0);
            if (firstCluster == 0) {
                return 0;
            }
            cursorIndex = -1;
        }
        long c;
        long i;
        if (cursorIndex >= 0 && cursorIndex <= n) {
            c = cursorCluster;
            i = cursorIndex;
        } else {
            c = firstCluster;
            i = 0;
        }
        while (i < n) {
            long next = volume.next(c);
            if (next == 0) {
                if (!grow) {
                    return 0;
                }
                next = volume.allocate(c);
                if (next == 0) {
                    return 0;
                }
            }
            c = next;
            i++;
        }
        cursorCluster = c;
        cursorIndex = n;
        return c;
    }

    @Override
    public int read(ByteBuffer dst) {
        checkOpen();
        if (position >= size) {
            return -1;
        }
        int total = 0;
        int ss = volume.sectorSize;
        long clusterBytes = volume.clusterBytes();
        byte[] sector = new byte[ss];
        while (dst.hasRemaining() && position < size) {
            long c = cluster(position / clusterBytes, false);
            if (c == 0) {
                break;
            }
            long inCluster = position % clusterBytes;
            long number = volume.clusterSector(c) + inCluster / ss;
            if (number != bufferedSector) {
                volume.dev.forget(number);
                volume.dev.read(number, sector, 0);
                bufferedSector = number;
                buffered = sector.clone();
            } else {
                System.arraycopy(buffered, 0, sector, 0, ss);
            }
            int off = (int) (inCluster % ss);
            int n = (int) Math.min(Math.min(ss - off, dst.remaining()), size - position);
            dst.put(sector, off, n);
            position += n;
            total += n;
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src) {
        checkOpen();
        if (position > size) {
            long gap = position - size;
            position = size;
            writeBytes(ByteBuffer.wrap(new byte[(int) Math.min(gap, Integer.MAX_VALUE)]));
        }
        return writeBytes(src);
    }

    private int writeBytes(ByteBuffer src) {
        int total = 0;
        int ss = volume.sectorSize;
        long clusterBytes = volume.clusterBytes();
        byte[] sector = new byte[ss];
        while (src.hasRemaining()) {
            long c = cluster(position / clusterBytes, true);
            if (c == 0) {
                modified = true;
                flush();
                throw Py.osError(ENOSPC);
            }
            long inCluster = position % clusterBytes;
            long sectorNumber = volume.clusterSector(c) + inCluster / ss;
            int off = (int) (inCluster % ss);
            int n = Math.min(ss - off, src.remaining());
            if (n < ss) {
                volume.dev.read(sectorNumber, sector, 0);
            }
            src.get(sector, off, n);
            volume.dev.write(sectorNumber, sector, 0);
            bufferedSector = sectorNumber;
            buffered = sector.clone();
            position += n;
            total += n;
            if (position > size) {
                size = position;
            }
            modified = true;
        }
        return total;
    }

    private static final int ENOSPC = 28;

    @Override
    public long position() {
        checkOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        checkOpen();
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        checkOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        checkOpen();
        if (newSize < size) {
            if (newSize == 0) {
                truncateToEmpty();
            } else {
                long last = cluster((newSize - 1) / volume.clusterBytes(), false);
                volume.truncateAfter(last);
                bufferedSector = -1;
                size = newSize;
                cursorIndex = -1;
                modified = true;
            }
        }
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void flush() {
        if (modified) {
            directory.update(shortIndex, firstCluster, size, true);
            modified = false;
        }
        volume.sync();
    }

    @Override
    public void close() {
        if (open) {
            flush();
            open = false;
        }
    }

    private void checkOpen() {
        if (!open) {
            throw Py.osError(Errno.EINVAL);
        }
    }
}
