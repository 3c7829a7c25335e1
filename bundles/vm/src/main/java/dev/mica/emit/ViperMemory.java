package dev.mica.emit;

import dev.mica.obj.MemoryAddresses;

/**
 * Loads and stores through viper pointers for one call of a viper function. An address names
 * a byte of some buffer's array ({@link MemoryAddresses}); this remembers the last array found
 * and where its addresses start, so that a loop over one buffer looks the address up once.
 * Multi-byte values are little-endian, as on the ports viper runs on.
 */
public final class ViperMemory {
    private byte[] array;
    /** The address of {@code array[0]}. */
    private long base;

    /** The index into {@link #array} of {@code size} bytes at {@code address}, after finding their array if needed. */
    private int index(long address, int size) {
        byte[] a = array;
        long off = address - base;
        if (a == null || off < 0 || off + size > a.length) {
            MemoryAddresses.Location at = MemoryAddresses.locate(address, size);
            array = at.array();
            base = address - at.index();
            return at.index();
        }
        return (int) off;
    }

    public long load8(long address) {
        int i = index(address, 1);
        return array[i] & 0xffL;
    }

    public long load16(long address) {
        int i = index(address, 2);
        byte[] a = array;
        return (a[i] & 0xffL) | (a[i + 1] & 0xffL) << 8;
    }

    public long load32(long address) {
        int i = index(address, 4);
        byte[] a = array;
        return (a[i] & 0xffL) | (a[i + 1] & 0xffL) << 8 | (a[i + 2] & 0xffL) << 16 | (a[i + 3] & 0xffL) << 24;
    }

    public void store8(long address, long value) {
        int i = index(address, 1);
        array[i] = (byte) value;
    }

    public void store16(long address, long value) {
        int i = index(address, 2);
        byte[] a = array;
        a[i] = (byte) value;
        a[i + 1] = (byte) (value >> 8);
    }

    public void store32(long address, long value) {
        int i = index(address, 4);
        byte[] a = array;
        a[i] = (byte) value;
        a[i + 1] = (byte) (value >> 8);
        a[i + 2] = (byte) (value >> 16);
        a[i + 3] = (byte) (value >> 24);
    }
}
