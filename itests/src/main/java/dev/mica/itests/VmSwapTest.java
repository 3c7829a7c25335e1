package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;

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
    /** Each run adds a line to a file of the app; a global shows whether state survived. */
    static final String STATE = """
            with open('runs.txt', 'a') as f:
                f.write('run\\n')
            asked = 0

            def state():
                global asked
                asked += 1
                with open('runs.txt') as f:
                    runs = len(f.read().split())
                return 'runs ' + str(runs) + ', asked in this run ' + str(asked)
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
        assertEquals("runs 1, asked in this run 1", probe.ask());
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
        awaitRun(2);
        // the restarted app runs on the new revision: nothing holds the old one
        Leaks.assertCollected(oldVm, "the vm's old revision, with the app restarted");

        Bundles.uninstallAndReinstall(vm);
        awaitRun(3);
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
        awaitRun(2);
    }

    /** The app started anew for the n-th time, from its kept files, with fresh globals. */
    private void awaitRun(int run) throws Exception {
        // asked before the new run reads its ping file, it would take the question for an old one
        gateway.log.awaitApp("keeper", "probe up", run);
        probe.awaitState("runs " + run + ", asked in this run 1");
        assertEquals(run, probe.starts(), probe.log());
        assertEquals(mainProgram, Files.readString(probe.folder().resolve("main.py")));
    }
}
