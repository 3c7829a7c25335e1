package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The extension modules' row of the swap table, under a running app: while the bundle that
 * provides a module is stopped, new imports of it fail with ImportError; the module object the
 * program imported before keeps working (its code stays loaded for as long as the program holds
 * it); once the bundle is back, an import gives the module of the new provider, without
 * restarting the app.
 */
class ModuleProviderSwapTest {
    static final String STATE = """
            import heapq
            held = heapq

            def state():
                try:
                    import heapq as now
                    seen = 'import ok' + (' same' if now is held else ' new')
                except ImportError as e:
                    seen = 'import ImportError: ' + str(e)
                try:
                    values = [5, 1, 4]
                    held.heapify(values)
                    seen += ', held ' + str(values[0])
                except Exception as e:
                    seen += ', held ' + type(e).__name__ + ': ' + str(e)
                return seen
            """;
    static final String IMPORTED = "import ok same, held 1";
    static final String GONE = "import ImportError: no module named 'heapq', held 1";
    static final String BACK = "import ok new, held 1";

    @TempDir
    Path storage;

    private GatewayFixture gateway;
    private ProbeApp probe;

    @BeforeEach
    void startTheProbe() throws Exception {
        Bundles.assertTestsAreNotWiredToMica();
        gateway = new GatewayFixture(storage);
        probe = new ProbeApp(gateway, "importer", STATE);
        gateway.useStorage();
        gateway.log.awaitApp("importer", "probe up");
        assertEquals(IMPORTED, probe.ask());
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        gateway.close();
    }

    @Test
    void aStoppedProviderFailsNewImportsAndItsReturnIsImportedAnew() throws Exception {
        Bundle modules = Bundles.bundle(Bundles.MODULES);
        modules.stop();
        try {
            assertEquals(GONE, probe.ask());
        } finally {
            modules.start();
        }
        probe.awaitState(BACK);
        assertEquals(1, probe.starts(), probe.log());
    }

    /**
     * A bundle meant to run (persistently started) that is not active yet is on its way, as in a
     * refresh or at boot: an import that misses its module waits for it instead of failing.
     */
    @Test
    void anImportWaitsForAProviderOnItsWay() throws Exception {
        Bundle modules = Bundles.bundle(Bundles.MODULES);
        modules.stop(Bundle.STOP_TRANSIENT);
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(700);
                modules.start(Bundle.START_TRANSIENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        try {
            assertEquals(BACK, probe.ask());
        } finally {
            starter.join();
            if (modules.getState() != Bundle.ACTIVE) {
                modules.start();
            }
        }
        assertEquals(1, probe.starts(), probe.log());
    }

    @Test
    void anUpdatedProviderServesNewImportsWhileHeldModulesKeepWorking() throws Exception {
        Bundle modules = Bundles.bundle(Bundles.MODULES);
        Bundles.updateAndRefresh(modules);
        probe.awaitState(BACK);

        Bundle reinstalled = Bundles.uninstallAndReinstall(modules);
        assertEquals(Bundle.ACTIVE, reinstalled.getState());
        probe.awaitState(BACK);
        assertEquals(1, probe.starts(), probe.log());
    }
}
