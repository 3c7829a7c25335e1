package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The driver row of the swap table as the gateway sees it: a running app holding a
 * {@code machine.Pin} of the simulated board keeps running while the board's driver bundle is
 * stopped (its calls raise {@code OSError(ENODEV)}), updated and uninstalled; the pin object
 * works again with the next driver, and the app is never restarted. What the driver swap does
 * to each kind of bus is the machine bundle's tests' business; this test needs the simulated
 * board in the test runtime and is skipped without it.
 */
class DriverSwapTest {
    static final String SIM = "dev.mica.driver.sim";
    static final String STATE = """
            import machine, errno
            pin = machine.Pin(5, machine.Pin.OUT)
            level = 0

            def state():
                global level
                level = 1 - level
                try:
                    pin.value(level)
                    return 'pin %d' % pin.value()
                except OSError as e:
                    return 'no driver' if e.errno == errno.ENODEV else 'OSError %s' % e
            """;

    @TempDir
    Path storage;

    private GatewayFixture gateway;
    private ProbeApp probe;

    @BeforeEach
    void startTheProbe() throws Exception {
        assumeTrue(Arrays.stream(Bundles.context().getBundles()).anyMatch(b -> SIM.equals(b.getSymbolicName())),
                "the simulated board is not in this test runtime");
        Bundles.assertTestsAreNotWiredToMica();
        gateway = new GatewayFixture(storage);
        probe = new ProbeApp(gateway, "blinker", STATE);
        gateway.useStorage();
        gateway.log.awaitApp("blinker", "probe up");
        assertEquals("pin 1", probe.ask());
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        if (gateway == null) {
            return;
        }
        Bundle sim = Bundles.bundle(SIM);
        if (sim.getState() != Bundle.ACTIVE) {
            sim.start();
        }
        gateway.close();
    }

    @Test
    void theAppRunsOnThroughAStopAnUpdateAndAReinstallOfTheDriver() throws Exception {
        Bundle sim = Bundles.bundle(SIM);
        sim.stop();
        try {
            assertEquals("no driver", probe.ask());
        } finally {
            sim.start();
        }
        awaitPinWorks();

        WeakReference<Class<?>> old = new WeakReference<>(sim.loadClass("dev.mica.driver.sim.SimBoard"));
        Bundles.updateAndRefresh(sim);
        awaitPinWorks();
        Leaks.assertCollected(old, "the driver's revision before the update");

        Bundles.uninstallAndReinstall(sim);
        awaitPinWorks();

        assertEquals(1, probe.starts(), probe.log());
        String listing = gateway.command("apps");
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("blinker ") && l.contains("RUNNING")), listing);
    }

    /** The pin works again once the new driver's services are bound (the framework binds them on its threads). */
    private void awaitPinWorks() throws Exception {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        String seen = probe.ask();
        while (!seen.startsWith("pin ")) {
            assertTrue(System.nanoTime() < deadline, "the pin still answers '" + seen + "'");
            Thread.sleep(50);
            seen = probe.ask();
        }
    }
}
