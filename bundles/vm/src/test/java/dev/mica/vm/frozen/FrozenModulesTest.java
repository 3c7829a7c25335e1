package dev.mica.vm.frozen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FrozenModulesTest {
    /** An archive whose files read as "origin:file". */
    private static FrozenArchive archive(String origin, String... files) {
        return new FrozenArchive(origin, List.of(files), f -> (origin + ":" + f).getBytes(StandardCharsets.UTF_8));
    }

    private static String read(FrozenModules.Found found) throws Exception {
        return new String(found.read(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyMpyFilesCountAndEveryFolderAboveOneIsAPackage() {
        FrozenArchive a = archive("a", "top.mpy", "pkg/sub/deep.mpy", "notes.txt", "pkg/data.bin");
        assertEquals(Set.of("top.mpy", "pkg/sub/deep.mpy"), a.files());
        FrozenModules frozen = new FrozenModules();
        frozen.add(a, 0);
        assertTrue(frozen.isPackage("pkg"));
        assertTrue(frozen.isPackage("pkg/sub"));
        assertFalse(frozen.isPackage("top"));
        assertFalse(frozen.isPackage("pk"));
        assertNull(frozen.module("notes.txt"));
        assertEquals(Set.of("top", "pkg/sub/deep"), frozen.moduleNames());
    }

    @Test
    void theHigherRankWinsAndRemovingAnArchiveUncoversTheNext() throws Exception {
        FrozenArchive low = archive("low", "same.mpy", "only_low.mpy");
        FrozenArchive high = archive("high", "same.mpy");
        FrozenModules frozen = new FrozenModules();
        frozen.add(high, 7);
        frozen.add(low, 3);
        assertEquals(List.of(high, low), frozen.archives());
        assertEquals("high:same.mpy", read(frozen.module("same.mpy")));
        assertEquals("low:only_low.mpy", read(frozen.module("only_low.mpy")));

        frozen.remove(high);
        assertEquals("low:same.mpy", read(frozen.module("same.mpy")));
        frozen.remove(low);
        assertNull(frozen.module("same.mpy"));
        assertEquals(Set.of(), frozen.moduleNames());
    }

    @Test
    void discoveryRunsOnceOnFirstUseAndTheFirstArchiveFoundRanksHighest() throws Exception {
        List<String> calls = new ArrayList<>();
        FrozenModules frozen = new FrozenModules();
        frozen.discoverOnFirstUse(() -> {
            calls.add("discover");
            return List.of(archive("first", "m.mpy"), archive("second", "m.mpy", "n.mpy"));
        });
        assertEquals(List.of(), calls);
        assertEquals("first:m.mpy", read(frozen.module("m.mpy")));
        assertEquals("second:n.mpy", read(frozen.module("n.mpy")));
        assertEquals(List.of("discover"), calls);
    }

    @Test
    void folderArchivesReadTheirFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("pkg"));
        java.nio.file.Files.write(dir.resolve("pkg/__init__.mpy"), new byte[] {'M', 6});
        FrozenModules frozen = new FrozenModules();
        frozen.add(ClassPathFrozenArchives.folderArchive(dir), 0);
        assertTrue(frozen.isPackage("pkg"));
        assertArrayEquals(new byte[] {'M', 6}, frozen.module("pkg/__init__.mpy").read());
        assertEquals("a/b", ClassPathFrozenArchives.trimSlashes("/a/b/"));
    }
}
