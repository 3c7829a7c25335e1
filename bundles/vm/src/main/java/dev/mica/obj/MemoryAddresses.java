package dev.mica.obj;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic memory addresses for the bytes of buffer objects, where MicroPython hands out raw
 * pointers (uctypes.addressof, struct's 'S' format). The JVM has no raw memory, so the storage
 * array behind a buffer gets, the first time its address is asked, a range of numbers of its
 * own; an address then names one byte of one array, and an address no array owns cannot be
 * read or written. A range lives as long as the object it was asked for (its array is kept with
 * it); after that the address dangles, as a pointer to freed memory does. Ranges are handed out
 * from one counter for the whole JVM, like {@link ObjectHandles}, so they never overlap.
 */
public final class MemoryAddresses {
    private MemoryAddresses() {}

    /** Where an address points: byte {@code index} of {@code array}. */
    public record Location(byte[] array, int index) {}

    /** First address handed out; low numbers (0 in particular) stay invalid. */
    private static final long FIRST = 0x10000L;
    /** Unused bytes after each range, so that one past the end of a range is not another's start. */
    private static final long GAP = 16;

    private static final class Range extends WeakReference<PyObject> {
        final byte[] array;
        final long base;
        final int ownerIdentity;

        Range(PyObject owner, byte[] array, long base, ReferenceQueue<PyObject> queue) {
            super(owner, queue);
            this.array = array;
            this.base = base;
            this.ownerIdentity = System.identityHashCode(owner);
        }
    }

    private static final TreeMap<Long, Range> BY_BASE = new TreeMap<>();
    private static final Map<Integer, List<Range>> BY_ARRAY = new HashMap<>();
    private static final Map<Integer, List<Range>> BY_OWNER = new HashMap<>();
    private static final ReferenceQueue<PyObject> COLLECTED = new ReferenceQueue<>();
    private static long next = FIRST;

    /** The address of the first byte of {@code owner}'s buffer (TypeError when it has none). */
    public static long addressOf(PyObject owner) {
        BufferView view = Buffers.read(owner);
        return addressOf(owner, view.array(), view.offset());
    }

    private static synchronized long addressOf(PyObject owner, byte[] array, int index) {
        forgetCollected();
        for (Range r : BY_ARRAY.getOrDefault(System.identityHashCode(array), List.of())) {
            if (r.array == array) {
                return r.base + index;
            }
        }
        if (owner instanceof PyStr) {
            // a str makes a fresh copy of its bytes each time: the same str keeps its first range
            for (Range r : BY_OWNER.getOrDefault(System.identityHashCode(owner), List.of())) {
                if (r.get() == owner) {
                    return r.base + index;
                }
            }
        }
        Range r = new Range(owner, array, next, COLLECTED);
        BY_ARRAY.computeIfAbsent(System.identityHashCode(array), k -> new ArrayList<>(1)).add(r);
        BY_OWNER.computeIfAbsent(System.identityHashCode(owner), k -> new ArrayList<>(1)).add(r);
        BY_BASE.put(r.base, r);
        next += (array.length + GAP + 15) & ~15L;
        return r.base + index;
    }

    /**
     * The byte at {@code address}, with {@code length} bytes from it inside the same buffer;
     * ValueError when no live buffer holds them all.
     */
    public static synchronized Location locate(long address, long length) {
        forgetCollected();
        Map.Entry<Long, Range> e = BY_BASE.floorEntry(address);
        if (e != null && length >= 0) {
            Range r = e.getValue();
            long index = address - r.base;
            if (index + length <= r.array.length) {
                return new Location(r.array, (int) index);
            }
        }
        throw Py.valueError("invalid address 0x" + Long.toHexString(address));
    }

    /** The bytes from {@code address} up to a zero byte or the end of its buffer (a C string). */
    public static synchronized byte[] cString(long address) {
        Location at = locate(address, 0);
        int end = at.index();
        while (end < at.array().length && at.array()[end] != 0) {
            end++;
        }
        return java.util.Arrays.copyOfRange(at.array(), at.index(), end);
    }

    private static void forgetCollected() {
        for (Object o = COLLECTED.poll(); o != null; o = COLLECTED.poll()) {
            Range r = (Range) o;
            BY_BASE.remove(r.base);
            remove(BY_ARRAY, System.identityHashCode(r.array), r);
            remove(BY_OWNER, r.ownerIdentity, r);
        }
    }

    private static void remove(Map<Integer, List<Range>> map, int key, Range r) {
        List<Range> list = map.get(key);
        if (list != null) {
            list.remove(r);
            if (list.isEmpty()) {
                map.remove(key);
            }
        }
    }
}
