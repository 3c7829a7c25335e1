package dev.mica.modules.vfs.fat;

import static dev.mica.modules.vfs.fat.FatFormat.get16;
import static dev.mica.modules.vfs.fat.FatFormat.get32;
import static dev.mica.modules.vfs.fat.FatFormat.put16;
import static dev.mica.modules.vfs.fat.FatFormat.put32;

import java.time.LocalDateTime;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;

/**
 * A mounted FAT12/16/32 volume: its geometry from the boot sector, the allocation table and
 * cluster chains. Directories and their entries are in {@link FatDirectory}.
 */
final class FatVolume {
    static final int FAT12 = 1;
    static final int FAT16 = 2;
    static final int FAT32 = 3;

    final BlockDevice dev;
    final int sectorSize;
    final int clusterSectors;
    final int type;
    private final long fatStart;
    private final long fatSectors;
    private final int fats;
    /** First sector of the fixed root directory (FAT12/16) and its number of entries. */
    final long rootDirStart;
    final int rootEntries;
    final long dataStart;
    /** Number of FAT entries: clusters + 2. */
    final long entries;
    /** The root directory's first cluster on FAT32, 0 (the fixed area) on FAT12/16. */
    final long rootCluster;
    private final long fsInfoSector;
    private long freeClusters = -1;
    private long lastAllocated = 1;
    private boolean fsInfoDirty;

    private FatVolume(BlockDevice dev, long base, byte[] boot) {
        this.dev = dev;
        this.sectorSize = get16(boot, 11);
        this.clusterSectors = boot[13] & 0xFF;
        long reserved = get16(boot, 14);
        this.fats = boot[16] & 0xFF;
        this.rootEntries = get16(boot, 17);
        long total = get16(boot, 19);
        if (total == 0) {
            total = get32(boot, 32);
        }
        long fatSize = get16(boot, 22);
        if (fatSize == 0) {
            fatSize = get32(boot, 36);
        }
        this.fatSectors = fatSize;
        this.fatStart = base + reserved;
        this.rootDirStart = fatStart + fatSize * fats;
        long rootDirSectors = ((long) rootEntries * 32 + sectorSize - 1) / sectorSize;
        this.dataStart = rootDirStart + rootDirSectors;
        if (clusterSectors == 0 || fats == 0 || total <= dataStart - base) {
            throw Py.osError(Errno.ENODEV);
        }
        long clusters = (total - (dataStart - base)) / clusterSectors;
        this.entries = clusters + 2;
        this.type = clusters <= FatFormat.MAX_FAT12 ? FAT12 : clusters <= FatFormat.MAX_FAT16 ? FAT16 : FAT32;
        if (type == FAT32) {
            this.rootCluster = get32(boot, 44);
            int info = get16(boot, 48);
            this.fsInfoSector = info == 0 ? 0 : base + info;
            readFsInfo();
        } else {
            this.rootCluster = 0;
            this.fsInfoSector = 0;
        }
    }

    /** Mounts the FAT volume on a device; OSError(ENODEV) when there is none. */
    static FatVolume mount(BlockDevice dev) {
        if (!dev.initialise()) {
            throw Py.osError(Errno.EIO);
        }
        int ss = dev.querySectorSize();
        byte[] boot = dev.read(0);
        int kind = bootSectorKind(boot);
        long base = 0;
        if (kind == NOT_FAT) {
            // a partition table: the first partition that holds a FAT volume
            for (int i = 0; i < 4 && kind != FAT_BOOT; i++) {
                int pte = 446 + i * 16;
                long start = boot[pte + 4] != 0 ? get32(boot, pte + 8) : 0;
                if (start != 0) {
                    byte[] candidate = dev.read(start);
                    if (bootSectorKind(candidate) == FAT_BOOT) {
                        kind = FAT_BOOT;
                        base = start;
                        boot = candidate;
                    }
                }
            }
        }
        if (kind != FAT_BOOT || get16(boot, 11) != ss) {
            throw Py.osError(Errno.ENODEV);
        }
        return new FatVolume(dev, base, boot);
    }

