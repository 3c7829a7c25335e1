package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;


/**
 * Heap isolation between apps: fifty apps run at once in one gateway (in a JVM of modest heap),
 * five of them hoarding memory without bound. Each hoarder gets MemoryError from its own heap
 * and carries on; the other forty-five, which allocate plenty of short-lived objects (several
 * heaps' worth, so the garbage collector must trace and free for them), finish with the right
 * output; the JVM itself never runs out of memory.
 */
@ExtendWith(ServiceExtension.class)
class MemoryIsolationTest {
    private static final int APPS = 50;
    private static final int HOARDERS = 5;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configurationAdmin;

    @InjectService(timeout = 10_000)
    LogReaderService logReader;


    /**
     * Not a JUnit temporary folder: the gateway may still touch it while Config Admin delivers
     * the deletion of its configuration, so it is removed on a best-effort basis.
     */
    private Path storage;

    private LogRecorder log;

    @BeforeEach
    void listen() throws Exception {
        Reflect.awaitService("dev.mica.heap.GarbageCollector");
        log = new LogRecorder(logReader);
        storage = Files.createTempDirectory("mica-memory-isolation");
    }

    @AfterEach
    void restoreTheDefaults() throws Exception {
        Bundle gateway = bundle("dev.mica.gateway");
        gateway.stop();
        configurationAdmin.getConfiguration("dev.mica.gateway", "?").delete();
        gateway.start();
        log.close();
        Thread.sleep(500);
        try (java.util.stream.Stream<Path> paths = Files.walk(storage)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Builds lists, dicts and strings in a loop, keeping only a running total. */
    private static String worker(int n) {
        return "total = 0\n"
                + "for i in range(1500):\n"
                + "    squares = [j * j for j in range(40)]\n"
                + "    names = {str(j): j for j in range(" + (10 + n % 7) + ")}\n"
                + "    total += sum(squares) + len(names) + len('-'.join(names))\n"
                + "print('result', " + n + ", total)\n";
    }

    private static long expectedTotal(int n) {
        long squares = 0;
        for (int j = 0; j < 40; j++) {
            squares += (long) j * j;
        }
        int count = 10 + n % 7;
        int joined = count - 1;
        for (int j = 0; j < count; j++) {
            joined += Integer.toString(j).length();
        }
        return 1500 * (squares + count + joined);
    }

    /** Keeps every string it makes until the heap is full, then lets them go and says so. */
    private static final String HOARDER = "hoard = []\n"
            + "try:\n"
            + "    while True:\n"
            + "        hoard.append('x' * 1000 + str(len(hoard)))\n"
            + "except MemoryError as e:\n"
            + "    kept = len(hoard)\n"
            + "    hoard = None\n"
            + "    print('hoarder stopped after', kept, 'strings:', e)\n"
            + "again = [bytes(100) for i in range(1000)]\n"
            + "print('hoarder recovered', len(again))\n";

    @Test
    void fiveHoardersGetMemoryErrorWhileFortyFiveOthersFinish() throws Exception {
        for (int i = 0; i < APPS; i++) {
            Path folder = Files.createDirectories(storage.resolve("apps").resolve(name(i)));
            Files.writeString(folder.resolve("main.py"), isHoarder(i) ? HOARDER : worker(i));
        }
        configurationAdmin.getConfiguration("dev.mica.gateway", "?")
                .update(new Hashtable<>(java.util.Map.of("storage", storage.toString())));

        for (int i = 0; i < APPS; i++) {
            if (isHoarder(i)) {
                log.awaitApp(name(i), "hoarder recovered 1000");
                List<String> lines = log.ofApp(name(i));
                String stopped = lines.stream().filter(l -> l.contains("hoarder stopped after")).findFirst().orElseThrow();
                assertTrue(stopped.contains("memory allocation failed, allocating "), stopped);
                // the default 2 MB heap holds somewhat fewer than two thousand strings of a kilobyte
                int kept = Integer.parseInt(stopped.replaceAll(".*stopped after (\\d+) strings.*", "$1"));
                assertTrue(kept > 500 && kept < 2100, stopped);
            } else {
                String marker = "result " + i + " ";
                log.awaitApp(name(i), marker);
                String result = log.ofApp(name(i)).stream().filter(l -> l.contains(marker)).findFirst().orElseThrow();
                assertTrue(result.endsWith(marker + expectedTotal(i)), result + " expected " + expectedTotal(i));
            }
        }
        for (int i = 0; i < APPS; i++) {
            String app = name(i);
            assertFalse(log.ofApp(app).stream().anyMatch(l -> l.contains("OutOfMemoryError") || l.contains("Traceback")),
                    app + ": " + log.ofApp(app));
            assertEquals(0, log.countOfApp(app, "MemoryError"), app + ": " + log.ofApp(app));
        }
    }

    private static boolean isHoarder(int i) {
        return i % (APPS / HOARDERS) == 3;
    }

    private static String name(int i) {
        return String.format("app%02d", i);
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : FrameworkUtil.getBundle(MemoryIsolationTest.class).getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
