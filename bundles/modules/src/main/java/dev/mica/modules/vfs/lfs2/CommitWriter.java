package dev.mica.modules.vfs.lfs2;

import dev.mica.modules.vfs.LittlefsCrc;

import java.util.Arrays;

/**
 * Builds one commit in memory (tags XORed with the previous one, then the commit checksum
 * with a forward checksum of the next program unit, padded to the program size) and
 * programs it at the end.
 */
final class CommitWriter {
    private final LfsDevice dev;
    final int block;
    private final int begin;
    /** Where the next byte goes. */
    int off;
    /** The tag the next tag is XORed with. */
    int ptag;
    private int crc = 0xffffffff;
    /** Attributes must end before this offset. */
    private final int end;
    private final byte[] buf;

    CommitWriter(LfsDevice dev, int block, int off, int ptag, int end) {
        this.dev = dev;
        this.block = block;
        this.begin = off;
        this.off = off;
        this.ptag = ptag;
        this.end = end;
        this.buf = new byte[dev.blockSize - off];
        Arrays.fill(buf, (byte) 0xff);
    }

    private void put(byte[] data, int from, int len) {
        System.arraycopy(data, from, buf, off - begin, len);
        crc = LittlefsCrc.update(crc, data, from, len);
        off += len;
    }

    /** The revision count at the start of a freshly erased block. */
    void revision(int rev) {
        byte[] b = new byte[4];
        LfsDevice.putLe32(b, 0, rev);
        put(b, 0, 4);
    }

    /** Appends a tag and its data; NOSPC when it does not fit. */
    void attr(int tag, byte[] data) {
        int dsize = Tag.diskSize(tag);
        if (off + dsize > end) {
            throw new LfsException(LfsException.NOSPC);
        }
        int stored = (tag & 0x7fffffff) ^ ptag;
        put(new byte[] {(byte) (stored >>> 24), (byte) (stored >>> 16), (byte) (stored >>> 8), (byte) stored}, 0, 4);
        int n = dsize - 4;
        if (n > 0) {
            byte[] d = data == null ? new byte[n] : data;
            if (d.length < n) {
                d = Arrays.copyOf(d, n);
            }
            put(d, 0, n);
        }
        ptag = tag & 0x7fffffff;
    }

    /** Closes the commit with its checksum and programs it. */
    void finish() {
        int blockSize = dev.blockSize;
        int prog = dev.progSize;
        int alignedEnd = Lfs2.alignUp(Math.min(off + 20, blockSize), prog);
        while (off < alignedEnd) {
            int noff = Math.min(alignedEnd - (off + 4), 0x3fe) + off + 4;
            if (noff < alignedEnd) {
                noff = Math.min(noff, alignedEnd - 20);
            }
            int perturb = 0xff;
            if (noff >= alignedEnd && noff <= blockSize - prog) {
                // the next program unit: what is there now, so that a later fetch can tell it is untouched
                int fcrc = 0xffffffff;
                try {
                    byte[] next = dev.read(block, noff, prog);
                    perturb = next[0] & 0xff;
                    fcrc = LittlefsCrc.update(fcrc, next);
                } catch (LfsException e) {
                    if (e.errno != LfsException.CORRUPT) {
                        throw e;
                    }
                }
                byte[] f = new byte[8];
                LfsDevice.putLe32(f, 0, prog);
                LfsDevice.putLe32(f, 4, fcrc);
                attr(Tag.make(Tag.FCRC, Tag.NO_ID, 8), f);
            }
            int ntag = Tag.make(Tag.CCRC + ((~perturb & 0xff) >>> 7), Tag.NO_ID, noff - (off + 4));
            int stored = ntag ^ ptag;
            byte[] t = {(byte) (stored >>> 24), (byte) (stored >>> 16), (byte) (stored >>> 8), (byte) stored};
            put(t, 0, 4);
            byte[] c = new byte[4];
            LfsDevice.putLe32(c, 0, crc);
            System.arraycopy(c, 0, buf, off - begin, 4);
            off = noff;
            ptag = ntag ^ ((0x80 & ~perturb) << 24);
            crc = 0xffffffff;
        }
        dev.prog(block, begin, buf, 0, off - begin);
    }
}