    private static final int FAT_BOOT = 0;
    private static final int NOT_FAT = 2;
    private static final int NO_BOOT_SECTOR = 3;

    /** FatFs's check of a boot sector: a FAT one, another with a signature, or none. */
    private static int bootSectorKind(byte[] b) {
        if (b.length < 512 || get16(b, 510) != 0xAA55) {
            return NO_BOOT_SECTOR;
        }
        int jump = b[0] & 0xFF;
        if (jump == 0xE9 || jump == 0xEB || jump == 0xE8) {
            if ((get32(b, 54) & 0xFFFFFF) == 0x544146 || (get32(b, 82) == 0x33544146L && b[86] == '2')) {
                return FAT_BOOT;
            }
        }
        return NOT_FAT;
    }

    private void readFsInfo() {
        if (fsInfoSector == 0) {
            return;
        }
        byte[] info = dev.read(fsInfoSector);
        if (get32(info, 0) == 0x41615252L && get32(info, 484) == 0x61417272L && get16(info, 510) == 0xAA55) {
            long free = get32(info, 488);
            long next = get32(info, 492);
            if (free <= entries - 2) {
                freeClusters = free;
            }
            if (next < entries) {
                lastAllocated = next;
            }
        }
    }

    /** Writes what changed in the FAT32 FSINFO sector and asks the device to sync. */
    void sync() {
        if (fsInfoDirty && fsInfoSector != 0) {
            byte[] info = dev.read(fsInfoSector);
            put32(info, 488, freeClusters);
            put32(info, 492, lastAllocated);
            dev.write(fsInfoSector, info, 0);
            fsInfoDirty = false;
        }
        dev.sync();
    }

    long clusterBytes() {
        return (long) clusterSectors * sectorSize;
    }

    long clusterSector(long cluster) {
        return dataStart + (cluster - 2) * clusterSectors;
    }

    // ---- the allocation table ----

    long get(long cluster) {
        switch (type) {
            case FAT12: {
                long off = cluster + cluster / 2;
                int lo = fatByte(off);
                int hi = fatByte(off + 1);
                int v = lo | hi << 8;
                return (cluster & 1) != 0 ? v >>> 4 : v & 0xFFF;
            }
            case FAT16: {
                long off = cluster * 2;
                byte[] s = dev.read(fatStart + off / sectorSize);
                return get16(s, (int) (off % sectorSize));
            }
            default: {
                long off = cluster * 4;
                byte[] s = dev.read(fatStart + off / sectorSize);
                return get32(s, (int) (off % sectorSize)) & 0x0FFFFFFFL;
            }
        }
    }

    void put(long cluster, long value) {
        switch (type) {
            case FAT12: {
                long off = cluster + cluster / 2;
                if ((cluster & 1) != 0) {
                    setFatByte(off, (fatByte(off) & 0x0F) | (int) (value << 4) & 0xF0);
                    setFatByte(off + 1, (int) (value >>> 4) & 0xFF);
                } else {
                    setFatByte(off, (int) value & 0xFF);
                    setFatByte(off + 1, (fatByte(off + 1) & 0xF0) | (int) (value >>> 8) & 0x0F);
                }
                break;
            }
            case FAT16: {
                long off = cluster * 2;
                for (int f = 0; f < fats; f++) {
                    long sector = fatStart + f * fatSectors + off / sectorSize;
                    byte[] s = dev.read(sector);
                    put16(s, (int) (off % sectorSize), (int) value);
                    dev.write(sector, s, 0);
                }
                break;
            }
            default: {
                long off = cluster * 4;
                for (int f = 0; f < fats; f++) {
                    long sector = fatStart + f * fatSectors + off / sectorSize;
                    byte[] s = dev.read(sector);
                    int at = (int) (off % sectorSize);
                    put32(s, at, (get32(s, at) & 0xF0000000L) | (value & 0x0FFFFFFFL));
                    dev.write(sector, s, 0);
                }
            }
        }
    }

