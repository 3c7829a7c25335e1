package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A whole gateway stopped and started again, as a reboot of the machine does: a second Felix
 * inside this one, with the same bundles (Mica's, SCR, Config Admin, FileInstall), its framework
 * storage and the gateway's storage folder on disk. The app runs before and after the restart,
 * finds the file it wrote in its first run, and its log file and last-run state go on.
 */
class FrameworkRestartTest {
    /** Bundles of the test harness, which the inner gateway does not need. */
    private static final List<String> HARNESS = List.of("dev.mica.itests", "junit-", "org.junit", "org.opentest4j",
            "org.osgi.test.", "biz.aQute.tester");
    private static final String APP = """
            try:
                with open('runs.txt') as f:
                    runs = f.read()
            except OSError:
                runs = ''
            runs += 'run\\n'
            with open('runs.txt', 'w') as f:
                f.write(runs)
            print('run number', len(runs.split()))
            """;

    @TempDir
    Path work;

    @Test
    void anAppSurvivesAStopAndStartOfTheWholeFrameworkWithItsFiles() throws Exception {
        Path storage = work.resolve("storage");
        Path load = Files.createDirectories(work.resolve("load"));
        Path app = Files.createDirectories(storage.resolve("apps").resolve("keeper"));
        Files.writeString(app.resolve("main.py"), APP);
        Files.writeString(app.resolve("data.bin"), "kept bytes");
        // the inner gateway's configuration comes from FileInstall, as on a real gateway
        Files.writeString(load.resolve("dev.mica.gateway.cfg"), "storage=" + storage + "\n");
        Map<String, String> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", work.resolve("felix-cache").toString());
        properties.put("felix.fileinstall.dir", load.toString());
        properties.put("felix.fileinstall.poll", "200");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.log.level", "1");

        Framework first = newFramework(properties);
        first.init();
        List<Bundle> installed = installRuntimeBundles(first);
        first.start();
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get("Fragment-Host") == null) {
                bundle.start();
            }
        }
        Path log = storage.resolve("logs").resolve("keeper.log");
        awaitFileContains(log, "out run number 1");
        stop(first);

        // the second framework finds its bundles in the framework storage: nothing is installed
        Framework second = newFramework(properties);
        second.start();
        try {
            awaitFileContains(log, "out run number 2");
        } finally {
            stop(second);
        }
        assertEquals(APP, Files.readString(app.resolve("main.py")));
        assertEquals("kept bytes", Files.readString(app.resolve("data.bin")));
        assertEquals("run\nrun\n", Files.readString(app.resolve("runs.txt")));
        String logText = Files.readString(log);
        assertTrue(logText.indexOf("out run number 1") < logText.indexOf("out run number 2"), logText);
        assertTrue(Files.readString(storage.resolve("state").resolve("apps.properties")).contains("keeper"),
                "the last run is remembered");
    }

    private static Framework newFramework(Map<String, String> properties) throws Exception {
        Class<?> factoryClass = Bundles.context().getBundle(0).getClass().getClassLoader()
                .loadClass("org.apache.felix.framework.FrameworkFactory");
        FrameworkFactory factory = (FrameworkFactory) factoryClass.getConstructor().newInstance();
        return factory.newFramework(properties);
    }

    /** Every bundle this framework runs but the test harness, installed from its location. */
    private static List<Bundle> installRuntimeBundles(Framework framework) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        for (Bundle bundle : Bundles.context().getBundles()) {
            String name = bundle.getSymbolicName();
            if (bundle.getBundleId() == 0 || name == null || HARNESS.stream().anyMatch(name::startsWith)) {
                continue;
            }
            try (InputStream content = Bundles.open(bundle.getLocation())) {
                installed.add(framework.getBundleContext().installBundle("inner:" + bundle.getLocation(), content));
            }
        }
        return installed;
    }

    private static void stop(Framework framework) throws Exception {
        framework.stop();
        FrameworkEvent event = framework.waitForStop(Await.TIMEOUT.toMillis());
        assertEquals(FrameworkEvent.STOPPED, event.getType(), "the inner framework did not stop: " + event);
    }

    private static void awaitFileContains(Path file, String text) throws InterruptedException {
        Await.until(() -> read(file).contains(text), () -> file + ": " + read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
