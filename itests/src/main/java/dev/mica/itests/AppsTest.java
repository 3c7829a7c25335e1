package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The gateway's apps inside Felix: several apps side by side, restart policies, per-app
 * configuration through Config Admin, the {@code mica} shell commands, and apps surviving a
 * restart of the gateway bundle.
 */
@ExtendWith(ServiceExtension.class)
class AppsTest {
    private static final String GATEWAY_PID = "dev.mica.gateway";
    private static final String APP_FACTORY_PID = "dev.mica.app";
    /** Prints whether asserts are compiled in: optimization level 1 and up drops them. */
    private static final String ASSERT_PROBE = "try:\n    assert False\n    print('asserts off')\n"
            + "except AssertionError:\n    print('asserts on')\n";

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configurationAdmin;

    @InjectService(timeout = 10_000)
    LogReaderService logReader;

    @TempDir
    Path storage;

    private LogRecorder log;
    private final List<Configuration> appConfigurations = new ArrayList<>();

    @BeforeEach
    void listen() {
        log = new LogRecorder(logReader);
    }

    /**
     * Stopping the gateway bundle stops its apps before it returns, so nothing writes into the
     * storage folder while JUnit deletes it; then the gateway comes back with its defaults.
     */
    @AfterEach
    void restoreTheDefaults() throws Exception {
        Bundle gateway = bundle("dev.mica.gateway");
        gateway.stop();
        for (Configuration configuration : appConfigurations) {
            configuration.delete();
        }
        configurationAdmin.getConfiguration(GATEWAY_PID, "?").delete();
        gateway.start();
        log.close();
    }

