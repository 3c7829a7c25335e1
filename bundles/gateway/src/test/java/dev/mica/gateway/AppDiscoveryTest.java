package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDiscoveryTest {
    @TempDir
    Path storage;

    @Test
    void findsFoldersScriptsCompiledFilesAndTheRootMain() throws Exception {
        Path apps = Files.createDirectories(storage.resolve("apps"));
        Files.createDirectories(apps.resolve("sensor"));
        Files.writeString(apps.resolve("sensor/main.py"), "");
        Files.createDirectories(apps.resolve("display"));
        Files.writeString(apps.resolve("display/main.mpy"), "");
        Files.writeString(apps.resolve("blink.py"), "");
        Files.writeString(apps.resolve("relay.mpy"), "");
        Files.writeString(apps.resolve("notes.txt"), "");
        Files.writeString(storage.resolve("main.py"), "");

        AppDiscovery.Result result = AppDiscovery.scan(storage);
        assertEquals(List.of("blink", "display", "main", "relay", "sensor"), List.copyOf(result.apps().keySet()));
        AppSource sensor = result.apps().get("sensor");
        assertEquals(AppSource.Kind.FOLDER, sensor.kind());
        assertEquals(apps.resolve("sensor"), sensor.root());
        assertEquals(apps.resolve("sensor/boot.py"), sensor.boot());
        assertEquals(apps.resolve("display/main.mpy"), result.apps().get("display").main());
        AppSource blink = result.apps().get("blink");
        assertEquals(AppSource.Kind.SINGLE_FILE, blink.kind());
        assertEquals(apps, blink.root());
        assertNull(blink.boot());
        AppSource main = result.apps().get("main");
        assertEquals(AppSource.Kind.STORAGE_ROOT, main.kind());
        assertEquals(storage, main.root());
        assertEquals("main.py", main.describe(storage));
        assertEquals("apps/sensor/", sensor.describe(storage));
        assertEquals(List.of(), result.notes());
    }

    @Test
    void aFolderWinsOverAScriptWhichWinsOverACompiledFileAndTheNotesSaySo() throws Exception {
        Path apps = Files.createDirectories(storage.resolve("apps"));
        Files.createDirectories(apps.resolve("main"));
        Files.writeString(apps.resolve("main/main.py"), "");
        Files.writeString(apps.resolve("main.py"), "");
        Files.writeString(apps.resolve("x.py"), "");
        Files.writeString(apps.resolve("x.mpy"), "");
        Files.writeString(storage.resolve("main.py"), "");

        AppDiscovery.Result result = AppDiscovery.scan(storage);
        assertEquals(AppSource.Kind.FOLDER, result.apps().get("main").kind());
        assertEquals(apps.resolve("x.py"), result.apps().get("x").main());
        assertEquals(3, result.notes().size(), result.notes().toString());
        assertTrue(result.notes().contains("apps/x.mpy is not run: the app x is apps/x.py"), result.notes().toString());
    }

    @Test
    void foldersWithoutMainAndBadNamesAreNotApps() throws Exception {
        Path apps = Files.createDirectories(storage.resolve("apps"));
        Files.createDirectories(apps.resolve("empty"));
        Files.writeString(apps.resolve("my app.py"), "");
        Files.createDirectories(apps.resolve(".hidden"));
        AppDiscovery.Result result = AppDiscovery.scan(storage);
        assertTrue(result.apps().isEmpty());
        assertEquals(2, result.notes().size(), result.notes().toString());
    }

    @Test
    void anEmptyStorageHasNoApps() throws Exception {
        assertTrue(AppDiscovery.scan(storage.resolve("missing")).apps().isEmpty());
    }
}
