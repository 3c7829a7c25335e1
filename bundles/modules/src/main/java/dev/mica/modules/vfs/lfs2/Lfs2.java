package dev.mica.modules.vfs.lfs2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import dev.mica.modules.vfs.LittlefsPath;

/**
 * A littlefs v2 file system (on-disk version 2.1) on a {@link LfsDevice}: the block allocator,
 * the chain of metadata pairs with its commits, compactions, splits, relocations and global
 * state, and the directory operations. Files are {@link Lfs2File}.
 */
final class Lfs2 {
    static final int DISK_VERSION = 0x00020001;
    static final int NAME_MAX = 255;
    static final int FILE_MAX = 2147483647;
    static final int ATTR_MAX = 1022;
    static final int BLOCK_CYCLES = 100;
    static final int BLOCK_INLINE = -2;

    /** Results of a commit besides success. */
    static final int OK = 0;
    static final int RELOCATED = 1;
    static final int DROPPED = 2;
    static final int ORPHANED = 3;

    private static final int[] SUPERBLOCK_PAIR = {0, 1};
    private static final byte[] MAGIC = "littlefs".getBytes(StandardCharsets.US_ASCII);

    final LfsDevice dev;
    int nameMax = NAME_MAX;
    int fileMax = FILE_MAX;
    int attrMax = ATTR_MAX;
    final int[] root = {-1, -1};
    /** Mixed from the checksums of the commits read, to start the allocator somewhere. */
    int seed;
    int[] gdisk = new int[3];
    int[] gstate = new int[3];
    int[] gdelta = new int[3];

    private final int lookaheadBits;
    private final int[] lookahead;
    private int freeOff;
    private int freeSize;
    private int freeI;
    private int freeAck;

    /** Anything that keeps a position in a metadata pair across commits: open files, for now. */
    static class Tracked {
        MetadataPair m;
        int id;
    }

    final List<Tracked> tracked = new ArrayList<>();

    /** An attribute of a commit: a tag and its data. */
    record MAttr(int tag, byte[] data) {}

    Lfs2(LfsDevice dev, int lookaheadBytes) {
        this.dev = dev;
        this.lookaheadBits = Math.max(8, lookaheadBytes * 8);
        this.lookahead = new int[(lookaheadBits + 31) / 32];
    }

    int inlineMax() {
        return Math.min(0x3fe, Math.min(dev.cacheSize, dev.blockSize / 8));
    }

    // ---- small arithmetic ----

    static int alignUp(int a, int alignment) {
        long s = Integer.toUnsignedLong(a + alignment - 1);
        return (int) (s - s % alignment);
    }

    static byte[] pairBytes(int[] pair) {
        byte[] b = new byte[8];
        LfsDevice.putLe32(b, 0, pair[0]);
        LfsDevice.putLe32(b, 4, pair[1]);
        return b;
    }

    static int[] pairOf(byte[] data) {
        if (data == null || data.length < 8) {
            throw new LfsException(LfsException.CORRUPT);
        }
        return new int[] {LfsDevice.le32(data, 0), LfsDevice.le32(data, 4)};
    }

    // ---- global state ----

    private static boolean isZero(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0;
    }

