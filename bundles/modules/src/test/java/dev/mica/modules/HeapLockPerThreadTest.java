package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** micropython.heap_lock() locks the heap for the thread that calls it only, as in MicroPython. */
class HeapLockPerThreadTest {
    @Test
    void anotherThreadAllocatesWhileTheMainThreadHoldsTheLock() {
        PythonRun run = PythonRun.of("""
                import _thread, micropython
                started = _thread.allocate_lock()
                done = _thread.allocate_lock()
                started.acquire()
                done.acquire()
                def worker():
                    started.acquire()
                    print([n * 2 for n in range(3)])
                    done.release()
                _thread.start_new_thread(worker, ())
                micropython.heap_lock()
                started.release()
                done.acquire()
                try:
                    [1, 2]
                except MemoryError:
                    print("main thread still locked")
                micropython.heap_unlock()
                """);
        assertEquals("[0, 2, 4]\nmain thread still locked\n", run.out, run.err);
    }
}
