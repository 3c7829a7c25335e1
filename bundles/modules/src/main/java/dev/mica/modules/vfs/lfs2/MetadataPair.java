package dev.mica.modules.vfs.lfs2;

import dev.mica.modules.vfs.LittlefsCrc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metadata pair as read from its newer block: the log's end (where the next commit goes),
 * the entries it describes after replaying every valid commit, its tail pointer and its share
 * of the global state.
 */
final class MetadataPair {
    /** One attribute of an entry: its full type and its data. */
    record Attr(int type, byte[] data) {}

    /** A directory entry (or the superblock entry): its attributes by slot. */
    static final class Entry {
        final TreeMap<Integer, Attr> attrs = new TreeMap<>();

        Entry copy() {
            Entry e = new Entry();
            e.attrs.putAll(attrs);
            return e;
        }

        Attr name() {
            return attrs.get(Tag.NAME);
        }

        Attr struct() {
            return attrs.get(Tag.STRUCT);
        }

        int diskSize() {
            int n = 0;
            for (Attr a : attrs.values()) {
                n += 4 + a.data().length;
            }
            return n;
        }
    }

    /** pair[0] holds the newest commits. */
    final int[] pair = {-1, -1};
    int rev;
    /** Where the next commit starts; 0 when nothing valid was found. */
    int off;
    /** The tag the next commit's first tag is XORed with. */
    int etag;
    final int[] tail = {-1, -1};
    boolean split;
    /** Whether the space after the log is known to be unwritten, so commits may be appended. */
    boolean erased;
    List<Entry> entries = new ArrayList<>();
    /** This pair's global state delta (tag, pair0, pair1), or null. */
    int[] gstate;

    int count() {
        return entries.size();
    }

    MetadataPair copy() {
        MetadataPair m = new MetadataPair();
        m.copyFrom(this);
        return m;
    }

    void copyFrom(MetadataPair o) {
        pair[0] = o.pair[0];
        pair[1] = o.pair[1];
        rev = o.rev;
        off = o.off;
        etag = o.etag;
        tail[0] = o.tail[0];
        tail[1] = o.tail[1];
        split = o.split;
        erased = o.erased;
        entries = copyEntries(o.entries);
        gstate = o.gstate == null ? null : o.gstate.clone();
    }

    static List<Entry> copyEntries(List<Entry> from) {
        List<Entry> out = new ArrayList<>(from.size());
        for (Entry e : from) {
            out.add(e.copy());
        }
        return out;
    }

    static boolean isNull(int[] pair) {
        return pair[0] == -1 || pair[1] == -1;
    }

    /** Whether two pairs share a block (littlefs's test for "the same pair"). */
    static boolean same(int[] a, int[] b) {
        return a[0] == b[0] || a[1] == b[1] || a[0] == b[1] || a[1] == b[0];
    }

