package dev.mica.modules.uctypes;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.mica.obj.Py;

/**
 * Synthetic addresses for the byte arrays behind the buffers a program made. The JVM has no raw
 * memory, so each storage array gets, the first time its address is asked, a range of numbers of
 * its own; an address then names a byte of one array and nothing else, and an address no array
 * owns cannot be read or written. Arrays are held weakly: an address outlives its buffer only as
 * a dangling number, as in C. One space per interpreter, so programs never see each other's data.
 */
final class AddressSpace {
    /** First address handed out; low numbers (0 in particular) stay invalid. */
    private static final long FIRST = 0x10000L;
    /** Unused bytes between ranges, so that one past the end of a range is not another's start. */
    private static final long GAP = 16;

    /** A byte array and the first address of its range. */
    private static final class Range extends WeakReference<byte[]> {
        final long base;
        final int length;
        final int identity;

        Range(byte[] array, long base, ReferenceQueue<byte[]> queue) {
            super(array, queue);
            this.base = base;
            this.length = array.length;
            this.identity = System.identityHashCode(array);
        }
    }

    /** Where an address points: a byte of an array. */
    record Location(byte[] array, int index) {}

    private final TreeMap<Long, Range> byBase = new TreeMap<>();
    private final Map<Integer, List<Range>> byIdentity = new HashMap<>();
    private final ReferenceQueue<byte[]> collected = new ReferenceQueue<>();
    private long next = FIRST;

    /** The address of byte {@code index} of {@code array}, giving the array a range if it has none. */
    synchronized long addressOf(byte[] array, int index) {
        forgetCollected();
        List<Range> candidates = byIdentity.computeIfAbsent(System.identityHashCode(array), k -> new ArrayList<>(1));
        for (Range r : candidates) {
            if (r.get() == array) {
                return r.base + index;
            }
        }
        Range r = new Range(array, next, collected);
        candidates.add(r);
        byBase.put(r.base, r);
        next += (array.length + GAP + 15) & ~15L;
        return r.base + index;
    }

    /**
     * The array byte at {@code address}, with {@code length} bytes from it inside the same array;
     * ValueError when no live buffer holds them all.
     */
    synchronized Location locate(long address, long length) {
        Map.Entry<Long, Range> e = byBase.floorEntry(address);
        if (e != null && length >= 0) {
            Range r = e.getValue();
            byte[] array = r.get();
            long index = address - r.base;
            if (array != null && index + length <= array.length) {
                return new Location(array, (int) index);
            }
        }
        throw Py.valueError("invalid address 0x" + Long.toHexString(address));
    }

    private void forgetCollected() {
        for (Object o = collected.poll(); o != null; o = collected.poll()) {
            Range r = (Range) o;
            byBase.remove(r.base);
            List<Range> list = byIdentity.get(r.identity);
            if (list != null) {
                list.remove(r);
                if (list.isEmpty()) {
                    byIdentity.remove(r.identity);
                }
            }
        }
    }
}
