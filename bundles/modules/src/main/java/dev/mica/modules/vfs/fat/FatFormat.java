package dev.mica.modules.vfs.fat;

import dev.mica.obj.Errno;
import dev.mica.obj.Py;

/**
 * Formats a block device as FatFs's f_mkfs does for MicroPython's VfsFat.mkfs: one FAT, 512
 * root entries on FAT12/16, a single volume from sector 0 (no partition table), the cluster
 * size chosen from the volume size, FAT12 or FAT16 when they fit and FAT32 otherwise. The same
 * choices give the same geometry, hence the same statvfs numbers as MicroPython.
 */
final class FatFormat {
    private FatFormat() {}

    static final int MAX_FAT12 = 0xFF5;
    static final int MAX_FAT16 = 0xFFF5;
    static final int MAX_FAT32 = 0x0FFFFFF5;

    private static final int FATS = 1;
    private static final long PARTITION_START = 63;
    private static final int ROOT_ENTRIES = 512;
    /** Cluster size limits of FAT12/16 volumes (in units of 4K sectors) and FAT32 (128K sectors). */
    private static final int[] FAT_STEPS = {1, 4, 16, 64, 256, 512};
    private static final int[] FAT32_STEPS = {1, 2, 4, 8, 16, 32};

    /** Layout of a volume to write. */
    private record Layout(int type, long clusterSectors, long reserved, long fatSectors, long rootDirSectors, long clusters) {}

    static void format(BlockDevice dev) {
        if (!dev.initialise()) {
            throw Py.osError(Errno.EIO);
        }
        int ss = dev.querySectorSize();
        if (ss < 512 || ss > 4096 || (ss & (ss - 1)) != 0) {
            throw Py.osError(Errno.EIO);
        }
        long deviceSectors = dev.sectorCount();
        if (deviceSectors < 22) {
            throw Py.osError(Errno.EIO);
        }
        // first FAT12/16 on the whole device; when that cannot be, FAT32 in a partition at sector 63
        Layout layout = plan(deviceSectors, ss, false);
        long base = 0;
        if (layout == null) {
            base = PARTITION_START;
            layout = plan(deviceSectors - base, ss, true);
        }
        if (layout == null) {
            throw Py.osError(Errno.EIO);
        }
        write(dev, ss, base, deviceSectors - base, layout);
    }

    /** FatFs's choice of cluster size and FAT type; null where it gives up (MKFS_ABORTED). */
    private static Layout plan(long volumeSectors, int ss, boolean fat32Only) {
        int type = fat32Only ? FatVolume.FAT32 : FatVolume.FAT16;
        long au = 0;
        while (true) {
            long pau = au;
            long clusters;
            long fatSectors;
            long reserved;
            long rootDir;
            if (type == FatVolume.FAT32) {
                if (pau == 0) {
                    long n = volumeSectors / 0x20000;
                    pau = 1;
                    for (int i = 0; i < FAT32_STEPS.length && FAT32_STEPS[i] <= n; i++) {
                        pau <<= 1;
                    }
                }
                clusters = volumeSectors / pau;
                fatSectors = (clusters * 4 + 8 + ss - 1) / ss;
                reserved = 32;
                rootDir = 0;
                if (clusters <= MAX_FAT16 || clusters > MAX_FAT32) {
                    return null;
                }
            } else {
                if (pau == 0) {
                    long n = volumeSectors / 0x1000;
                    pau = 1;
                    for (int i = 0; i < FAT_STEPS.length && FAT_STEPS[i] <= n; i++) {
                        pau <<= 1;
                    }
                }
                clusters = volumeSectors / pau;
                long bytes;
                if (clusters > MAX_FAT12) {
                    bytes = clusters * 2 + 4;
                } else {
                    type = FatVolume.FAT12;
                    bytes = (clusters * 3 + 1) / 2 + 3;
                }
                fatSectors = (bytes + ss - 1) / ss;
                reserved = 1;
                rootDir = (long) ROOT_ENTRIES * 32 / ss;
            }
            long dataStart = reserved + fatSectors * FATS + rootDir;
            if (volumeSectors < dataStart + pau * 16) {
                return null;
            }
            clusters = (volumeSectors - reserved - fatSectors * FATS - rootDir) / pau;
            if (type == FatVolume.FAT32 && clusters <= MAX_FAT16) {
                if (au == 0 && (au = pau / 2) != 0) {
                    continue;
                }
                return null;
            }
            if (type == FatVolume.FAT16) {
                if (clusters > MAX_FAT16) {
                    if (au == 0 && pau * 2 <= 64) {
                        au = pau * 2;
                        continue;
                    }
                    if (au == 0 && (au = pau * 2) <= 128) {
                        continue;
                    }
                    return null;
                }
                if (clusters <= MAX_FAT12) {
                    if (au == 0 && (au = pau * 2) <= 128) {
                        continue;
                    }
                    return null;
                }
            }
            if (type == FatVolume.FAT12 && clusters > MAX_FAT12) {
                return null;
            }
            return new Layout(type, pau, reserved, fatSectors, rootDir, clusters);
        }
    }

