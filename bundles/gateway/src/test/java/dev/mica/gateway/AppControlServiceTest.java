package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.gateway.api.AppInfo;
import dev.mica.gateway.api.LogLines;

class AppControlServiceTest {
    @TempDir
    Path storage;

    private final ScriptedInterpreterFactory factory = new ScriptedInterpreterFactory();
    private final ManualClock clock = new ManualClock();
    private AppControlService control;

    @BeforeEach
    void gatewayWithTwoApps() throws Exception {
        Path apps = Files.createDirectories(storage.resolve("apps"));
        Files.writeString(apps.resolve("crashy.py"), "fail boom");
        Files.writeString(storage.resolve("main.py"), "print hello");
        AppContext context = new AppContext(factory, Runnable::run, new ManualScheduler(clock), clock,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        AppManager manager = new AppManager(new StorageLayout(storage), context, new LogLimits(100, 10_000, 2),
                name -> new RecordingAppLog(), new RecordingAppLog());
        manager.start(Map.of("dev.mica.app~c", Map.of("name", "crashy", "heapsize", "64k", "modules", "time json")));
        control = new AppControlService(manager);
    }

    @Test
    void describesTheAppsWithTheirSettingsAndLastRun() {
        List<AppInfo> apps = control.apps();
        assertEquals(List.of("crashy", "main"), apps.stream().map(AppInfo::name).toList());
        AppInfo crashy = apps.get(0);
        assertEquals("FAILED", crashy.state());
        assertEquals("apps/crashy.py", crashy.source());
        assertEquals("apps/crashy.py", crashy.main());
        assertEquals(65536, crashy.heapSize());
        assertEquals(-1, crashy.heapUsed(), "not running");
        assertEquals(List.of("json", "time"), crashy.allowedModules());
        assertEquals(1, crashy.exitStatus());
        assertNull(crashy.uptimeMillis());
        AppInfo main = control.app("main").orElseThrow();
        assertEquals("main.py", main.source());
        assertNull(main.allowedModules());
        assertEquals(storage.resolve("apps").toAbsolutePath().normalize(), control.appsFolder());
    }

    @Test
    void givesTheLogAfterALineNumber() {
        LogLines all = control.log("main", 0, 100);
        assertTrue(all.lines().stream().anyMatch(line -> line.endsWith(" out hello")), all.toString());
        LogLines none = control.log("main", all.last(), 100);
        assertEquals(List.of(), none.lines());
        assertEquals(all.last(), none.last());
        assertThrows(IllegalArgumentException.class, () -> control.log("main", 0, 0));
    }

    @Test
    void startsAndStopsAndRefusesUnknownNames() {
        assertEquals("started main", control.start("main"));
        assertEquals("main is not running", control.stop("main"));
        assertEquals("started main", control.restart("main"));
        assertThrows(NoSuchElementException.class, () -> control.start("nothing"));
        assertThrows(IllegalArgumentException.class, () -> control.start("../x"));
        assertTrue(control.isValidAppName("a-b_1"));
    }

    @Test
    void checksConfigurationsAsTheGatewayWould() {
        assertEquals(List.of(), control.checkConfiguration(Map.of("name", "main", "heapsize", "64k")));
        List<String> problems = control.checkConfiguration(Map.of("name", "main", "heapsize", "1k", "colour", "red"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("'heapsize' must be a size"), problems.toString());
        assertEquals("unknown property 'colour'", problems.get(1));
    }
}
