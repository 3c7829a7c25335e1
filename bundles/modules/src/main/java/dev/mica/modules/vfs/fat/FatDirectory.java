package dev.mica.modules.vfs.fat;

import static dev.mica.modules.vfs.fat.FatFormat.get16;
import static dev.mica.modules.vfs.fat.FatFormat.get32;
import static dev.mica.modules.vfs.fat.FatFormat.put16;
import static dev.mica.modules.vfs.fat.FatFormat.put32;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;

/**
 * One FAT directory: a chain of clusters, or the fixed root area of FAT12/16 (first cluster 0).
 * Entries are 32 bytes; long names are kept in the entries before the short one, as VFAT does,
 * and a name that fits 8.3 in one case per part is stored short with the case flags.
 */
final class FatDirectory {
    static final int ATTR_READ_ONLY = 0x01;
    static final int ATTR_VOLUME = 0x08;
    static final int ATTR_DIRECTORY = 0x10;
    static final int ATTR_ARCHIVE = 0x20;
    private static final int ATTR_LONG_NAME = 0x0F;
    private static final int DELETED = 0xE5;
    private static final int ENTRY = 32;
    private static final int LFN_CHARS = 13;
    private static final int[] LFN_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
    private static final String INVALID = "\"*:<>?\\|\u007f";
    private static final String REPLACED_IN_SHORT = "+,;=[]";

    /** A live entry: its name as shown, where it lies, and what the short entry holds. */
    record Entry(String name, int attr, long cluster, long size, long firstIndex, long shortIndex, int date, int time) {
        boolean isDirectory() {
            return (attr & ATTR_DIRECTORY) != 0;
        }
    }

    final FatVolume volume;
    final long firstCluster;

    FatDirectory(FatVolume volume, long firstCluster) {
        this.volume = volume;
        this.firstCluster = firstCluster;
    }

    boolean isRoot() {
        return firstCluster == 0 || firstCluster == volume.rootCluster;
    }

    // ---- entry positions ----

    /** The sector that holds entry {@code index}, or -1 past the end (growing the chain when asked). */
    private long sectorOf(long index, boolean grow) {
        long byteOffset = index * ENTRY;
        if (firstCluster == 0) {
            if (index >= volume.rootEntries) {
                return -1;
            }
            return volume.rootDirStart + byteOffset / volume.sectorSize;
        }
        long clusterBytes = volume.clusterBytes();
        long steps = byteOffset / clusterBytes;
        long cluster = firstCluster;
        for (long i = 0; i < steps; i++) {
            long next = volume.next(cluster);
            if (next == 0) {
                if (!grow) {
                    return -1;
                }
                next = volume.allocate(cluster);
                if (next == 0) {
                    throw Py.osError(Errno.EACCES);
                }
                volume.clear(next);
            }
            cluster = next;
        }
        return volume.clusterSector(cluster) + (byteOffset % clusterBytes) / volume.sectorSize;
    }

    private byte[] read(long index, boolean grow) {
        long sector = sectorOf(index, grow);
        if (sector < 0) {
            return null;
        }
        byte[] s = volume.dev.read(sector);
        int off = (int) ((index * ENTRY) % volume.sectorSize);
        byte[] e = new byte[ENTRY];
        System.arraycopy(s, off, e, 0, ENTRY);
        return e;
    }

    private void write(long index, byte[] entry) {
        long sector = sectorOf(index, true);
        byte[] s = volume.dev.read(sector);
        System.arraycopy(entry, 0, s, (int) ((index * ENTRY) % volume.sectorSize), ENTRY);
        volume.dev.write(sector, s, 0);
    }

    // ---- reading ----