    private static void write(BlockDevice dev, int ss, long base, long volumeSectors, Layout l) {
        byte[] buf = new byte[ss];
        boolean fat32 = l.type() == FatVolume.FAT32;
        buf[0] = (byte) 0xEB;
        buf[1] = (byte) 0xFE;
        buf[2] = (byte) 0x90;
        putText(buf, 3, "MSDOS5.0");
        put16(buf, 11, ss);
        buf[13] = (byte) l.clusterSectors();
        put16(buf, 14, (int) l.reserved());
        buf[16] = FATS;
        put16(buf, 17, fat32 ? 0 : ROOT_ENTRIES);
        if (volumeSectors < 0x10000) {
            put16(buf, 19, (int) volumeSectors);
        } else {
            put32(buf, 32, volumeSectors);
        }
        buf[21] = (byte) 0xF8;
        put16(buf, 24, 63);
        put16(buf, 26, 255);
        put32(buf, 28, base);
        long serial = FatVolume.fatTimestamp(java.time.LocalDateTime.now());
        if (fat32) {
            put32(buf, 67, serial);
            put32(buf, 36, l.fatSectors());
            put32(buf, 44, 2);
            put16(buf, 48, 1);
            put16(buf, 50, 6);
            buf[64] = (byte) 0x80;
            buf[66] = 0x29;
            putText(buf, 71, "NO NAME    FAT32   ");
        } else {
            put32(buf, 39, serial);
            put16(buf, 22, (int) l.fatSectors());
            buf[36] = (byte) 0x80;
            buf[38] = 0x29;
            putText(buf, 43, "NO NAME    FAT     ");
        }
        put16(buf, 510, 0xAA55);
        dev.write(base, buf, 0);
        if (fat32) {
            dev.write(base + 6, buf, 0);
            byte[] info = new byte[ss];
            put32(info, 0, 0x41615252);
            put32(info, 484, 0x61417272);
            put32(info, 488, l.clusters() - 1);
            put32(info, 492, 2);
            put16(info, 510, 0xAA55);
            dev.write(base + 7, info, 0);
            dev.write(base + 1, info, 0);
        }
        long sector = base + l.reserved();
        byte[] first = new byte[ss];
        if (fat32) {
            put32(first, 0, 0xFFFFFFF8L);
            put32(first, 4, 0xFFFFFFFFL);
            put32(first, 8, 0x0FFFFFFFL);
        } else if (l.type() == FatVolume.FAT12) {
            put32(first, 0, 0xFFFFF8L);
        } else {
            put32(first, 0, 0xFFFFFFF8L);
        }
        byte[] zero = new byte[ss];
        for (int f = 0; f < FATS; f++) {
            for (long i = 0; i < l.fatSectors(); i++) {
                dev.write(sector++, i == 0 ? first : zero, 0);
            }
        }
        long dirSectors = fat32 ? l.clusterSectors() : l.rootDirSectors();
        for (long i = 0; i < dirSectors; i++) {
            dev.write(sector++, zero, 0);
        }
        if (base != 0) {
            writePartitionTable(dev, ss, base, volumeSectors, l.type());
        }
        dev.sync();
    }

    /** A master boot record with the one partition (as FatFs writes it for a non-SFD format). */
    private static void writePartitionTable(BlockDevice dev, int ss, long base, long volumeSectors, int type) {
        byte[] mbr = new byte[ss];
        int pte = 446;
        mbr[pte + 1] = 1;
        mbr[pte + 2] = 1;
        int system = type == FatVolume.FAT32 ? 0x0C : volumeSectors >= 0x10000 ? 0x06 : type == FatVolume.FAT16 ? 0x04 : 0x01;
        mbr[pte + 4] = (byte) system;
        long cylinders = (base + volumeSectors) / (63 * 255);
        mbr[pte + 5] = (byte) 254;
        mbr[pte + 6] = (byte) (((cylinders >>> 2) & 0xC0) | 63);
        mbr[pte + 7] = (byte) cylinders;
        put32(mbr, pte + 8, base);
        put32(mbr, pte + 12, volumeSectors);
        put16(mbr, 510, 0xAA55);
        dev.write(0, mbr, 0);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static int get16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long get32(byte[] b, int off) {
        return (get16(b, off) | (long) get16(b, off + 2) << 16) & 0xFFFFFFFFL;
    }

    private static void putText(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            b[off + i] = (byte) s.charAt(i);
        }
    }
}