    @Test
    void twoAppsRunSideBySideWithSeparateOutput() throws Exception {
        writeApp("alpha", "print('alpha up')\nwhile True:\n    pass\n");
        Files.writeString(apps().resolve("beta.py"), "for i in range(3):\n    print('beta', i)\n");
        useStorage();
        log.awaitApp("alpha", "alpha up");
        log.awaitApp("beta", "beta 2");
        assertEquals(0, log.countOfApp("alpha", "ended"), "alpha still runs: " + log.ofApp("alpha"));
        assertFalse(log.ofApp("alpha").stream().anyMatch(m -> m.contains("beta")), log.ofApp("alpha").toString());
        assertFalse(log.ofApp("beta").stream().anyMatch(m -> m.contains("alpha")), log.ofApp("beta").toString());

        // beta's last line is out before its program has ended: wait for the end, not the line
        Await.until(() -> appsListing().lines().anyMatch(l -> l.startsWith("beta ") && l.contains("FINISHED")),
                AppsTest::appsListing);
        String listing = command("apps");
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("alpha ") && l.contains("RUNNING")), listing);
        Await.until(() -> fileContains("logs/beta.log", " out beta 2"), () -> read("logs/beta.log"));
        assertFalse(read("logs/alpha.log").contains("beta"), read("logs/alpha.log"));
        assertTrue(command("log", "beta", "2").contains("beta.py ended (completed)"), command("log", "beta", "2"));
        assertEquals("stopped alpha", command("stop", "alpha"));
    }

    @Test
    void aCrashingAppIsRestartedByItsPolicyWithGrowingDelays() throws Exception {
        Files.createDirectories(apps());
        Files.writeString(apps().resolve("crashy.py"), "print('trying')\nraise ValueError('crash')\n");
        configureApp(Map.of("name", "crashy", "restart", "on-failure", "restart.delay", "100",
                "restart.maxdelay", "400"));
        useStorage();
        log.awaitApp("crashy", "ValueError: crash", 3);
        log.awaitApp("crashy", "restart 3 in a row in 400 ms");
        assertEquals(1, log.countOfApp("crashy", "restart 1 in a row in 100 ms"), log.ofApp("crashy").toString());
        assertEquals(1, log.countOfApp("crashy", "restart 2 in a row in 200 ms"), log.ofApp("crashy").toString());
        assertEquals("stopped crashy", command("stop", "crashy"));
        String listing = command("apps");
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("crashy ") && l.contains("STOPPED")), listing);
    }

    @Test
    void aConfigurationChangeAppliesAtTheNextStartAndABadOneIsRefused() throws Exception {
        Files.createDirectories(apps());
        Files.writeString(apps().resolve("probe.py"), ASSERT_PROBE);
        useStorage();
        log.awaitApp("probe", "asserts on");

        Configuration configuration = configureApp(Map.of("name", "probe", "optimization", "1"));
        log.awaitApp("probe", "applies at the next start");
        assertEquals(1, log.countOfApp("probe", "asserts"), "a change does not restart the app");
        assertEquals("started probe", command("start", "probe"));
        log.awaitApp("probe", "asserts off");

        configuration.update(properties(Map.of("name", "probe", "optimization", "7")));
        log.awaitApp("probe", "refused: 'optimization' must be 0, 1, 2 or 3: '7'");
        command("start", "probe");
        log.awaitApp("probe", "asserts off", 2);
        assertEquals(1, log.countOfApp("probe", "asserts on"), log.ofApp("probe").toString());
    }

    @Test
    void execRunsAStatementLikeTheAppWouldAndBadInputGetsASentence() throws Exception {
        writeApp("calc", "print('calc ran')\n");
        useStorage();
        log.awaitApp("calc", "main.py ended");
        assertEquals("42\n", command("exec", "calc", "6 * 7"));
        assertTrue(command("exec", "calc", "1/0").contains("ZeroDivisionError"), command("exec", "calc", "1/0"));
        assertTrue(command("start", "nosuch").startsWith("no app nosuch in "), command("start", "nosuch"));
        assertEquals("the number of lines must be a whole number: 'x'", command("log", "calc", "x"));
    }

    @Test
    void anAppSurvivesARestartOfTheGatewayWithItsFilesIntact() throws Exception {
        String program = "print('keeper started')\n";
        Path main = writeApp("keeper", program);
        Files.writeString(main.resolveSibling("data.txt"), "kept");
        useStorage();
        log.awaitApp("keeper", "keeper started");

        Bundle gateway = bundle("dev.mica.gateway");
        gateway.stop();
        gateway.start();
        log.awaitApp("keeper", "keeper started", 2);
        assertEquals(program, Files.readString(main));
        assertEquals("kept", Files.readString(main.resolveSibling("data.txt")));
        // the log file goes on across the restart
        Await.until(() -> read("logs/keeper.log").split("out keeper started", -1).length == 3,
                () -> read("logs/keeper.log"));
    }

    private Path apps() {
        return storage.resolve("apps");
    }

    private Path writeApp(String name, String mainProgram) throws IOException {
        Path folder = Files.createDirectories(apps().resolve(name));
        return Files.writeString(folder.resolve("main.py"), mainProgram);
    }

    private void useStorage() throws IOException {
        configurationAdmin.getConfiguration(GATEWAY_PID, "?").update(properties(Map.of("storage", storage.toString())));
    }

    private Configuration configureApp(Map<String, Object> values) throws IOException {
        Configuration configuration = configurationAdmin.createFactoryConfiguration(APP_FACTORY_PID, "?");
        appConfigurations.add(configuration);
        configuration.update(properties(values));
        return configuration;
    }

    private static Dictionary<String, Object> properties(Map<String, Object> values) {
        return new Hashtable<>(values);
    }

    private boolean fileContains(String relative, String text) {
        return read(relative).contains(text);
    }

    private String read(String relative) {
        try {
            return Files.readString(storage.resolve(relative));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(AppsTest.class).getBundleContext();
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static String appsListing() {
        try {
            return command("apps");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a {@code mica:} command as the Gogo shell would: on the service, by name, with strings. */
    private static String command(String function, String... arguments) throws Exception {
        BundleContext context = context();
        ServiceReference<?>[] found = null;
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (found == null && System.nanoTime() < deadline) {
            found = context.getServiceReferences((String) null, "(osgi.command.scope=mica)");
            if (found == null) {
                Thread.sleep(50);
            }
        }
        assertTrue(found != null && found.length == 1, "the mica commands are not registered");
        Object commands = context.getService(found[0]);
        try {
            Class<?>[] types = new Class<?>[arguments.length];
            java.util.Arrays.fill(types, String.class);
            return (String) commands.getClass().getMethod(function, types).invoke(commands, (Object[]) arguments);
        } finally {
            context.ungetService(found[0]);
        }
    }
}
