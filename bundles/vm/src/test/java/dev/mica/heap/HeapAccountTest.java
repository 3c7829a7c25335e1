package dev.mica.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.mica.obj.PyException;

class HeapAccountTest {
    private static final long HEAP = 64 * 1024;

    /** A collector that finds a fixed number of live bytes and counts its traces. */
    private static final class FixedCollector implements GarbageCollector {
        long live;
        int traces;

        FixedCollector(long live) {
            this.live = live;
        }

        @Override
        public HeapTrace trace(HeapRoots roots) {
            traces++;
            long bytes = live;
            return new HeapTrace() {
                @Override
                public long liveBytes() {
                    return bytes;
                }

                @Override
                public long liveObjects() {
                    return 1;
                }

                @Override
                public boolean isLive(Object o) {
                    return false;
                }
            };
        }
    }

    private static HeapAccount account(AtomicReference<GarbageCollector> bound) {
        HeapAccount a = new HeapAccount(HEAP, bound::get);
        a.setRoots(v -> { });
        return a;
    }

    private static String message(PyException e) {
        return e.value().args()[0].str();
    }

    @Test
    void thePoolIsWhatMicroPythonsTablesLeaveOfTheHeap() {
        // the unix port reports these totals for -X heapsize=2097152 and 100000
        assertEquals(2072832, new HeapAccount(2097152, null).capacity());
        assertEquals(98816, new HeapAccount(100000, null).capacity());
    }

    @Test
    void withoutACollectorChargesAreCountedButNeverRefused() {
        HeapAccount a = account(new AtomicReference<>());
        for (int i = 0; i < 100; i++) {
            a.charge(HEAP / 10);
        }
        assertFalse(a.isTraced());
        assertEquals(a.capacity(), a.used(), "shown as full");
        assertEquals(100 * (HEAP / 10), a.totalAllocated());
        // a single request larger than the whole heap still fails at once
        PyException e = assertThrows(PyException.class, () -> a.charge(HEAP * 2));
        assertEquals("memory allocation failed, allocating " + HEAP * 2 + " bytes", message(e));
    }

    @Test
    void pastTheHeapACollectorTracesAndWhatIsLiveDecides() {
        FixedCollector gc = new FixedCollector(1024);
        HeapAccount a = account(new AtomicReference<>(gc));
        for (int i = 0; i < 100; i++) {
            a.charge(4096);
        }
        assertTrue(gc.traces >= 5, "garbage was traced away " + gc.traces + " times");
        assertTrue(a.isTraced());

        gc.live = a.capacity() - 100;
        PyException e = assertThrows(PyException.class, () -> {
            for (int i = 0; i < 100; i++) {
                a.charge(4096);
            }
        });
        assertEquals("memory allocation failed, allocating 4096 bytes", message(e));
        gc.live = 0;
        a.charge(4096);
        assertEquals(4096, a.used());
    }

    @Test
    void aNewCollectorTakesOverWithAFreshTrace() {
        AtomicReference<GarbageCollector> bound = new AtomicReference<>();
        HeapAccount a = account(bound);
        for (int i = 0; i < 20; i++) {
            a.charge(HEAP / 2);
        }
        FixedCollector gc = new FixedCollector(2048);
        bound.set(gc);
        // taken over at the latest one heap later
        long charged = 0;
        while (gc.traces == 0) {
            a.charge(32);
            charged += 32;
        }
        assertTrue(charged <= a.capacity() + 32, "charged " + charged);
        assertEquals(2048 + 32, a.used());

        FixedCollector next = new FixedCollector(512);
        bound.set(next);
        a.setAutoCollect(false);
        while (next.traces == 0) {
            a.charge(4096);
        }
        assertEquals(512 + 4096, a.used());
    }

    @Test
    void theLockRefusesEveryChargeAndNestsIn16Bits() {
        HeapAccount a = account(new AtomicReference<>(new FixedCollector(0)));
        a.lock();
        a.lock();
        PyException e = assertThrows(PyException.class, () -> a.charge(32));
        assertEquals("memory allocation failed, heap is locked", message(e));
        a.chargeQuietly(64);
        assertEquals(1, a.unlock());
        assertThrows(PyException.class, () -> a.charge(32));
        assertEquals(0, a.unlock());
        a.charge(32);
        assertEquals(65535, a.unlock(), "unlocking an unlocked heap wraps as MicroPython's 16-bit depth");
        assertTrue(a.isLocked());
    }

    @Test
    void aThresholdTracesBeforeTheHeapIsFull() {
        FixedCollector gc = new FixedCollector(0);
        HeapAccount a = account(new AtomicReference<>(gc));
        a.charge(32);
        a.setThreshold(4096);
        int before = gc.traces;
        for (int i = 0; i < 10; i++) {
            a.charge(1024);
        }
        assertTrue(gc.traces - before >= 2, "traces: " + (gc.traces - before));
        assertTrue(a.used() <= 4096 + 1024);
    }

    @Test
    void gcDisabledLetsTheHeapFillAsMicroPythonsDoes() {
        FixedCollector gc = new FixedCollector(0);
        HeapAccount a = account(new AtomicReference<>(gc));
        a.collect();
        a.setAutoCollect(false);
        assertThrows(PyException.class, () -> {
            for (int i = 0; i < 100; i++) {
                a.charge(4096);
            }
        });
        assertEquals(1, gc.traces);
        assertTrue(a.collect());
        assertEquals(0, a.used());
    }

    @Test
    void interpreterThreadsFindTheirOwnAccount() throws InterruptedException {
        HeapAccount mine = new HeapAccount(HEAP, null);
        AtomicReference<HeapAccount> seen = new AtomicReference<>();
        Thread t = new HeapThread(mine, () -> seen.set(HeapAccount.current()), "t", 0);
        t.start();
        t.join();
        assertEquals(mine, seen.get());
        assertEquals(HeapAccount.detached(), HeapAccount.current());
    }
}
