package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A hundred updates of each runtime bundle, and of the machine bundle and the board and chip
 * drivers under programs that use them, in one framework: after every refresh the old
 * revision must be collectable (a weak reference to one of its classes, or for a bundle
 * without classes to its revision, is cleared), and the metaspace of the swapped bundles'
 * class loaders, dead revisions not yet purged included, must not grow past the first cycles.
 * <p>
 * The JVM's metaspace in use as a whole grows by a few KiB a cycle, all of it in long-lived
 * loaders (the JDK's, the framework's, the bundles not swapped) whose classes are flat: it is
 * the JIT's method profiles (MethodData) of code that the swaps and the programs run more and
 * more often (a method called once a cycle reaches the profiling threshold after a few hundred
 * cycles), and it vanishes with {@code -XX:TieredStopAtLevel=1}, where nothing is profiled.
 * A fresh revision starts with no profiles, so the swapped loaders' share stays flat. The
 * figures at 10, 50 and 100 cycles are printed for docs/performance.md.
 */
class SwapLeakTest {
    /** 100, or more for a longer look (-Dmica.swapleak.cycles=300 in -runvm of itest.bndrun). */
    static final int CYCLES = Integer.getInteger("mica.swapleak.cycles", 100);
    static final int FIRST_CHECKPOINT = 10;
    static final Set<Integer> CHECKPOINTS = Set.of(FIRST_CHECKPOINT, 50, 100);
    /**
     * How far the swapped bundles' metaspace may move between checkpoints: measured over 300
     * cycles of each runtime bundle it stayed within 2.3 KiB (a compiled function of the last
     * program, a hidden class of about 2 KiB, is sometimes not yet collected), while one leaked
     * revision would add a whole loader (7 KiB for the smallest, the gc bundle).
     */
    static final long SWAPPED_METASPACE_TOLERANCE = 4096;
    static final String NATIVE_EMITTER = "dev.mica.emit.NativeEmitter";
    static final String GARBAGE_COLLECTOR = "dev.mica.heap.GarbageCollector";
    static final String MACHINE = "dev.mica.machine";
    static final String BME280_DRIVER = "dev.mica.chip.bme280";
    /**
     * Compiles, imports modules of the modules bundle, runs viper code (the emitter) and traces
     * its heap (the gc bundle): touches every runtime bundle.
     */
    static final String WORKLOAD = """
            import json, heapq, time, gc, micropython
            values = [5, 3, 8, 1]
            heapq.heapify(values)
            source = 'def double(x):\\n    return 2 * x\\n'
            scope = {}
            exec(source, scope)

            @micropython.viper
            def wrapped(x: int) -> int:
                return x << 62

            gc.collect()
            print(json.dumps({'smallest': values[0], 'double': scope['double'](21), 'ticks': time.ticks_ms() >= 0,
                              'viper': wrapped(3), 'alloc': gc.mem_alloc() > 0}))
            """;
    static final String WORKLOAD_OUTPUT =
            "{\"smallest\": 1, \"double\": 42, \"ticks\": true, \"viper\": -4611686018427387904, \"alloc\": true}\n";
    /**
     * Toggles an output wired to an input of the simulated board and drives port A of an
     * MCP23017 on I2C bus 1 (whose pin B1 is held high from outside), reading both ports back:
     * goes through the machine bundle to the board driver.
     */
    static final String DRIVER_WORKLOAD = """
            from machine import Pin, I2C
            out = Pin(5, Pin.OUT, value=0)
            wired = Pin(6, Pin.IN)
            out.toggle()
            high = wired.value()
            out.toggle()
            low = wired.value()
            i2c = I2C(1)
            i2c.writeto_mem(0x20, 0x00, b'\\x00')
            i2c.writeto_mem(0x20, 0x14, b'\\xa5')
            ports = i2c.readfrom_mem(0x20, 0x12, 2)
            print(high, low, hex(ports[0]), hex(ports[1]))
            """;
    static final String DRIVER_WORKLOAD_OUTPUT = "1 0 0xa5 0x2\n";
    /** Reads the simulated BME280 with the frozen driver of the chip-driver bundle. */
    static final String CHIP_WORKLOAD = """
            from machine import I2C
            import bme280
            t, p, h = bme280.BME280(I2C(1)).read()
            print(round(t), round(p), round(h))
            """;
    static final String CHIP_WORKLOAD_OUTPUT = "21 1001 40\n";

