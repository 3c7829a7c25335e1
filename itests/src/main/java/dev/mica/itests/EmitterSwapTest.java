package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The emitter row of the swap table, under a running app configured with the emitter mode
 * {@code native}: when the emitter bundle is stopped, updated or uninstalled, the native code
 * of the old revision is dropped and {@code @micropython.native} functions (and, in that mode,
 * every function) run as bytecode with the same results until the next emitter compiles them
 * again. Viper code has no bytecode form (its ints wrap at 64 bits, its casts and pointers
 * exist only as native code): a viper call waits up to 5 s for the next emitter, which covers
 * an update, and raises {@code RuntimeError} once the emitter stays away. The app keeps running
 * throughout; it is never restarted.
 */
class EmitterSwapTest {
    static final String STATE = """
            import micropython

            @micropython.native
            def total(n):
                s = 0
                for i in range(n):
                    s += i
                return s

            @micropython.viper
            def wrapped(x: int) -> int:
                return x << 62

            def plain(words):
                return '-'.join(words)

            def state():
                try:
                    w = str(wrapped(3))
                except RuntimeError as e:
                    w = str(e)
                return 'total %d plain %s wrapped %s' % (total(10), plain(['a', 'b']), w)
            """;
    /** Viper's int wraps around at 64 bits: 3 << 62. */
    static final String COMPILED = "total 45 plain a-b wrapped -4611686018427387904";
    static final String WITHOUT_EMITTER = "total 45 plain a-b wrapped no native emitter available for viper code";

    @TempDir
    Path storage;

    private GatewayFixture gateway;
    private ProbeApp probe;

    @BeforeEach
    void startTheProbe() throws Exception {
        Bundles.assertTestsAreNotWiredToMica();
        Reflect.awaitService("dev.mica.emit.NativeEmitter");
        gateway = new GatewayFixture(storage);
        probe = new ProbeApp(gateway, "native", STATE);
        gateway.configureApp(Map.of("name", "native", "emit", "native"));
        gateway.useStorage();
        gateway.log.awaitApp("native", "probe up");
        assertEquals(COMPILED, probe.ask());
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        Bundle emitter = Bundles.bundle(Bundles.EMITTER);
        if (emitter.getState() != Bundle.ACTIVE) {
            emitter.start();
        }
        gateway.close();
    }

    @Test
    void anUpdateRecompilesWithTheNewEmitterAndReleasesTheOldOne() throws Exception {
        Bundle emitter = Bundles.bundle(Bundles.EMITTER);
        for (int update = 1; update <= 3; update++) {
            WeakReference<Class<?>> old = new WeakReference<>(emitter.loadClass("dev.mica.emitter.JvmEmitter"));
            Bundles.updateAndRefresh(emitter);
            // viper waits out the gap, so the running app sees no difference at all
            assertEquals(COMPILED, probe.ask());
            Leaks.assertCollected(old, "the emitter's revision before update " + update);
        }
        assertStillRunningWithoutRestart();
    }

    @Test
    void withoutTheEmitterNativeCodeRunsAsBytecodeAndViperRaises() throws Exception {
        Bundle emitter = Bundles.bundle(Bundles.EMITTER);
        emitter.stop();
        try {
            assertEquals(WITHOUT_EMITTER, probe.ask());
            // once the gap is over viper fails at once; the native functions keep their results
            long asked = System.nanoTime();
            assertEquals(WITHOUT_EMITTER, probe.ask());
            assertTrue(System.nanoTime() - asked < 4_000_000_000L, "a viper call waited again after the gap");
        } finally {
            emitter.start();
        }
        probe.awaitState(COMPILED);
        assertStillRunningWithoutRestart();
    }

    @Test
    void anUninstalledEmitterIsReleasedAndAReinstalledOneCompilesAgain() throws Exception {
        Bundle emitter = Bundles.bundle(Bundles.EMITTER);
        WeakReference<Class<?>> old = new WeakReference<>(emitter.loadClass("dev.mica.emitter.JvmEmitter"));
        Bundles.uninstallAndReinstall(emitter);
        assertEquals(COMPILED, probe.ask());
        Leaks.assertCollected(old, "the uninstalled emitter");
        assertStillRunningWithoutRestart();
    }

    private void assertStillRunningWithoutRestart() throws Exception {
        assertEquals(1, probe.starts(), probe.log());
        String listing = gateway.command("apps");
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("native ") && l.contains("RUNNING")), listing);
    }
}