    /** The live entries in order, without "." and ".." and volume labels. */
    List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        char[] longName = null;
        int expected = 0;
        int checksum = -1;
        long firstIndex = -1;
        for (long i = 0;; i++) {
            byte[] e = read(i, false);
            if (e == null || e[0] == 0) {
                break;
            }
            int first = e[0] & 0xFF;
            int attr = e[11] & 0xFF;
            if (first == DELETED) {
                longName = null;
                continue;
            }
            if (attr == ATTR_LONG_NAME) {
                int order = first & 0x3F;
                if ((first & 0x40) != 0) {
                    longName = new char[order * LFN_CHARS];
                    expected = order;
                    checksum = e[13] & 0xFF;
                    firstIndex = i;
                }
                if (longName == null || order != expected || (e[13] & 0xFF) != checksum) {
                    longName = null;
                    continue;
                }
                for (int k = 0; k < LFN_CHARS; k++) {
                    longName[(order - 1) * LFN_CHARS + k] = (char) get16(e, LFN_OFFSETS[k]);
                }
                expected--;
                continue;
            }
            String name;
            long startIndex = i;
            if (longName != null && expected == 0 && checksum(e) == checksum) {
                int len = 0;
                while (len < longName.length && longName[len] != 0) {
                    len++;
                }
                name = new String(longName, 0, len);
                startIndex = firstIndex;
            } else {
                name = shortNameShown(e);
            }
            longName = null;
            if ((attr & ATTR_VOLUME) != 0 || name.equals(".") || name.equals("..")) {
                continue;
            }
            long cluster = get16(e, 26) | (long) get16(e, 20) << 16;
            out.add(new Entry(name, attr, cluster, get32(e, 28), startIndex, i, get16(e, 24), get16(e, 22)));
        }
        return out;
    }

    /** The entry of that name (letter case ignored, as FAT does; the short name also matches), or null. */
    Entry find(String name) {
        for (Entry e : list()) {
            if (e.name().equalsIgnoreCase(name) || shortNameShown(read(e.shortIndex(), false)).equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    private static String shortNameShown(byte[] e) {
        byte[] raw = e.clone();
        if ((raw[0] & 0xFF) == 0x05) {
            raw[0] = (byte) DELETED;
        }
        String body = new String(raw, 0, 8, StandardCharsets.ISO_8859_1).stripTrailing();
        String ext = new String(raw, 8, 3, StandardCharsets.ISO_8859_1).stripTrailing();
        int flags = e[12] & 0xFF;
        if ((flags & 0x08) != 0) {
            body = body.toLowerCase(java.util.Locale.ROOT);
        }
        if ((flags & 0x10) != 0) {
            ext = ext.toLowerCase(java.util.Locale.ROOT);
        }
        return ext.isEmpty() ? body : body + "." + ext;
    }

    private static int checksum(byte[] shortEntry) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = (((sum & 1) << 7) + (sum >>> 1) + (shortEntry[i] & 0xFF)) & 0xFF;
        }
        return sum;
    }

    // ---- writing ----

    /** A name a program may give a new entry: trailing dots and spaces dropped; EINVAL when unusable. */
    static String checkedName(String name) {
        String n = name;
        while (!n.isEmpty() && (n.endsWith(".") || n.endsWith(" "))) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > 255) {
            throw Py.osError(Errno.EINVAL);
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 0x20 || INVALID.indexOf(c) >= 0) {
                throw Py.osError(Errno.EINVAL);
            }
        }
        return n;
    }

    /** Adds an entry; {@code name} must have passed {@link #checkedName} and not exist yet. */
    Entry create(String name, int attr, long cluster) {
        ShortName sn = shortName(name);
        byte[] shortEntry = new byte[ENTRY];
        System.arraycopy(sn.bytes, 0, shortEntry, 0, 11);
        int longEntries = sn.needsLongName ? (name.length() + LFN_CHARS - 1) / LFN_CHARS : 0;
        if (sn.lossy) {
            uniqueTail(shortEntry, sn.bytes);
        }
        if ((shortEntry[0] & 0xFF) == DELETED) {
            shortEntry[0] = 0x05;
        }
        shortEntry[11] = (byte) attr;
        shortEntry[12] = (byte) (sn.needsLongName ? 0 : sn.caseFlags);
        long stamp = FatVolume.fatTimestamp(LocalDateTime.now());
        put16(shortEntry, 14, (int) stamp);
        put16(shortEntry, 16, (int) (stamp >>> 16));
        put16(shortEntry, 18, (int) (stamp >>> 16));
        put16(shortEntry, 22, (int) stamp);
        put16(shortEntry, 24, (int) (stamp >>> 16));
        put16(shortEntry, 20, (int) (cluster >>> 16));
        put16(shortEntry, 26, (int) cluster);
        long at = freeRun(longEntries + 1);
        int sum = checksum(shortEntry);
        for (int k = 0; k < longEntries; k++) {
            int order = longEntries - k;
            byte[] e = new byte[ENTRY];
            e[0] = (byte) (order | (k == 0 ? 0x40 : 0));
            e[11] = (byte) ATTR_LONG_NAME;
            e[13] = (byte) sum;
            for (int c = 0; c < LFN_CHARS; c++) {
                int pos = (order - 1) * LFN_CHARS + c;
                int ch = pos < name.length() ? name.charAt(pos) : pos == name.length() ? 0 : 0xFFFF;
                put16(e, LFN_OFFSETS[c], ch);
            }
            write(at + k, e);
        }
        write(at + longEntries, shortEntry);
        return new Entry(name, attr, cluster, 0, at, at + longEntries, (int) (stamp >>> 16), (int) stamp & 0xFFFF);
    }

    /** Marks an entry (and its long name) deleted. */
    void delete(Entry entry) {
        for (long i = entry.firstIndex(); i <= entry.shortIndex(); i++) {
            byte[] e = read(i, false);
            e[0] = (byte) DELETED;
            write(i, e);
        }
    }

    /** Rewrites the short entry's first cluster, size, and (when {@code touch}) modification time. */
    void update(long shortIndex, long cluster, long size, boolean touch) {
        byte[] e = read(shortIndex, false);
        put16(e, 20, (int) (cluster >>> 16));
        put16(e, 26, (int) cluster);
        put32(e, 28, size);
        if (touch) {
            long stamp = FatVolume.fatTimestamp(LocalDateTime.now());
            put16(e, 22, (int) stamp);
            put16(e, 24, (int) (stamp >>> 16));
            put16(e, 18, (int) (stamp >>> 16));
            e[11] |= ATTR_ARCHIVE;
        }
        write(shortIndex, e);
    }

    /** The creation, access and modification stamps of a short entry (bytes 13 to 25 but the cluster). */
    byte[] timesOf(long shortIndex) {
        byte[] e = read(shortIndex, false);
        return java.util.Arrays.copyOfRange(e, 13, 26);
    }

    void setTimes(long shortIndex, byte[] times) {
        byte[] e = read(shortIndex, false);
        byte[] high = {e[20], e[21]};
        System.arraycopy(times, 0, e, 13, times.length);
        e[20] = high[0];
        e[21] = high[1];
        write(shortIndex, e);
    }

    /** Writes the "." and ".." entries of a new directory's first cluster. */
    void writeDots(long parentCluster) {
        long stamp = FatVolume.fatTimestamp(LocalDateTime.now());
        for (int k = 0; k < 2; k++) {
            byte[] e = new byte[ENTRY];
            java.util.Arrays.fill(e, 0, 11, (byte) ' ');
            e[0] = '.';
            if (k == 1) {
                e[1] = '.';
            }
            e[11] = (byte) ATTR_DIRECTORY;
            long c = k == 0 ? firstCluster : (parentCluster == volume.rootCluster ? 0 : parentCluster);
            put16(e, 20, (int) (c >>> 16));
            put16(e, 26, (int) c);
            put16(e, 22, (int) stamp);
            put16(e, 24, (int) (stamp >>> 16));
            write(k, e);
        }
    }

    /** The first index of {@code count} free entries in a row, growing the directory when needed. */
    private long freeRun(int count) {
        long start = 0;
        int run = 0;
        for (long i = 0;; i++) {
            byte[] e = read(i, false);
            if (e == null) {
                if (firstCluster == 0) {
                    throw Py.osError(Errno.EACCES);
                }
                e = read(i, true);
            }
            int first = e[0] & 0xFF;
            if (first == 0 || first == DELETED) {
                if (run == 0) {
                    start = i;
                }
                if (++run == count) {
                    return start;
                }
            } else {
                run = 0;
            }
        }
    }

    // ---- short names ----

    private static final class ShortName {
        final byte[] bytes = new byte[11];
        boolean lossy;
        boolean needsLongName;
        int caseFlags;
    }

    private static ShortName shortName(String name) {
        ShortName sn = new ShortName();
        java.util.Arrays.fill(sn.bytes, (byte) ' ');
        int dot = name.lastIndexOf('.');
        String body = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        boolean[] bodyCase = fill(sn, body, 0, 8);
        boolean[] extCase = fill(sn, ext, 8, 3);
        if (sn.bytes[0] == ' ') {
            sn.lossy = true;
            sn.bytes[0] = '_';
        }
        sn.needsLongName = sn.lossy || (bodyCase[0] && bodyCase[1]) || (extCase[0] && extCase[1]);
        sn.caseFlags = (bodyCase[0] ? 0x08 : 0) | (extCase[0] ? 0x10 : 0);
        return sn;
    }

    /** Puts one part of a name into the short name; gives {lower seen, upper seen}. */
    private static boolean[] fill(ShortName sn, String part, int at, int max) {
        boolean lower = false;
        boolean upper = false;
        int n = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == ' ' || c == '.') {
                sn.lossy = true;
                continue;
            }
            if (c > 0x7E || REPLACED_IN_SHORT.indexOf(c) >= 0) {
                sn.lossy = true;
                c = '_';
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
                c = (char) (c - 32);
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            }
            if (n == max) {
                sn.lossy = true;
                break;
            }
            sn.bytes[at + n++] = (byte) c;
        }
        return new boolean[] {lower, upper};
    }

    /** Gives a lossy short name a "~N" tail that no entry of this directory has. */
    private void uniqueTail(byte[] entry, byte[] base) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (long i = 0;; i++) {
            byte[] e = read(i, false);
            if (e == null || e[0] == 0) {
                break;
            }
            if ((e[0] & 0xFF) != DELETED && (e[11] & 0xFF) != ATTR_LONG_NAME) {
                taken.add(new String(e, 0, 11, StandardCharsets.ISO_8859_1));
            }
        }
        int bodyLength = 8;
        while (bodyLength > 0 && base[bodyLength - 1] == ' ') {
            bodyLength--;
        }
        for (int n = 1;; n++) {
            String tail = "~" + n;
            int keep = Math.min(bodyLength, 8 - tail.length());
            byte[] candidate = base.clone();
            java.util.Arrays.fill(candidate, 0, 8, (byte) ' ');
            System.arraycopy(base, 0, candidate, 0, keep);
            for (int k = 0; k < tail.length(); k++) {
                candidate[keep + k] = (byte) tail.charAt(k);
            }
            String key = new String(candidate, 0, 11, StandardCharsets.ISO_8859_1);
            if (!taken.contains(key)) {
                System.arraycopy(candidate, 0, entry, 0, 11);
                return;
            }
        }
    }
}
