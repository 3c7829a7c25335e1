package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * A hundred updates of each runtime bundle in one framework: after every refresh the old
 * revision's class loader must be collectable (a weak reference to one of its classes is
 * cleared), so neither the loaded classes nor the metaspace grow with the number of swaps.
 * The figures at 10, 50 and 100 cycles are printed for docs/performance.md.
 */
class SwapLeakTest {
    static final int CYCLES = 100;
    static final String NATIVE_EMITTER = "dev.mica.emit.NativeEmitter";
    static final String GARBAGE_COLLECTOR = "dev.mica.heap.GarbageCollector";
    static final Set<Integer> CHECKPOINTS = Set.of(10, 50, 100);
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

    @Test
    void oldCompilersAreCollectable() throws Exception {
        updateRepeatedly(Bundles.COMPILER, "dev.mica.compiler.BytecodeCompiler");
    }

    @Test
    void oldModuleProvidersAreCollectable() throws Exception {
        updateRepeatedly(Bundles.MODULES, "dev.mica.modules.HeapqModule");
    }

    @Test
    void oldEmittersAreCollectable() throws Exception {
        updateRepeatedly(Bundles.EMITTER, "dev.mica.emitter.JvmEmitter");
    }

    @Test
    void oldCollectorsAreCollectable() throws Exception {
        updateRepeatedly(Bundles.GC, "dev.mica.gc.TracingCollector");
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
        updateRepeatedly(Bundles.VM, "dev.mica.vm.MicaInterpreterFactory", true);
    }

    private static void updateRepeatedly(String symbolicName, String className) throws Exception {
        updateRepeatedly(symbolicName, className, false);
    }

    private static void updateRepeatedly(String symbolicName, String className, boolean includeRevisionBefore)
            throws Exception {
        Bundles.assertTestsAreNotWiredToMica();
        Bundle bundle = Bundles.bundle(symbolicName);
        runWorkload();
        List<WeakReference<Class<?>>> oldRevisions = new ArrayList<>();
        long started = System.nanoTime();
        long swapping = 0;
        report(symbolicName, 0, started, swapping);
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            if (cycle > 1 || includeRevisionBefore) {
                // the revisions this test made, and for the vm also the one that served the
                // earlier tests of this framework (what other tests leave of other bundles is theirs)
                oldRevisions.add(new WeakReference<>(bundle.loadClass(className)));
            }
            long swapStart = System.nanoTime();
            Bundles.updateAndRefresh(bundle);
            swapping += System.nanoTime() - swapStart;
            runWorkload();
            if (CHECKPOINTS.contains(cycle)) {
                boolean collected = Leaks.collect(oldRevisions);
                long reachable = oldRevisions.stream().filter(r -> r.get() != null).count();
                int made = includeRevisionBefore ? cycle : cycle - 1;
                report(symbolicName, cycle, started, swapping);
                if (!collected) {
                    String reachableNow = stillReachable(oldRevisions);
                    fail(reachable + " of " + made + " old revisions of " + symbolicName + " are still reachable: "
                            + reachableNow + "; " + Leaks.dumpHeap("swap-leak-" + symbolicName + ".hprof"));
                }
            }
        }
    }

    /** Runs the workload on a new interpreter, waiting for the services a refresh brought back. */
    private static void runWorkload() throws Exception {
        Reflect.awaitService(InterpreterFactoryServiceTest.COMPILER);
        Reflect.awaitService(NATIVE_EMITTER);
        Reflect.awaitService(GARBAGE_COLLECTOR);
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            try (PythonInterpreter interpreter = PythonInterpreter.create()) {
                String status = interpreter.runSource(WORKLOAD);
                // the module providers of a refreshed bundle register one after another, and
                // the emitter may bind to a refreshed factory after the service appeared
                String err = interpreter.stderr();
                boolean providersComingBack = (err.contains("ImportError") || err.contains("invalid micropython decorator")
                        || err.contains("no native emitter available")) && System.nanoTime() < deadline;
                if (!providersComingBack) {
                    assertEquals("COMPLETED", status, interpreter.stderr());
                    assertEquals(WORKLOAD_OUTPUT, interpreter.stdout());
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    /** Which revisions (counted from the first one checked) are still reachable, and what holds them. */
    private static String stillReachable(List<WeakReference<Class<?>>> oldRevisions) {
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < oldRevisions.size(); i++) {
            Class<?> type = oldRevisions.get(i).get();
            if (type != null) {
                found.append("revision ").append(i + 1).append(':').append(Leaks.holdersOf(type.getClassLoader())).append("; ");
            }
        }
        StringBuilder threads = new StringBuilder("threads:");
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            threads.append(" '").append(thread.getName()).append("' (context loader ")
                    .append(thread.getContextClassLoader()).append(')');
        }
        return found + threads.toString();
    }

    private static void report(String symbolicName, int cycle, long started, long swapping) {
        System.out.printf("swap-leak %s cycle %d: %d loaded classes, metaspace %.1f MiB, %.1f s (%.1f s of it in"
                + " update and refresh)%n", symbolicName, cycle, Leaks.loadedClasses(),
                Leaks.metaspaceUsed() / 1048576.0, (System.nanoTime() - started) / 1e9, swapping / 1e9);
    }
}