    /** A program run after every cycle and what it must print. */
    record Workload(String source, String output) {
    }

    static final Workload RUNTIME = new Workload(WORKLOAD, WORKLOAD_OUTPUT);
    static final Workload DRIVERS = new Workload(DRIVER_WORKLOAD, DRIVER_WORKLOAD_OUTPUT);
    static final Workload CHIP = new Workload(CHIP_WORKLOAD, CHIP_WORKLOAD_OUTPUT);

    @Test
    void oldCompilersAreCollectable() throws Exception {
        updateRepeatedly(Bundles.COMPILER, classOf("dev.mica.compiler.BytecodeCompiler"), RUNTIME, false);
    }

    @Test
    void oldModuleProvidersAreCollectable() throws Exception {
        updateRepeatedly(Bundles.MODULES, classOf("dev.mica.modules.HeapqModule"), RUNTIME, false);
    }

    @Test
    void oldEmittersAreCollectable() throws Exception {
        updateRepeatedly(Bundles.EMITTER, classOf("dev.mica.emitter.JvmEmitter"), RUNTIME, false);
    }

    @Test
    void oldCollectorsAreCollectable() throws Exception {
        updateRepeatedly(Bundles.GC, classOf("dev.mica.gc.TracingCollector"), RUNTIME, false);
    }

    /**
     * Before the updates the gateway takes an app configuration and runs the app with it, which
     * once kept the vm revision of that moment reachable (through the JDK's cache of record
     * equality, see docs/architecture.md): every old revision must go, that one included.
     */
    @Test
    void oldVmsAreCollectable(@TempDir Path storage) throws Exception {
        try (GatewayFixture gateway = new GatewayFixture(storage)) {
            Files.createDirectories(storage.resolve("apps"));
            Files.writeString(storage.resolve("apps").resolve("configured.py"), "print('configured ran')\n");
            gateway.useStorage();
            gateway.log.awaitApp("configured", "configured ran");
            gateway.configureApp(Map.of("name", "configured", "optimization", "1", "heapsize", "512k"));
            gateway.log.awaitApp("configured", "applies at the next start");
            gateway.command("start", "configured");
            gateway.log.awaitApp("configured", "configured ran", 2);
        }
        updateRepeatedly(Bundles.VM, classOf("dev.mica.vm.MicaInterpreterFactory"), RUNTIME, true);
    }

    @Test
    void oldMachineBundlesAreCollectable() throws Exception {
        try (SimBoards sim = boardWithChips()) {
            updateRepeatedly(MACHINE, classOf("dev.mica.machine.MachineModule"), DRIVERS, false);
        }
    }

    @Test
    void oldBoardDriversAreCollectable() throws Exception {
        try (SimBoards sim = boardWithChips()) {
            updateRepeatedly(SimBoards.BUNDLE, classOf("dev.mica.driver.sim.SimBoard"), DRIVERS, false);
        }
    }

    /** The chip driver is frozen Python and has no class: its old wirings themselves must go. */
    @Test
    void oldChipDriversAreCollectable() throws Exception {
        try (SimBoards sim = boardWithChips()) {
            updateRepeatedly(BME280_DRIVER, bundle -> bundle.adapt(BundleWiring.class), CHIP, false);
        }
    }

    /** What stands for the current revision of a bundle: something only that revision holds. */
    interface RevisionMarker {
        Object of(Bundle bundle) throws Exception;
    }

    private static RevisionMarker classOf(String className) {
        return bundle -> bundle.loadClass(className);
    }

