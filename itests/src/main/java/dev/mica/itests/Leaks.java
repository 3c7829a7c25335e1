package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.util.List;

/** Whether old revisions of bundles can be collected, and the JVM figures that show it. */
final class Leaks {
    /** Full collections tried before an object still reachable counts as leaked. */
    private static final int GC_ATTEMPTS = 30;

    private Leaks() {
    }

    /** Collects until every reference is cleared; true if they all were within the attempts. */
    static boolean collect(List<? extends WeakReference<?>> references) throws InterruptedException {
        for (int attempt = 0; attempt < GC_ATTEMPTS; attempt++) {
            if (references.stream().allMatch(r -> r.get() == null)) {
                return true;
            }
            System.gc();
            Thread.sleep(20 + 10L * attempt);
        }
        return references.stream().allMatch(r -> r.get() == null);
    }

    /**
     * What may hold a class loader that should be gone: the threads whose context class loader
     * it is or whose class it loaded. For the message of a failed leak check.
     */
    static String holdersOf(ClassLoader loader) {
        StringBuilder found = new StringBuilder();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getContextClassLoader() == loader || thread.getClass().getClassLoader() == loader) {
                found.append(" thread '").append(thread.getName()).append("'");
            }
        }
        return found.length() == 0 ? " (no thread of it)" : found.toString();
    }

    static void assertCollected(WeakReference<?> reference, String what) throws InterruptedException {
        if (!collect(List.of(reference))) {
            fail(what + " is still reachable after " + GC_ATTEMPTS + " collections: " + reference.get());
        }
    }

    /**
     * Writes a heap dump of the live objects (HotSpot's diagnostic bean, called by name: the
     * test bundle links against no com.sun package) for finding what holds a leaked revision;
     * returns where, or why not.
     */
    static String dumpHeap(String fileName) {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), fileName).toAbsolutePath();
        try {
            java.nio.file.Files.deleteIfExists(file);
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap",
                    new Object[] {file.toString(), Boolean.TRUE},
                    new String[] {String.class.getName(), boolean.class.getName()});
            return "heap dump in " + file;
        } catch (Exception e) {
            return "no heap dump: " + e;
        }
    }

    static int loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }

    /** Bytes of metaspace in use, or -1 when the JVM has no pool of that name. */
    static long metaspaceUsed() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return pool.getUsage().getUsed();
            }
        }
        return -1;
    }
}
