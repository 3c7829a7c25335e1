package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppManagerTest {
    @TempDir
    Path storage;

    private final ScriptedInterpreterFactory factory = new ScriptedInterpreterFactory();
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingAppLog operator = new RecordingAppLog();
    private final RecordingAppLog gateway = new RecordingAppLog();

    @Test
    void theRootMainRunsAsTheAppMainAndEachAppHasItsOwnLogFile() throws Exception {
        Files.writeString(storage.resolve("main.py"), "print from the root");
        writeApp("sensor", "print from sensor");
        manager().start(Map.of());
        assertEquals(List.of("from the root", "from sensor"), operator.of("out"));
        assertTrue(Files.readString(storage.resolve("logs/main.log")).contains(" out from the root\n"));
        assertTrue(Files.readString(storage.resolve("logs/sensor.log")).contains(" out from sensor\n"));
        assertFalse(Files.readString(storage.resolve("logs/sensor.log")).contains("root"));
    }

    @Test
    void existingConfigurationsApplyBeforeAutostart() throws Exception {
        writeApp("quiet", "print should not run");
        AppManager manager = manager();
        manager.start(Map.of("dev.mica.app~quiet", Map.of("name", "quiet", "autostart", "false")));
        assertEquals(List.of(), factory.events);
        assertEquals(AppState.STOPPED, manager.app("quiet").orElseThrow().status().state());
    }

    @Test
    void aRefusedConfigurationLeavesTheAppWithItsPreviousOne() throws Exception {
        writeApp("sensor", "print hi");
        AppManager manager = manager();
        manager.start(Map.of("dev.mica.app~s", Map.of("name", "sensor", "restart", "always")));
        assertFalse(manager.configure("dev.mica.app~s", Map.of("name", "sensor", "restart", "sometimes")));
        assertEquals(RestartPolicy.ALWAYS, manager.app("sensor").orElseThrow().status().settings().restart());
        assertTrue(gateway.of("warning").get(0).contains("refused: 'restart' must be never, on-failure or always"),
                gateway.entries.toString());
        assertTrue(operator.of("warning").get(0).contains("keeps its previous configuration"), operator.entries.toString());
    }

    @Test
    void aSecondConfigurationOfTheSameAppIsRefused() throws Exception {
        AppManager manager = manager();
        manager.start(Map.of());
        assertTrue(manager.configure("dev.mica.app~a", Map.of("name", "sensor")));
        assertFalse(manager.configure("dev.mica.app~b", Map.of("name", "sensor", "autostart", false)));
        assertTrue(gateway.of("warning").get(0).contains("configured already, by dev.mica.app~a"));
    }

    @Test
    void aChangedOrDeletedConfigurationAppliesAtTheNextStart() throws Exception {
        writeApp("sensor", "print hi");
        AppManager manager = manager();
        manager.start(Map.of());
        assertTrue(manager.configure("dev.mica.app~s", Map.of("name", "sensor", "heapsize", "64k")));
        assertEquals(1, factory.configs.size());
        App app = manager.app("sensor").orElseThrow();
        app.start();
        assertEquals(64 * 1024, factory.configs.get(1).heapSize());
        manager.unconfigure("dev.mica.app~s");
        app.start();
        assertEquals(AppSettings.defaults("sensor").heapSize(), factory.configs.get(2).heapSize());
    }

    @Test
    void theLastRunIsRememberedAcrossAGatewayRestart() throws Exception {
        writeApp("bad", "fail Traceback (most recent call last):");
        AppManager first = manager();
        first.start(Map.of());
        first.shutdown();
        assertTrue(Files.exists(storage.resolve("state/apps.properties")));

        AppManager second = manager();
        second.start(Map.of("dev.mica.app~b", Map.of("name", "bad", "autostart", false)));
        AppStatus status = second.app("bad").orElseThrow().status();
        assertEquals(AppState.STOPPED, status.state());
        assertEquals(1, status.exitStatus());
        assertEquals("Traceback (most recent call last):", status.lastTraceback());
    }

    @Test
    void appsAddedLaterAreFoundWhenAskedForAndGoneOnesDisappear() throws Exception {
        AppManager manager = manager();
        manager.start(Map.of());
        assertTrue(manager.app("late").isEmpty());
        Path late = writeApp("late", "print late");
        assertTrue(manager.app("late").isPresent());
        Files.delete(late.resolve("main.py"));
        Files.delete(late);
        assertEquals(List.of(), manager.statuses());
    }

    private Path writeApp(String name, String main) throws Exception {
        Path folder = Files.createDirectories(storage.resolve("apps").resolve(name));
        Files.writeString(folder.resolve("main.py"), main);
        return folder;
    }

    private AppManager manager() {
        AppContext context = new AppContext(factory, Runnable::run, scheduler, clock, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        return new AppManager(new StorageLayout(storage), context, new LogLimits(100, 10_000, 2), name -> operator,
                gateway);
    }
}
