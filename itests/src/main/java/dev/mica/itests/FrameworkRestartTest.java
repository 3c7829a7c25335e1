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
 * inside this one, with the same bundles (Mica's, SCR, Config Admin), its framework storage
 * (where Config Admin keeps the gateway's configuration) and the gateway's storage folder on disk. The app runs before and after the restart,
 * finds the file it wrote in its first run, and its log file and last-run state go on.
 */
class FrameworkRestartTest {
    /** What a gateway runs (the bundles of distro/gateway.bndrun without the console and the shell). */
    private static final List<String> GATEWAY_BUNDLES = List.of("org.apache.felix.scr",
            "org.apache.felix.configadmin", "org.apache.felix.log",
            "org.osgi.service.component", "org.osgi.util.function", "org.osgi.util.promise", "org.objectweb.asm",
            "dev.mica.vm", "dev.mica.gc", "dev.mica.compiler", "dev.mica.emitter", "dev.mica.modules", "dev.mica.hal",
            "dev.mica.machine", "dev.mica.gateway");
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
        Path app = Files.createDirectories(storage.resolve("apps").resolve("keeper"));
        Files.writeString(app.resolve("main.py"), APP);
        Files.writeString(app.resolve("data.bin"), "kept bytes");
        Map<String, String> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", work.resolve("felix-cache").toString());

        Framework first = newFramework(properties);
        first.init();
        Path log = storage.resolve("logs").resolve("keeper.log");
        try {
            List<Bundle> installed = installGatewayBundles(first);
            first.start();
            for (Bundle bundle : installed) {
                bundle.start();
            }
            configureStorage(first, storage);
            awaitFileContains(log, "out run number 1", first);
        } finally {
            stop(first);
        }

        // the second framework finds its bundles in the framework storage: nothing is installed
        Framework second = newFramework(properties);
        second.start();
        try {
            awaitFileContains(log, "out run number 2", second);
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

    /** The gateway's bundles, installed from the locations this framework has them from. */
    private static List<Bundle> installGatewayBundles(Framework framework) throws Exception {
        List<Bundle> installed = new ArrayList<>();
        for (String name : GATEWAY_BUNDLES) {
            Bundle bundle = Bundles.bundle(name);
            try (InputStream content = Bundles.open(bundle.getLocation())) {
                installed.add(framework.getBundleContext().installBundle("inner:" + bundle.getLocation(), content));
            }
        }
        return installed;
    }

    /**
     * Gives the inner gateway its storage folder through the inner Config Admin, which keeps it
     * for the next start. Called by name: its types are the inner framework's, not this bundle's.
     */
    private static void configureStorage(Framework framework, Path storage) throws Exception {
        org.osgi.framework.BundleContext context = framework.getBundleContext();
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        org.osgi.framework.ServiceReference<?> reference;
        while ((reference = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin")) == null) {
            assertTrue(System.nanoTime() < deadline, "no Config Admin in the inner framework");
            Thread.sleep(50);
        }
        Object admin = context.getService(reference);
        Object configuration = Reflect.call(admin, "getConfiguration", new Class<?>[] {String.class, String.class},
                GatewayFixture.GATEWAY_PID, "?");
        java.util.Dictionary<String, Object> properties = new java.util.Hashtable<>();
        properties.put("storage", storage.toString());
        Reflect.call(configuration, "update", new Class<?>[] {java.util.Dictionary.class}, properties);
        context.ungetService(reference);
    }

    private static void stop(Framework framework) throws Exception {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        framework.stop();
        FrameworkEvent event = framework.waitForStop(Await.TIMEOUT.toMillis());
        assertEquals(FrameworkEvent.STOPPED, event.getType(), "the inner framework did not stop: " + event);
    }

    private static void awaitFileContains(Path file, String text, Framework framework) throws InterruptedException {
        Await.until(() -> read(file).contains(text), () -> file + ": " + read(file) + "; bundles: " + states(framework));
    }

    private static String states(Framework framework) {
        StringBuilder states = new StringBuilder();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            states.append(bundle.getSymbolicName()).append('=').append(bundle.getState()).append(' ');
        }
        states.append("; services:");
        try {
            org.osgi.framework.ServiceReference<?>[] all = framework.getBundleContext().getServiceReferences((String) null,
                    null);
            for (org.osgi.framework.ServiceReference<?> reference : all == null ? new org.osgi.framework.ServiceReference<?>[0]
                    : all) {
                states.append(' ').append(java.util.Arrays.toString((String[]) reference.getProperty("objectClass")));
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            states.append(e);
        }
        return states.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