    private int fatByte(long off) {
        return dev.read(fatStart + off / sectorSize)[(int) (off % sectorSize)] & 0xFF;
    }

    private void setFatByte(long off, int value) {
        for (int f = 0; f < fats; f++) {
            long sector = fatStart + f * fatSectors + off / sectorSize;
            byte[] s = dev.read(sector);
            s[(int) (off % sectorSize)] = (byte) value;
            dev.write(sector, s, 0);
        }
    }

    long endOfChain() {
        return type == FAT12 ? 0xFFF : type == FAT16 ? 0xFFFF : 0x0FFFFFFF;
    }

    /** The cluster after {@code cluster} in its chain, or 0 at the end. */
    long next(long cluster) {
        long v = get(cluster);
        if (v < 2 || v >= entries) {
            return 0;
        }
        return v;
    }

    /**
     * Takes a free cluster and links it after {@code previous} (0 starts a new chain); 0 when
     * the volume is full.
     */
    long allocate(long previous) {
        long start = previous != 0 ? previous : lastAllocated;
        if (start < 2 || start >= entries) {
            start = 1;
        }
        long c = start;
        boolean found = false;
        for (long tried = 0; tried < entries - 2; tried++) {
            c++;
            if (c >= entries) {
                c = 2;
            }
            if (get(c) == 0) {
                found = true;
                break;
            }
        }
        if (!found) {
            return 0;
        }
        put(c, endOfChain());
        if (previous != 0) {
            put(previous, c);
        }
        lastAllocated = c;
        if (freeClusters > 0) {
            freeClusters--;
        }
        fsInfoDirty = true;
        return c;
    }

    /** Frees a chain from {@code cluster} on. */
    void free(long cluster) {
        while (cluster >= 2 && cluster < entries) {
            long following = get(cluster);
            put(cluster, 0);
            if (freeClusters >= 0) {
                freeClusters++;
            }
            fsInfoDirty = true;
            cluster = following;
        }
    }

    /** Cuts a chain after {@code cluster}: it becomes the last one. */
    void truncateAfter(long cluster) {
        long following = next(cluster);
        put(cluster, endOfChain());
        if (following != 0) {
            free(following);
        }
    }

    long freeClusters() {
        if (freeClusters < 0) {
            long n = 0;
            for (long c = 2; c < entries; c++) {
                if (get(c) == 0) {
                    n++;
                }
            }
            freeClusters = n;
        }
        return freeClusters;
    }

    /** Fills a cluster with zeros (a new directory's space). */
    void clear(long cluster) {
        byte[] zero = new byte[sectorSize];
        long first = clusterSector(cluster);
        for (int i = 0; i < clusterSectors; i++) {
            dev.write(first + i, zero, 0);
        }
    }

    // ---- time stamps ----

    /** Date in the high 16 bits, time in the low 16, as FAT stores them. */
    static long fatTimestamp(LocalDateTime t) {
        int year = Math.max(1980, Math.min(2107, t.getYear()));
        long date = (long) (year - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth();
        long time = t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2;
        return date << 16 | time;
    }

    /** Seconds since 1970 of a FAT date and time (taken as UTC, as MicroPython's time functions do). */
    static long epochSeconds(int date, int time) {
        int year = 1980 + (date >>> 9);
        int month = Math.max(1, Math.min(12, (date >>> 5) & 15));
        int day = Math.max(1, Math.min(31, date & 31));
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, Math.min(23, time >>> 11), Math.min(59, (time >>> 5) & 63),
                    Math.min(59, (time & 31) * 2));
            return t.toEpochSecond(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return 0;
        }
    }
}
