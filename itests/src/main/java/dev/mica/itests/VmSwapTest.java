package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The vm row of the swap table: apps on the old VM are stopped and restarted on the new one,
 * their files kept and their state not. The gateway notices the interpreter factory going away
 * (bundle stopped, updated or uninstalled) and coming back.
 */
class VmSwapTest {
    /** Each run adds a line to a file of the app: what a run finds there shows the files were kept. */
    static final String STATE = """
            with open('runs.txt', 'a') as f:
                f.write('run\\n')

            def state():
                with open('runs.txt') as f:
                    return 'runs ' + str(len(f.read().split()))
            """;

    @TempDir
    Path storage;

    private GatewayFixture gateway;
    private ProbeApp probe;
    private String mainProgram;

    @BeforeEach
    void startTheProbe() throws Exception {
        Bundles.assertTestsAreNotWiredToMica();
        gateway = new GatewayFixture(storage);
        probe = new ProbeApp(gateway, "keeper", STATE);
        mainProgram = Files.readString(probe.folder().resolve("main.py"));
        gateway.useStorage();
        gateway.log.awaitApp("keeper", "probe up");
        assertEquals("runs 1", probe.ask());
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        gateway.close();
    }

    @Test
    void appsAreRestartedOnAnUpdatedVmWithTheirFilesAndTheOldVmIsReleased() throws Exception {
        Bundle vm = Bundles.bundle(Bundles.VM);
        WeakReference<Class<?>> oldVm = new WeakReference<>(vm.loadClass("dev.mica.vm.MicaInterpreterFactory"));
        Bundles.updateAndRefresh(vm);
        awaitRestart(1);
        // the restarted app runs on the new revision: nothing holds the old one
        Leaks.assertCollected(oldVm, "the vm's old revision, with the app restarted");

        Bundles.uninstallAndReinstall(vm);
        awaitRestart(2);
    }

    @Test
    void aStoppedVmStopsTheAppsAndItsReturnStartsThemAgain() throws Exception {
        Bundle vm = Bundles.bundle(Bundles.VM);
        vm.stop();
        try {
            gateway.log.awaitApp("keeper", "main.py ended");
        } finally {
            vm.start();
        }
        awaitRestart(1);
    }

    /**
     * The app runs again after the n-th swap, from its kept files (state lives in files only).
     * Between an update and the refresh that follows it the updated vm serves the old API (it
     * imports its own packages from the old revision until the refresh), so the gateway may
     * start the app once more in that moment: runs are counted as at least one per swap.
     */
    private void awaitRestart(int swaps) throws Exception {
        gateway.log.awaitApp("keeper", "probe up", swaps + 1);
        String state = probe.ask();
        Matcher seen = Pattern.compile("runs (\\d+)").matcher(state);
        assertTrue(seen.matches() && Integer.parseInt(seen.group(1)) >= swaps + 1, state + "\n" + probe.log());
        assertEquals(mainProgram, Files.readString(probe.folder().resolve("main.py")));
    }
}
