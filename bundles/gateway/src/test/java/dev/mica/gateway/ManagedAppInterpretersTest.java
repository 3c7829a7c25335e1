package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.interp.InterpreterConfig;

class ManagedAppInterpretersTest {
    @TempDir
    Path storage;

    private final ScriptedInterpreterFactory factory = new ScriptedInterpreterFactory();
    private final ManualClock clock = new ManualClock();

    @Test
    void anInterpreterIsMadeLikeTheAppsWithTheCallersStreams() throws Exception {
        Path folder = Files.createDirectories(storage.resolve("apps").resolve("sensor"));
        Files.writeString(folder.resolve("main.py"), "print hi");
        AppManager manager = manager();
        manager.start(Map.of("dev.mica.app~s", Map.of("name", "sensor", "autostart", "false", "heapsize", "256k")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ManagedAppInterpreters(manager).create("sensor", InputStream.nullInputStream(), out, out).close();

        InterpreterConfig config = factory.configs.get(0);
        assertEquals(folder, config.storageRoot());
        assertEquals(List.of(folder.toString(), ".frozen", folder.resolve("lib").toString()), config.path());
        assertEquals(256 * 1024, config.heapSize());
        assertSame(out, config.stdout());
    }

    @Test
    void unknownAppsAndBadNamesAreRefusedWithAReason() {
        AppManager manager = manager();
        manager.start(Map.of());
        ManagedAppInterpreters apps = new ManagedAppInterpreters(manager);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> apps.create("nothere", InputStream.nullInputStream(), System.out, System.out));
        assertTrue(unknown.getMessage().startsWith("no app nothere in "), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> apps.create("../x", InputStream.nullInputStream(), System.out, System.out));
        assertTrue(bad.getMessage().startsWith("not an app name"), bad.getMessage());
        assertEquals(List.of(), factory.configs);
    }

    private AppManager manager() {
        AppContext context = new AppContext(factory, Runnable::run, new ManualScheduler(clock), clock,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        return new AppManager(new StorageLayout(storage), context, new LogLimits(100, 10_000, 2),
                name -> new RecordingAppLog(), new RecordingAppLog());
    }
}