    /** The simulated board with output 5 wired to input 6, an MCP23017 (pin B1 held high) and a BME280 on bus 1. */
    private static SimBoards boardWithChips() throws Exception {
        SimBoards sim = new SimBoards();
        // Config Admin delivers changes asynchronously: the chips an earlier test deleted may
        // still be on the board, and seeing them would not mean that this board is set up
        sim.awaitNoChip("mcp23017", "1");
        sim.awaitNoChip("bme280", "1");
        sim.configureBoard(Map.of("wire", "5->6"));
        sim.addChip(Map.of("type", "mcp23017", "bus", "1", "inputs", "9=1"));
        sim.addChip(Map.of("type", "bme280", "bus", "1", "temperature", 21.2, "pressure", 1001.3, "humidity", 40.2));
        sim.awaitChip("mcp23017", "1");
        sim.awaitChip("bme280", "1");
        return sim;
    }

    private static void updateRepeatedly(String symbolicName, RevisionMarker marker, Workload workload,
            boolean includeRevisionBefore) throws Exception {
        Bundles.assertTestsAreNotWiredToMica();
        Bundle bundle = Bundles.bundle(symbolicName);
        // what a refresh of the bundle replaces: the bundle and every bundle wired to it
        Collection<Bundle> swapped = Bundles.context().getBundle(0).adapt(FrameworkWiring.class)
                .getDependencyClosure(List.of(bundle));
        runWorkload(workload);
        List<WeakReference<Object>> oldRevisions = new ArrayList<>();
        long started = System.nanoTime();
        long swapping = 0;
        MetaspaceCensus first = null;
        report(symbolicName, 0, started, swapping, MetaspaceCensus.take(swapped));
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            if (cycle > 1 || includeRevisionBefore) {
                // the revisions this test made, and for the vm also the one that served the
                // earlier tests of this framework (what other tests leave of other bundles is theirs)
                oldRevisions.add(new WeakReference<>(marker.of(bundle)));
            }
            long swapStart = System.nanoTime();
            Bundles.update(bundle);
            // the update starts the new revision on a wiring of its own, and the refresh that
            // follows replaces that wiring (and its class loader) once more: both must go
            oldRevisions.add(new WeakReference<>(marker.of(bundle)));
            Bundles.refresh(bundle);
            swapping += System.nanoTime() - swapStart;
            runWorkload(workload);
            if (isCheckpoint(cycle)) {
                boolean collected = Leaks.collect(oldRevisions);
                long reachable = oldRevisions.stream().filter(r -> r.get() != null).count();
                int made = oldRevisions.size();
                MetaspaceCensus census = censusOfLiveLoaders(swapped, first);
                report(symbolicName, cycle, started, swapping, census);
                if (!collected) {
                    String reachableNow = stillReachable(oldRevisions);
                    fail(reachable + " of " + made + " old revisions of " + symbolicName + " are still reachable: "
                            + reachableNow + "; " + Leaks.dumpHeap("swap-leak-" + symbolicName + ".hprof"));
                }
                if (first == null) {
                    first = census;
                } else {
                    assertSwappedMetaspaceFlat(symbolicName, cycle, first, census);
                }
            }
        }
    }

    /**
     * The census once the dead loaders of old revisions are gone from it. The weak references
     * may have been cleared by a concurrent cycle that left the dead loaders for later, and on a
     * busy machine a full collection may still leave some unpurged: while the swapped bundles
     * show more loaders than at the first checkpoint, collect and count again, for a while.
     * A loader that something holds keeps its revision's marker, which the caller checks first.
     */
    private static MetaspaceCensus censusOfLiveLoaders(Collection<Bundle> swapped, MetaspaceCensus first)
            throws Exception {
        MetaspaceCensus census;
        int attempt = 0;
        do {
            System.gc();
            Thread.sleep(50L * attempt);
            census = MetaspaceCensus.take(swapped);
        } while (first != null && ++attempt < 10 && census.share(MetaspaceCensus.Owner.SWAPPED).classLoaders()
                > first.share(MetaspaceCensus.Owner.SWAPPED).classLoaders());
        return census;
    }

    /** 10, 50 and 100, and every hundredth cycle after when more are asked for (mica.swapleak.cycles). */
    private static boolean isCheckpoint(int cycle) {
        return CHECKPOINTS.contains(cycle) || cycle % 100 == 0;
    }

    /** The swapped bundles hold no more class loaders, and about as much metaspace, as at the first checkpoint. */
    private static void assertSwappedMetaspaceFlat(String symbolicName, int cycle, MetaspaceCensus first,
            MetaspaceCensus now) {
        MetaspaceCensus.Share before = first.share(MetaspaceCensus.Owner.SWAPPED);
        MetaspaceCensus.Share after = now.share(MetaspaceCensus.Owner.SWAPPED);
        String figures = "the loaders of " + symbolicName + " and the bundles refreshed with it at cycle "
                + FIRST_CHECKPOINT + ": " + before + first.describeLoaders(MetaspaceCensus.Owner.SWAPPED)
                + "\nat cycle " + cycle + ": " + after + now.describeLoaders(MetaspaceCensus.Owner.SWAPPED);
        // a dead loader not yet purged at the first checkpoint may be gone later: only growth is a leak
        assertTrue(after.classLoaders() <= before.classLoaders(), "class loaders, " + figures);
        assertTrue(after.usedBytes() - before.usedBytes() <= SWAPPED_METASPACE_TOLERANCE, "metaspace grew, " + figures);
    }

    /** Runs the workload on a new interpreter, waiting for the services a refresh brought back. */
    private static void runWorkload(Workload workload) throws Exception {
        Reflect.awaitService(InterpreterFactoryServiceTest.COMPILER);
        Reflect.awaitService(NATIVE_EMITTER);
        Reflect.awaitService(GARBAGE_COLLECTOR);
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            try (PythonInterpreter interpreter = PythonInterpreter.create()) {
                String status = interpreter.runSource(workload.source());
                // the module providers of a refreshed bundle register one after another, the
                // emitter may bind to a refreshed factory after the service appeared, and a
                // refreshed board driver comes back (its board, then its chips) after machine's
                // HAL references saw it go: ENODEV meanwhile
                String err = interpreter.stderr();
                boolean servicesComingBack = (err.contains("ImportError") || err.contains("invalid micropython decorator")
                        || err.contains("no native emitter available") || err.contains("ENODEV"))
                        && System.nanoTime() < deadline;
                if (!servicesComingBack) {
                    assertEquals("COMPLETED", status, interpreter.stderr());
                    assertEquals(workload.output(), interpreter.stdout());
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    /** Which revisions (counted from the first one checked) are still reachable, and what holds them. */
    private static String stillReachable(List<WeakReference<Object>> oldRevisions) {
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < oldRevisions.size(); i++) {
            Object marker = oldRevisions.get(i).get();
            if (marker != null) {
                found.append("old wiring ").append(i + 1).append(':')
                        .append(marker instanceof Class<?> type ? Leaks.holdersOf(type.getClassLoader()) : " " + marker)
                        .append("; ");
            }
        }
        StringBuilder threads = new StringBuilder("threads:");
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            threads.append(" '").append(thread.getName()).append("' (context loader ")
                    .append(thread.getContextClassLoader()).append(')');
        }
        return found + threads.toString();
    }

    private static void report(String symbolicName, int cycle, long started, long swapping, MetaspaceCensus census) {
        MetaspaceCensus.Share swapped = census.share(MetaspaceCensus.Owner.SWAPPED);
        System.out.printf("swap-leak %s cycle %d: %d loaded classes, metaspace %.1f MiB, of it %.1f KiB in the %d"
                + " loaders of the swapped bundles (%d of them for one hidden class each); long-lived: %s;"
                + " %d class loader data in all; %.1f s (%.1f s of it in update and refresh)%n",
                symbolicName, cycle, Leaks.loadedClasses(), Leaks.metaspaceUsed() / 1048576.0,
                swapped.usedBytes() / 1024.0, swapped.loaders(), swapped.hiddenClassLoaders(), census.describeLongLived(),
                census.loaderCount(), (System.nanoTime() - started) / 1e9, swapping / 1e9);
    }
}