    static boolean inSync(int[] a, int[] b) {
        return (a[0] == b[0] && a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
    }

    /**
     * Applies one attribute of a commit to entries: creates and deletes shift ids, the others
     * set or remove a slot; tails and global state are the caller's.
     */
    static void apply(List<Entry> entries, int tag, byte[] data) {
        int type3 = Tag.type3(tag);
        int type1 = Tag.type1(tag);
        int id = Tag.id(tag);
        if (type3 == Tag.CREATE) {
            while (entries.size() < id) {
                entries.add(new Entry());
            }
            entries.add(id, new Entry());
        } else if (type3 == Tag.DELETE) {
            if (id < entries.size()) {
                entries.remove(id);
            }
        } else if (type1 == Tag.NAME || type1 == Tag.STRUCT || type1 == Tag.USERATTR) {
            if (id == Tag.NO_ID) {
                return;
            }
            while (entries.size() <= id) {
                entries.add(new Entry());
            }
            Map<Integer, Attr> attrs = entries.get(id).attrs;
            if (Tag.isDelete(tag)) {
                attrs.remove(Tag.slot(type3));
            } else {
                attrs.put(Tag.slot(type3), new Attr(type3, data));
            }
        }
    }

    /**
     * Reads a metadata pair: picks the block with the newer revision and replays its valid
     * commits (falling back to the other block when it has none). CORRUPT when neither block
     * has a valid commit.
     */
    static MetadataPair fetch(Lfs2 fs, int[] pairIn) {
        LfsDevice dev = fs.dev;
        if (Integer.compareUnsigned(pairIn[0], dev.blockCount) >= 0 || Integer.compareUnsigned(pairIn[1], dev.blockCount) >= 0) {
            throw new LfsException(LfsException.CORRUPT);
        }
        int[] revs = new int[2];
        boolean[] readable = new boolean[2];
        for (int i = 0; i < 2; i++) {
            try {
                revs[i] = dev.readLe32(pairIn[i], 0);
                readable[i] = true;
            } catch (LfsException e) {
                if (e.errno != LfsException.CORRUPT) {
                    throw e;
                }
            }
        }
        int r = 0;
        for (int i = 0; i < 2; i++) {
            if (readable[i] && revs[i] - revs[(i + 1) % 2] > 0) {
                r = i;
            }
        }
        MetadataPair m = new MetadataPair();
        for (int attempt = 0; attempt < 2; attempt++) {
            int which = (r + attempt) % 2;
            m.pair[0] = pairIn[which];
            m.pair[1] = pairIn[(which + 1) % 2];
            m.rev = revs[which];
            if (m.replay(fs)) {
                return m;
            }
        }
        throw new LfsException(LfsException.CORRUPT);
    }

    /** Scans pair[0]'s log; false when it holds no valid commit. */
    private boolean replay(Lfs2 fs) {
        LfsDevice dev = fs.dev;
        int blockSize = dev.blockSize;
        int block = pair[0];
        int crc = LittlefsCrc.updateLe32(0xffffffff, rev);
        int ptag = 0xffffffff;
        int pos = 4;
        List<int[]> pendingTags = new ArrayList<>();
        List<byte[]> pendingData = new ArrayList<>();
        List<int[]> doneTags = new ArrayList<>();
        List<byte[]> doneData = new ArrayList<>();
        boolean maybeErased = false;
        int fcrcSize = -1;
        int fcrcValue = 0;
        off = 0;
        try {
            while (true) {
                if (pos + 4 > blockSize) {
                    break;
                }
                byte[] raw = dev.read(block, pos, 4);
                crc = LittlefsCrc.update(crc, raw);
                int tag = ((raw[0] & 0xff) << 24 | (raw[1] & 0xff) << 16 | (raw[2] & 0xff) << 8 | (raw[3] & 0xff)) ^ ptag;
                if (!Tag.isValid(tag)) {
                    maybeErased = Tag.type2(ptag) == Tag.CCRC;
                    break;
                }
                int dsize = Tag.diskSize(tag);
                if (pos + dsize > blockSize) {
                    break;
                }
                ptag = tag;
                if (Tag.type2(tag) == Tag.CCRC) {
                    int stored = dev.readLe32(block, pos + 4);
                    if (stored != crc) {
                        break;
                    }
                    ptag ^= (Tag.chunk(tag) & 1) << 31;
                    fs.seed = LittlefsCrc.updateLe32(fs.seed, crc);
                    doneTags.addAll(pendingTags);
                    doneData.addAll(pendingData);
                    pendingTags.clear();
                    pendingData.clear();
                    off = pos + dsize;
                    etag = ptag;
                    crc = 0xffffffff;
                    pos += dsize;
                    continue;
                }
                byte[] data = dev.read(block, pos + 4, dsize - 4);
                crc = LittlefsCrc.update(crc, data);
                if (Tag.type3(tag) == Tag.FCRC && data.length >= 8) {
                    fcrcSize = LfsDevice.le32(data, 0);
                    fcrcValue = LfsDevice.le32(data, 4);
                }
                pendingTags.add(new int[] {tag});
                pendingData.add(data);
                pos += dsize;
            }
        } catch (LfsException e) {
            if (e.errno != LfsException.CORRUPT) {
                throw e;
            }
        }
        if (off == 0) {
            return false;
        }
        // rebuild the entries from the valid commits
        entries = new ArrayList<>();
        tail[0] = -1;
        tail[1] = -1;
        split = false;
        gstate = null;
        for (int i = 0; i < doneTags.size(); i++) {
            int tag = doneTags.get(i)[0];
            byte[] data = doneData.get(i);
            int type1 = Tag.type1(tag);
            if (type1 == Tag.TAIL) {
                split = (Tag.chunk(tag) & 1) != 0;
                if (data.length >= 8) {
                    tail[0] = LfsDevice.le32(data, 0);
                    tail[1] = LfsDevice.le32(data, 4);
                }
            } else if (Tag.type3(tag) == Tag.MOVESTATE) {
                if (data.length >= 12) {
                    gstate = new int[] {LfsDevice.le32(data, 0), LfsDevice.le32(data, 4), LfsDevice.le32(data, 8)};
                }
            } else {
                apply(entries, tag, data);
            }
        }
        erased = false;
        if (maybeErased && off % dev.progSize == 0 && fcrcSize >= 0) {
            int c = 0xffffffff;
            try {
                for (int i = 0; i < fcrcSize; i++) {
                    c = LittlefsCrc.update(c, dev.read(block, off + i, 1));
                }
            } catch (LfsException e) {
                if (e.errno != LfsException.CORRUPT) {
                    throw e;
                }
            }
            erased = c == fcrcValue;
        }
        return true;
    }
}
