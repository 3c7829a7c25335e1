package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;


/**
 * The gc bundle swapped under a running interpreter: while it is gone accounting is unbounded
 * (the program may hold more than its heap), and once it is back the next allocations are
 * traced again and the heap is a limit once more, in the same interpreter.
 */
class GcSwapTest {
    /** Holds about 600 KB of strings in a 256 KB heap; says whether it got them all. */
    private static final String HOLD = "try:\n"
            + "    held = ['x' * 500 + str(i) for i in range(1000)]\n"
            + "    print('held', len(held))\n"
            + "except MemoryError:\n"
            + "    print('MemoryError')\n"
            + "held = None\n";

    @Test
    void withoutTheGcBundleAccountingIsUnboundedAndItsReturnTracesAgain() throws Exception {
        Bundle gc = bundle("dev.mica.gc");
        try (PythonInterpreter interpreter = PythonInterpreter.withHeapSize(256 * 1024)) {
            assertEquals("MemoryError\n", interpreter.run(HOLD));
            gc.stop();
            try {
                assertEquals("held 1000\n", interpreter.run(HOLD));
            } finally {
                gc.start();
            }
            // the collector binds again through Declarative Services
            String[] last = {""};
            Await.until(() -> {
                try {
                    last[0] = interpreter.run(HOLD);
                } catch (Exception e) {
                    last[0] = e.toString();
                }
                return last[0].equals("MemoryError\n");
            }, () -> last[0]);
        }
    }

    @Test
    void theHeapIsALimitWithTheGcBundle() throws Exception {
        Reflect.awaitService("dev.mica.heap.GarbageCollector");
        try (PythonInterpreter interpreter = PythonInterpreter.withHeapSize(256 * 1024)) {
            assertEquals("MemoryError\n", interpreter.run(HOLD));
            assertEquals("259072\n", interpreter.run("import gc\nprint(gc.mem_alloc() + gc.mem_free())"));
        }
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : FrameworkUtil.getBundle(GcSwapTest.class).getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