    private static void xorInto(int[] a, int[] b) {
        if (b == null) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            a[i] ^= b[i];
        }
    }

    static boolean hasOrphans(int[] g) {
        return Tag.size(g[0]) != 0;
    }

    static int orphanCount(int[] g) {
        return Tag.size(g[0]) & 0x1ff;
    }

    static boolean hasMove(int[] g) {
        return Tag.type1(g[0]) != 0;
    }

    static boolean needsSuperblock(int[] g) {
        return (Tag.size(g[0]) >> 9) != 0;
    }

    static boolean hasMoveHere(int[] g, int[] pair) {
        return Tag.type1(g[0]) != 0 && MetadataPair.same(new int[] {g[1], g[2]}, pair);
    }

    void prepSuperblock(boolean needed) {
        gstate[0] = (gstate[0] & ~Tag.make(0, 0, 0x200)) | ((needed ? 1 : 0) << 9);
    }

    void prepOrphans(int n) {
        gstate[0] += n;
        gstate[0] = (gstate[0] & 0x7fffffff) | (hasOrphans(gstate) ? 0x80000000 : 0);
    }

    void prepMove(int id, int[] pair) {
        gstate[0] = (gstate[0] & ~Tag.make(0x7ff, 0x3ff, 0)) | (id != Tag.NO_ID ? Tag.make(Tag.DELETE, id, 0) : 0);
        gstate[1] = id != Tag.NO_ID ? pair[0] : 0;
        gstate[2] = id != Tag.NO_ID ? pair[1] : 0;
    }

    private static byte[] gstateBytes(int[] g) {
        byte[] b = new byte[12];
        for (int i = 0; i < 3; i++) {
            LfsDevice.putLe32(b, 4 * i, g[i]);
        }
        return b;
    }

    // ---- entries as lookups see them ----

    /** Entry {@code id} of a pair, hiding an entry that a pending move has taken away. */
    MetadataPair.Entry entry(MetadataPair m, int id) {
        int raw = id;
        if (hasMoveHere(gdisk, m.pair) && Tag.id(gdisk[0]) <= id) {
            raw = id + 1;
        }
        return raw < m.count() ? m.entries.get(raw) : null;
    }

    /** The name and type of an entry, or null when it is not a file or folder. */
    MetadataPair.Attr nameOf(MetadataPair m, int id) {
        MetadataPair.Entry e = entry(m, id);
        if (e == null) {
            return null;
        }
        MetadataPair.Attr n = e.name();
        return n != null && (n.type() & 0x780) == 0 ? n : null;
    }

    MetadataPair.Attr structOf(MetadataPair m, int id) {
        MetadataPair.Entry e = entry(m, id);
        MetadataPair.Attr s = e == null ? null : e.struct();
        if (s == null) {
            throw new LfsException(LfsException.NOENT);
        }
        return s;
    }

    MetadataPair fetch(int[] pair) {
        return MetadataPair.fetch(this, pair);
    }

    // ---- block allocation ----

    void allocAck() {
        freeAck = dev.blockCount;
    }

    private void allocDrop() {
        freeSize = 0;
        freeI = 0;
        allocAck();
    }

    private boolean used(int i) {
        return (lookahead[i / 32] & (1 << (i % 32))) != 0;
    }

    private void scanFree() {
        int count = dev.blockCount;
        freeOff = (int) ((Integer.toUnsignedLong(freeOff) + freeI) % count);
        freeSize = Math.min(lookaheadBits, freeAck);
        freeI = 0;
        Arrays.fill(lookahead, 0);
        try {
            traverse(block -> {
                long off = ((Integer.toUnsignedLong(block) - Integer.toUnsignedLong(freeOff)) + count) & 0xffffffffL;
                off %= count;
                if (off < freeSize) {
                    lookahead[(int) off / 32] |= 1 << (off % 32);
                }
            }, true);
        } catch (LfsException e) {
            allocDrop();
            throw e;
        }
    }

    /** A free block; NOSPC when every block has been looked at since the last acknowledgement. */
    int alloc() {
        while (true) {
            while (freeI != freeSize) {
                int off = freeI;
                freeI++;
                freeAck--;
                if (!used(off)) {
                    int block = (int) ((Integer.toUnsignedLong(freeOff) + off) % dev.blockCount);
                    while (freeI != freeSize && used(freeI)) {
                        freeI++;
                        freeAck--;
                    }
                    return block;
                }
            }
            if (freeAck == 0) {
                throw new LfsException(LfsException.NOSPC);
            }
            scanFree();
        }
    }

    // ---- walking the metadata pairs ----

    /** Detects a cycle in the tail list (Brent's method). */
    private static final class CycleCheck {
        private final int[] tortoise = {-1, -1};
        private int i = 1;
        private int period = 1;

        void step(int[] tail) {
            if (MetadataPair.inSync(tail, tortoise)) {
                throw new LfsException(LfsException.CORRUPT);
            }
            if (i == period) {
                tortoise[0] = tail[0];
                tortoise[1] = tail[1];
                i = 0;
                period *= 2;
            }
            i++;
        }
    }

    /** Reports every block in use: metadata pairs, files, and blocks of open files. */
    void traverse(IntConsumer each, boolean includeOrphans) {
        int[] tail = SUPERBLOCK_PAIR.clone();
        CycleCheck cycle = new CycleCheck();
        while (!MetadataPair.isNull(tail)) {
            cycle.step(tail);
            each.accept(tail[0]);
            each.accept(tail[1]);
            MetadataPair m = fetch(tail);
            for (int id = 0; id < m.count(); id++) {
                MetadataPair.Entry e = entry(m, id);
                MetadataPair.Attr s = e == null ? null : e.struct();
                if (s == null) {
                    continue;
                }
                if (s.type() == Tag.CTZSTRUCT && s.data().length >= 8) {
                    CtzList.traverse(dev, null, LfsDevice.le32(s.data(), 0), LfsDevice.le32(s.data(), 4), each);
                } else if (includeOrphans && s.type() == Tag.DIRSTRUCT && s.data().length >= 8) {
                    each.accept(LfsDevice.le32(s.data(), 0));
                    each.accept(LfsDevice.le32(s.data(), 4));
                }
            }
            tail = m.tail.clone();
        }
        for (Tracked t : new ArrayList<>(tracked)) {
            if (t instanceof Lfs2File f) {
                f.traverseBlocks(each);
            }
        }
    }

    int size() {
        int[] n = {0};
        traverse(b -> n[0]++, false);
        return n[0];
    }

    /** The pair whose tail is {@code pair}, or null. */
    MetadataPair predecessor(int[] pair) {
        int[] tail = SUPERBLOCK_PAIR.clone();
        MetadataPair pdir = new MetadataPair();
        pdir.tail[0] = 0;
        pdir.tail[1] = 1;
        CycleCheck cycle = new CycleCheck();
        while (!MetadataPair.isNull(tail)) {
            cycle.step(tail);
            if (MetadataPair.same(tail, pair)) {
                return pdir;
            }
            pdir = fetch(tail);
            tail = pdir.tail.clone();
        }
        return null;
    }

    /** The pair holding the folder entry that points at {@code pair}, with that entry's tag. */
    record Parent(MetadataPair dir, int tag) {}

    Parent parent(int[] pair) {
        int[] tail = SUPERBLOCK_PAIR.clone();
        CycleCheck cycle = new CycleCheck();
        while (!MetadataPair.isNull(tail)) {
            cycle.step(tail);
            MetadataPair m = fetch(tail);
            for (int id = 0; id < m.count(); id++) {
                MetadataPair.Entry e = entry(m, id);
                MetadataPair.Attr s = e == null ? null : e.struct();
                if (s != null && s.type() == Tag.DIRSTRUCT && s.data().length == 8 && MetadataPair.same(pairOf(s.data()), pair)) {
                    return new Parent(m, Tag.make(Tag.DIRSTRUCT, id, 8));
                }
            }
            tail = m.tail.clone();
        }
        return null;
    }

    // ---- format and mount ----

    private byte[] superblockData() {
        byte[] sb = new byte[24];
        LfsDevice.putLe32(sb, 0, DISK_VERSION);
        LfsDevice.putLe32(sb, 4, dev.blockSize);
        LfsDevice.putLe32(sb, 8, dev.blockCount);
        LfsDevice.putLe32(sb, 12, nameMax);
        LfsDevice.putLe32(sb, 16, fileMax);
        LfsDevice.putLe32(sb, 20, attrMax);
        return sb;
    }

    void format() {
        dev.blockCount = dev.deviceBlockCount;
        Arrays.fill(lookahead, 0);
        freeOff = 0;
        freeSize = Math.min(lookaheadBits, dev.blockCount);
        freeI = 0;
        allocAck();
        MetadataPair rootDir = allocPair();
        commit(rootDir, List.of(
                new MAttr(Tag.make(Tag.CREATE, 0, 0), null),
                new MAttr(Tag.make(Tag.SUPERBLOCK, 0, 8), MAGIC),
                new MAttr(Tag.make(Tag.INLINESTRUCT, 0, 24), superblockData())));
        // compact once more so that no older file system survives in the other block
        rootDir.erased = false;
        commit(rootDir, List.of());
        fetch(SUPERBLOCK_PAIR);
    }

    void mount() {
        int[] tail = SUPERBLOCK_PAIR.clone();
        CycleCheck cycle = new CycleCheck();
        while (!MetadataPair.isNull(tail)) {
            cycle.step(tail);
            MetadataPair m = fetch(tail);
            MetadataPair.Entry e = entry(m, 0);
            MetadataPair.Attr name = e == null ? null : e.name();
            if (name != null && name.type() == Tag.SUPERBLOCK && Arrays.equals(name.data(), MAGIC)) {
                root[0] = m.pair[0];
                root[1] = m.pair[1];
                MetadataPair.Attr s = e.struct();
                if (s == null || s.type() != Tag.INLINESTRUCT) {
                    throw new LfsException(LfsException.NOENT);
                }
                byte[] sb = Arrays.copyOf(s.data(), 24);
                int version = LfsDevice.le32(sb, 0);
                int major = version >>> 16;
                int minor = version & 0xffff;
                if (major != (DISK_VERSION >>> 16) || minor > (DISK_VERSION & 0xffff)) {
                    throw new LfsException(LfsException.INVAL);
                }
                if (minor < (DISK_VERSION & 0xffff)) {
                    prepSuperblock(true);
                }
                nameMax = limit(LfsDevice.le32(sb, 12), nameMax);
                fileMax = limit(LfsDevice.le32(sb, 16), fileMax);
                attrMax = limit(LfsDevice.le32(sb, 20), attrMax);
                int blocks = LfsDevice.le32(sb, 8);
                if (dev.deviceBlockCount != 0 && blocks != dev.deviceBlockCount) {
                    throw new LfsException(LfsException.INVAL);
                }
                dev.blockCount = blocks;
                if (LfsDevice.le32(sb, 4) != dev.blockSize) {
                    throw new LfsException(LfsException.INVAL);
                }
            }
            xorInto(gstate, m.gstate);
            tail = m.tail.clone();
        }
        if (!Tag.isValid(gstate[0])) {
            gstate[0] += 1;
        }
        gdisk = gstate.clone();
        freeOff = (int) (Integer.toUnsignedLong(seed) % dev.blockCount);
        allocDrop();
    }

    private static int limit(int stored, int ours) {
        if (stored == 0) {
            return ours;
        }
        if (Integer.compareUnsigned(stored, ours) > 0) {
            throw new LfsException(LfsException.INVAL);
        }
        return stored;
    }

    // ---- commits ----

    /** A new metadata pair, not yet written: two free blocks and a revision to continue from. */
    MetadataPair allocPair() {
        MetadataPair m = new MetadataPair();
        m.pair[1] = alloc();
        m.pair[0] = alloc();
        int rev = 0;
        try {
            rev = dev.readLe32(m.pair[0], 0);
        } catch (LfsException e) {
            if (e.errno != LfsException.CORRUPT) {
                throw e;
            }
        }
        m.rev = alignUp(rev, (BLOCK_CYCLES + 1) | 1);
        m.off = 4;
        m.etag = 0xffffffff;
        m.erased = false;
        m.split = false;
        return m;
    }

    private static boolean needsRelocation(MetadataPair m) {
        return Integer.remainderUnsigned(m.rev + 1, (BLOCK_CYCLES + 1) | 1) == 0;
    }

    /** Commits attributes to a pair, then repairs what a relocation may have orphaned. */
    void commit(MetadataPair dir, List<MAttr> attrs) {
        if (orphaningCommit(dir, attrs) == ORPHANED) {
            deorphan(false);
        }
    }

    private int orphaningCommit(MetadataPair dir, List<MAttr> attrs) {
        int[] lpair = dir.pair.clone();
        MetadataPair[] pred = new MetadataPair[1];
        int state = relocatingCommit(dir, lpair, attrs, pred);
        MetadataPair ldir = dir;
        if (state == DROPPED) {
            // the emptied pair leaves the list: its predecessor takes its tail and global state
            xorInto(gdelta, dir.gstate);
            MetadataPair p = pred[0];
            lpair = p.pair.clone();
            state = relocatingCommit(p, lpair, List.of(new MAttr(Tag.make(Tag.TAIL + (dir.split ? 1 : 0), Tag.NO_ID, 8), pairBytes(dir.tail))), null);
            ldir = p;
        }
        boolean orphans = false;
        while (state == RELOCATED) {
            state = OK;
            if (MetadataPair.same(lpair, root)) {
                root[0] = ldir.pair[0];
                root[1] = ldir.pair[1];
            }
            for (Tracked t : tracked) {
                if (MetadataPair.same(lpair, t.m.pair)) {
                    t.m.pair[0] = ldir.pair[0];
                    t.m.pair[1] = ldir.pair[1];
                }
            }
            Parent parent = parent(lpair);
            boolean hasParent = parent != null;
            if (hasParent) {
                prepOrphans(+1);
                int tag = parent.tag();
                int moveId = fixMoveIn(parent.dir());
                if (moveId != Tag.NO_ID && moveId < Tag.id(tag)) {
                    tag -= Tag.make(0, 1, 0);
                }
                int[] ppair = parent.dir().pair.clone();
                List<MAttr> a = new ArrayList<>();
                if (moveId != Tag.NO_ID) {
                    a.add(new MAttr(Tag.make(Tag.DELETE, moveId, 0), null));
                }
                a.add(new MAttr(tag, pairBytes(ldir.pair)));
                state = relocatingCommit(parent.dir(), ppair, a, null);
                if (state == RELOCATED) {
                    lpair = ppair;
                    ldir = parent.dir();
                    orphans = true;
                    continue;
                }
            }
            MetadataPair p = predecessor(lpair);
            if (p != null) {
                if (hasOrphans(gstate)) {
                    prepOrphans(hasParent ? -1 : 0);
                }
                int moveId = fixMoveIn(p);
                lpair = p.pair.clone();
                List<MAttr> a = new ArrayList<>();
                if (moveId != Tag.NO_ID) {
                    a.add(new MAttr(Tag.make(Tag.DELETE, moveId, 0), null));
                }
                a.add(new MAttr(Tag.make(Tag.TAIL + (p.split ? 1 : 0), Tag.NO_ID, 8), pairBytes(ldir.pair)));
                state = relocatingCommit(p, lpair, a, null);
                ldir = p;
            }
        }
        return orphans ? ORPHANED : OK;
    }

    /** A pending move out of this pair is finished by the commit about to be made: its id, or NO_ID. */
    private int fixMoveIn(MetadataPair m) {
        if (hasMoveHere(gstate, m.pair)) {
            int id = Tag.id(gstate[0]);
            prepMove(Tag.NO_ID, null);
            return id;
        }
        return Tag.NO_ID;
    }

    private int relocatingCommit(MetadataPair dir, int[] oldPair, List<MAttr> attrs, MetadataPair[] predOut) {
        List<MetadataPair.Entry> applied = MetadataPair.copyEntries(dir.entries);
        boolean hasDelete = false;
        for (MAttr a : attrs) {
            int type3 = Tag.type3(a.tag());
            if (type3 == Tag.DELETE) {
                hasDelete = true;
            }
            if (Tag.type1(a.tag()) == Tag.TAIL) {
                int[] t = pairOf(a.data());
                dir.tail[0] = t[0];
                dir.tail[1] = t[1];
                dir.split = (Tag.chunk(a.tag()) & 1) != 0;
            } else {
                MetadataPair.apply(applied, a.tag(), a.data());
            }
        }
        if (hasDelete && applied.isEmpty() && predOut != null) {
            MetadataPair p = predecessor(dir.pair);
            if (p != null && p.split) {
                predOut[0] = p;
                dir.entries = applied;
                fixTracked(dir, oldPair, attrs);
                return DROPPED;
            }
        }
        if (dir.erased) {
            try {
                CommitWriter w = new CommitWriter(dev, dir.pair[0], dir.off, dir.etag, dev.blockSize - 8);
                for (MAttr a : attrs) {
                    w.attr(a.tag(), a.data());
                }
                int[] delta = gstate.clone();
                xorInto(delta, gdisk);
                xorInto(delta, gdelta);
                delta[0] &= ~Tag.make(0, 0, 0x3ff);
                int[] newG = dir.gstate;
                if (!isZero(delta)) {
                    xorInto(delta, dir.gstate);
                    w.attr(Tag.make(Tag.MOVESTATE, Tag.NO_ID, 12), gstateBytes(delta));
                    newG = delta;
                }
                w.finish();
                dir.off = w.off;
                dir.etag = w.ptag;
                dir.entries = applied;
                dir.gstate = newG;
                gdisk = gstate.clone();
                gdelta = new int[3];
                fixTracked(dir, oldPair, attrs);
                return OK;
            } catch (LfsException e) {
                if (e.errno != LfsException.NOSPC && e.errno != LfsException.CORRUPT) {
                    throw e;
                }
            }
        }
        int state = splittingCompact(dir, applied, 0, applied.size());
        fixTracked(dir, oldPair, attrs);
        return state;
    }

    /** Brings open files in a committed pair up to date: their ids shift with creates and deletes. */
    private void fixTracked(MetadataPair dir, int[] oldPair, List<MAttr> attrs) {
        for (Tracked t : new ArrayList<>(tracked)) {
            if (t.m == null || !MetadataPair.same(t.m.pair, oldPair)) {
                continue;
            }
            if (t.m != dir) {
                t.m.copyFrom(dir);
                for (MAttr a : attrs) {
                    int type3 = Tag.type3(a.tag());
                    int id = Tag.id(a.tag());
                    if (type3 == Tag.DELETE && t.id == id) {
                        t.m.pair[0] = -1;
                        t.m.pair[1] = -1;
                    } else if (type3 == Tag.DELETE && t.id > id) {
                        t.id--;
                    } else if (type3 == Tag.CREATE && t.id >= id) {
                        t.id++;
                    }
                }
            }
            while (t.id >= t.m.count() && t.m.split) {
                t.id -= t.m.count();
                t.m = fetch(t.m.tail);
            }
        }
    }

    private int splittingCompact(MetadataPair dir, List<MetadataPair.Entry> applied, int begin, int end) {
        while (true) {
            int split = begin;
            while (end - split > 1) {
                int size = 0;
                for (int i = split; i < end; i++) {
                    size += applied.get(i).diskSize();
                }
                if (end - split < 0xff && size <= Math.min(dev.blockSize - 40, alignUp(dev.blockSize / 2, dev.progSize))) {
                    break;
                }
                split = split + (end - split) / 2;
            }
            if (split == begin) {
                break;
            }
            try {
                splitOff(dir, applied, split, end);
            } catch (LfsException e) {
                if (e.errno != LfsException.NOSPC) {
                    throw e;
                }
                break;
            }
            end = split;
        }
        if (needsRelocation(dir) && MetadataPair.same(dir.pair, SUPERBLOCK_PAIR)) {
            // the superblock pair wears out: move its contents to a new pair while space allows
            int used = size();
            if (Integer.compareUnsigned(used, dev.blockCount / 2) < 0) {
                try {
                    splitOff(dir, applied, begin, end);
                    end = begin;
                } catch (LfsException e) {
                    if (e.errno != LfsException.NOSPC) {
                        throw e;
                    }
                }
            }
        }
        return compact(dir, applied, begin, end);
    }

    /** Moves entries [split, end) to a new pair that follows {@code dir}. */
    private void splitOff(MetadataPair dir, List<MetadataPair.Entry> applied, int split, int end) {
        MetadataPair tail = allocPair();
        tail.split = dir.split;
        tail.tail[0] = dir.tail[0];
        tail.tail[1] = dir.tail[1];
        compact(tail, applied, split, end);
        dir.tail[0] = tail.pair[0];
        dir.tail[1] = tail.pair[1];
        dir.split = true;
        if (MetadataPair.same(dir.pair, root) && split == 0) {
            root[0] = tail.pair[0];
            root[1] = tail.pair[1];
        }
    }

    /** Rewrites entries [begin, end) into the pair's other block, moving to a new block when worn or bad. */
    private int compact(MetadataPair dir, List<MetadataPair.Entry> applied, int begin, int end) {
        boolean relocated = false;
        boolean tired = needsRelocation(dir);
        dir.rev += 1;
        boolean relocateNow = tired && !MetadataPair.same(dir.pair, SUPERBLOCK_PAIR);
        while (true) {
            if (!relocateNow) {
                try {
                    dev.erase(dir.pair[1]);
                    CommitWriter w = new CommitWriter(dev, dir.pair[1], 0, 0xffffffff, dev.blockSize - 8);
                    w.revision(dir.rev);
                    for (int id = begin; id < end; id++) {
                        for (MetadataPair.Attr a : applied.get(id).attrs.values()) {
                            w.attr(Tag.make(a.type(), id - begin, a.data().length), a.data());
                        }
                    }
                    if (!MetadataPair.isNull(dir.tail)) {
                        w.attr(Tag.make(Tag.TAIL + (dir.split ? 1 : 0), Tag.NO_ID, 8), pairBytes(dir.tail));
                    }
                    int[] delta = new int[3];
                    if (!relocated) {
                        xorInto(delta, gdisk);
                        xorInto(delta, gstate);
                    }
                    xorInto(delta, gdelta);
                    delta[0] &= ~Tag.make(0, 0, 0x3ff);
                    xorInto(delta, dir.gstate);
                    if (!isZero(delta)) {
                        w.attr(Tag.make(Tag.MOVESTATE, Tag.NO_ID, 12), gstateBytes(delta));
                    }
                    w.finish();
                    int t = dir.pair[0];
                    dir.pair[0] = dir.pair[1];
                    dir.pair[1] = t;
                    dir.off = w.off;
                    dir.etag = w.ptag;
                    dir.entries = MetadataPair.copyEntries(applied.subList(begin, end));
                    dir.gstate = isZero(delta) ? null : delta;
                    gdelta = new int[3];
                    if (!relocated) {
                        gdisk = gstate.clone();
                    }
                    break;
                } catch (LfsException e) {
                    if (e.errno != LfsException.CORRUPT) {
                        throw e;
                    }
                }
            }
            relocated = true;
            relocateNow = false;
            if (MetadataPair.same(dir.pair, SUPERBLOCK_PAIR)) {
                throw new LfsException(LfsException.NOSPC);
            }
            try {
                dir.pair[1] = alloc();
            } catch (LfsException e) {
                if (e.errno != LfsException.NOSPC || !tired) {
                    throw e;
                }
            }
            tired = false;
        }
        return relocated ? RELOCATED : OK;
    }

    // ---- consistency after power loss ----

    void forceConsistency() {
        if (needsSuperblock(gstate)) {
            MetadataPair r = fetch(root);
            commit(r, List.of(new MAttr(Tag.make(Tag.INLINESTRUCT, 0, 24), superblockData())));
            prepSuperblock(false);
        }
        if (hasMove(gdisk)) {
            MetadataPair moved = fetch(new int[] {gdisk[1], gdisk[2]});
            int id = Tag.id(gdisk[0]);
            prepMove(Tag.NO_ID, null);
            commit(moved, List.of(new MAttr(Tag.make(Tag.DELETE, id, 0), null)));
        }
        deorphan(true);
    }

    /**
     * Repairs the tail list: pairs whose parent points elsewhere (half-finished relocations)
     * and, after power loss, folders no entry points at.
     */
    void deorphan(boolean powerLoss) {
        if (!hasOrphans(gstate)) {
            return;
        }
        int pass = 0;
        while (pass < 2) {
            MetadataPair pdir = new MetadataPair();
            pdir.split = true;
            pdir.tail[0] = 0;
            pdir.tail[1] = 1;
            boolean more = false;
            while (!MetadataPair.isNull(pdir.tail)) {
                MetadataPair dir = fetch(pdir.tail);
                if (!pdir.split) {
                    Parent parent = parent(pdir.tail);
                    if (pass == 0 && parent != null) {
                        int[] pair = pairOf(structOf(parent.dir(), Tag.id(parent.tag())).data());
                        if (!MetadataPair.inSync(pair, pdir.tail)) {
                            int moveId = fixMoveIn(pdir);
                            List<MAttr> a = new ArrayList<>();
                            if (moveId != Tag.NO_ID) {
                                a.add(new MAttr(Tag.make(Tag.DELETE, moveId, 0), null));
                            }
                            a.add(new MAttr(Tag.make(Tag.SOFTTAIL, Tag.NO_ID, 8), pairBytes(pair)));
                            if (orphaningCommit(pdir, a) == ORPHANED) {
                                more = true;
                            }
                            continue;
                        }
                    }
                    if (pass == 1 && parent == null && powerLoss) {
                        xorInto(gdelta, dir.gstate);
                        List<MAttr> a = List.of(new MAttr(Tag.make(Tag.TAIL + (dir.split ? 1 : 0), Tag.NO_ID, 8), pairBytes(dir.tail)));
                        if (orphaningCommit(pdir, a) == ORPHANED) {
                            more = true;
                        }
                        continue;
                    }
                }
                pdir = dir;
            }
            pass = more ? 0 : pass + 1;
        }
        prepOrphans(-orphanCount(gstate));
    }

    // ---- paths ----

    /** What a path leads to. */
    static final class Found {
        /** The pair the last name was looked up in (null for the root). */
        MetadataPair dir;
        /** The entry's type and id when found (id NO_ID for the root). */
        int tag;
        /** 0 when found, else NOENT or NOTDIR. */
        int err;
        /** Where the last name is or would go, NO_ID when a folder on the way is missing. */
        int id = Tag.NO_ID;
        /** The rest of the path from the last name looked up. */
        byte[] name;

        int type() {
            return Tag.type3(tag);
        }

        int entryId() {
            return Tag.id(tag);
        }

        void check() {
            if (err != 0) {
                throw new LfsException(err);
            }
        }
    }

    /** Compares a stored name with a name being looked up: -1 below, 0 equal, 1 above (littlefs's order). */
    private static int compareName(byte[] disk, byte[] path, int at, int len) {
        int n = Math.min(disk.length, len);
        for (int i = 0; i < n; i++) {
            int a = disk[i] & 0xff;
            int b = path[at + i] & 0xff;
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        if (len != disk.length) {
            return len < disk.length ? -1 : 1;
        }
        return 0;
    }

    Found find(byte[] path) {
        Found f = new Found();
        int tag = Tag.make(Tag.DIR, Tag.NO_ID, 0);
        int[] tail = root.clone();
        MetadataPair dir = null;
        int p = 0;
        while (true) {
            p = LittlefsPath.nextName(path, p);
            int len = LittlefsPath.nameLength(path, p);
            if (p >= path.length) {
                f.tag = tag;
                f.dir = dir;
                return f;
            }
            f.name = Arrays.copyOfRange(path, p, path.length);
            if (Tag.type3(tag) != Tag.DIR) {
                f.err = LfsException.NOTDIR;
                f.dir = dir;
                return f;
            }
            if (Tag.id(tag) != Tag.NO_ID) {
                tail = pairOf(structOf(dir, Tag.id(tag)).data());
            }
            boolean last = true;
            for (int i = p; i < path.length; i++) {
                if (path[i] == '/') {
                    last = false;
                    break;
                }
            }
            while (true) {
                dir = fetch(tail);
                int count = dir.count();
                int insert = count;
                int found = -1;
                int foundType = 0;
                for (int id = 0; id < count; id++) {
                    MetadataPair.Attr n = nameOf(dir, id);
                    if (n == null) {
                        continue;
                    }
                    int c = compareName(n.data(), path, p, len);
                    if (c == 0) {
                        found = id;
                        foundType = n.type();
                        break;
                    }
                    if (c > 0 && insert == count) {
                        insert = id;
                    }
                }
                if (last) {
                    f.id = found >= 0 ? found : insert;
                }
                if (found >= 0) {
                    tag = Tag.make(foundType, found, 0);
                    break;
                }
                if (insert < count || !dir.split) {
                    f.err = LfsException.NOENT;
                    f.dir = dir;
                    return f;
                }
                tail = dir.tail.clone();
            }
            p += len;
        }
    }

    // ---- directory operations ----

    /** A file or folder's type (Tag.REG or Tag.DIR), name and size. */
    record Info(int type, byte[] name, int size) {}

    Info info(MetadataPair m, int id) {
        if (id == Tag.NO_ID) {
            return new Info(Tag.DIR, new byte[] {'/'}, 0);
        }
        MetadataPair.Attr n = nameOf(m, id);
        if (n == null) {
            return null;
        }
        MetadataPair.Attr s = entry(m, id).struct();
        int size = 0;
        if (s != null && s.type() == Tag.CTZSTRUCT && s.data().length >= 8) {
            size = LfsDevice.le32(s.data(), 4);
        } else if (s != null && s.type() == Tag.INLINESTRUCT) {
            size = s.data().length;
        }
        return new Info(n.type(), n.data(), size);
    }

    Info stat(byte[] path) {
        Found f = find(path);
        f.check();
        Info i = info(f.dir, f.entryId());
        if (i == null) {
            throw new LfsException(LfsException.NOENT);
        }
        return i;
    }

    /** A user attribute of a path, or null when it has none. */
    byte[] getAttr(byte[] path, int type) {
        Found f = find(path);
        f.check();
        MetadataPair m = f.dir;
        int id = f.entryId();
        if (id == Tag.NO_ID) {
            id = 0;
            m = fetch(root);
        }
        MetadataPair.Entry e = entry(m, id);
        MetadataPair.Attr a = e == null ? null : e.attrs.get(Tag.USERATTR + type);
        return a == null ? null : a.data();
    }

    List<Info> list(byte[] path) {
        Found f = find(path);
        f.check();
        if (f.type() != Tag.DIR) {
            throw new LfsException(LfsException.NOTDIR);
        }
        int[] pair = f.entryId() == Tag.NO_ID ? root.clone() : pairOf(structOf(f.dir, f.entryId()).data());
        MetadataPair m = fetch(pair);
        List<Info> out = new ArrayList<>();
        while (true) {
            for (int id = 0; id < m.count(); id++) {
                Info i = info(m, id);
                if (i != null) {
                    out.add(i);
                }
            }
            if (!m.split) {
                return out;
            }
            m = fetch(m.tail);
        }
    }

    void mkdir(byte[] path) {
        forceConsistency();
        Found f = find(path);
        if (!(f.err == LfsException.NOENT && f.id != Tag.NO_ID)) {
            throw new LfsException(f.err != 0 ? f.err : LfsException.EXIST);
        }
        if (f.name.length > nameMax) {
            throw new LfsException(LfsException.NAMETOOLONG);
        }
        allocAck();
        MetadataPair dir = allocPair();
        MetadataPair pred = f.dir.copy();
        while (pred.split) {
            pred = fetch(pred.tail);
        }
        commit(dir, List.of(new MAttr(Tag.make(Tag.SOFTTAIL, Tag.NO_ID, 8), pairBytes(pred.tail))));
        Tracked cwd = new Tracked();
        cwd.m = f.dir;
        if (f.dir.split) {
            prepOrphans(+1);
            tracked.add(cwd);
            try {
                commit(pred, List.of(new MAttr(Tag.make(Tag.SOFTTAIL, Tag.NO_ID, 8), pairBytes(dir.pair))));
            } finally {
                tracked.remove(cwd);
            }
            prepOrphans(-1);
        }
        List<MAttr> a = new ArrayList<>();
        a.add(new MAttr(Tag.make(Tag.CREATE, f.id, 0), null));
        a.add(new MAttr(Tag.make(Tag.DIR, f.id, f.name.length), f.name));
        a.add(new MAttr(Tag.make(Tag.DIRSTRUCT, f.id, 8), pairBytes(dir.pair)));
        if (!cwd.m.split) {
            a.add(new MAttr(Tag.make(Tag.SOFTTAIL, Tag.NO_ID, 8), pairBytes(dir.pair)));
        }
        commit(cwd.m, a);
    }

    void remove(byte[] path) {
        forceConsistency();
        Found f = find(path);
        f.check();
        if (f.entryId() == Tag.NO_ID) {
            throw new LfsException(LfsException.INVAL);
        }
        Tracked child = null;
        if (f.type() == Tag.DIR) {
            MetadataPair d = fetch(pairOf(structOf(f.dir, f.entryId()).data()));
            if (d.count() > 0 || d.split) {
                throw new LfsException(LfsException.NOTEMPTY);
            }
            prepOrphans(+1);
            child = new Tracked();
            child.m = d;
            tracked.add(child);
        }
        try {
            commit(f.dir, List.of(new MAttr(Tag.make(Tag.DELETE, f.entryId(), 0), null)));
        } finally {
            if (child != null) {
                tracked.remove(child);
            }
        }
        if (child != null) {
            prepOrphans(-1);
            MetadataPair pred = predecessor(child.m.pair);
            if (pred == null) {
                throw new LfsException(LfsException.NOENT);
            }
            dropPair(pred, child.m);
        }
    }

    /** Takes an emptied folder's pair out of the tail list. */
    private void dropPair(MetadataPair pred, MetadataPair gone) {
        xorInto(gdelta, gone.gstate);
        commit(pred, List.of(new MAttr(Tag.make(Tag.TAIL + (gone.split ? 1 : 0), Tag.NO_ID, 8), pairBytes(gone.tail))));
    }

    void rename(byte[] oldPath, byte[] newPath) {
        forceConsistency();
        Found from = find(oldPath);
        from.check();
        if (from.entryId() == Tag.NO_ID) {
            throw new LfsException(LfsException.INVAL);
        }
        Found to = find(newPath);
        if ((to.err != 0 || to.entryId() == Tag.NO_ID) && !(to.err == LfsException.NOENT && to.id != Tag.NO_ID)) {
            throw new LfsException(to.err != 0 ? to.err : LfsException.INVAL);
        }
        boolean samePair = MetadataPair.same(from.dir.pair, to.dir.pair);
        int oldId = from.entryId();
        int newOldId = oldId;
        boolean replacing = to.err == 0;
        Tracked prev = null;
        if (!replacing) {
            if (to.name.length > nameMax) {
                throw new LfsException(LfsException.NAMETOOLONG);
            }
            if (samePair && to.id <= newOldId) {
                newOldId++;
            }
        } else if (to.type() != from.type()) {
            throw new LfsException(LfsException.ISDIR);
        } else if (samePair && to.id == newOldId) {
            return;
        } else if (to.type() == Tag.DIR) {
            MetadataPair d = fetch(pairOf(structOf(to.dir, to.id).data()));
            if (d.count() > 0 || d.split) {
                throw new LfsException(LfsException.NOTEMPTY);
            }
            prepOrphans(+1);
            prev = new Tracked();
            prev.m = d;
            tracked.add(prev);
        }
        try {
            if (!samePair) {
                prepMove(newOldId, from.dir.pair);
            }
            List<MAttr> a = new ArrayList<>();
            if (replacing) {
                a.add(new MAttr(Tag.make(Tag.DELETE, to.id, 0), null));
            }
            a.add(new MAttr(Tag.make(Tag.CREATE, to.id, 0), null));
            a.add(new MAttr(Tag.make(from.type(), to.id, to.name.length), to.name));
            // the moved entry keeps its structure and user attributes
            MetadataPair.Entry moved = from.dir.entries.get(oldId);
            for (MetadataPair.Attr attr : moved.attrs.values()) {
                if ((attr.type() & 0x600) == Tag.STRUCT) {
                    a.add(new MAttr(Tag.make(attr.type(), to.id, attr.data().length), attr.data()));
                }
            }
            if (samePair) {
                a.add(new MAttr(Tag.make(Tag.DELETE, newOldId, 0), null));
            }
            commit(to.dir, a);
            if (!samePair && hasMove(gstate)) {
                prepMove(Tag.NO_ID, null);
                commit(from.dir, List.of(new MAttr(Tag.make(Tag.DELETE, oldId, 0), null)));
            }
        } finally {
            if (prev != null) {
                tracked.remove(prev);
            }
        }
        if (prev != null) {
            prepOrphans(-1);
            MetadataPair pred = predecessor(prev.m.pair);
            if (pred == null) {
                throw new LfsException(LfsException.NOENT);
            }
            dropPair(pred, prev.m);
        }
    }
}
