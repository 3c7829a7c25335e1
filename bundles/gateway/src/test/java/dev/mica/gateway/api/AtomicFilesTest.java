package dev.mica.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void writesANewFileAndItsMissingFolders() throws IOException {
        Path target = folder.resolve("state/apps.properties");
        AtomicFiles.writeString(target, "a=1\n");
        assertEquals("a=1\n", Files.readString(target));
        assertEquals(List.of("apps.properties"), names(target.getParent()), "no temporary file left");
    }

    @Test
    void replacesTheWholeContent() throws IOException {
        Path target = folder.resolve("snapshot.txt");
        AtomicFiles.writeString(target, "a long first version of the content");
        AtomicFiles.writeString(target, "short");
        assertEquals("short", Files.readString(target));
        assertEquals(List.of("snapshot.txt"), names(folder));
    }

    @Test
    void aFailedWriteLeavesWhatWasThereAndNoTemporaryFile() throws IOException {
        // a non-empty folder cannot be replaced by a file: the move fails
        Path target = Files.createDirectory(folder.resolve("occupied"));
        Files.writeString(target.resolve("keep.txt"), "kept");
        assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "new"));
        assertEquals("kept", Files.readString(target.resolve("keep.txt")));
        assertEquals(List.of("occupied"), names(folder));
    }

    /** A kill of the writing process: an Error, which no clean-up of the write catches. */
    private static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    @Test
    void aKillMidWriteLeavesTheOldFileAndTheNextWriteCleansUp() throws IOException {
        Path target = folder.resolve("apps.properties");
        String old = "a=1\n".repeat(100);
        AtomicFiles.writeString(target, old);
        byte[] replacement = "b=2\n".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] chunks = {0};
        assertThrows(Killed.class, () -> AtomicFiles.write(target, replacement, 64, () -> {
            if (++chunks[0] == 3) {
                throw new Killed();
            }
        }));
        assertEquals(old, Files.readString(target), "the old content, whole");
        List<String> left = names(folder);
        assertEquals(2, left.size(), left.toString());
        assertTrue(left.get(0).startsWith(".apps.properties.") && left.get(0).endsWith(".tmp"), left.toString());
        assertEquals(192, Files.size(folder.resolve(left.get(0))), "three chunks of the new content were written");

        AtomicFiles.write(target, replacement);
        assertEquals("b=2\n".repeat(100), Files.readString(target), "the new content, whole");
        assertEquals(List.of("apps.properties"), names(folder), "the leftover of the killed write is gone");
    }

    @Test
    void aKillAtAnyPointLeavesEitherTheOldOrTheNewContent() throws IOException {
        Path target = folder.resolve("state.txt");
        String old = "old ".repeat(50);
        String updated = "new ".repeat(60);
        byte[] bytes = updated.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int chunkBytes = 16;
        int chunkCount = (bytes.length + chunkBytes - 1) / chunkBytes;
        for (int killAt = 1; killAt <= chunkCount; killAt++) {
            AtomicFiles.writeString(target, old);
            int stopAt = killAt;
            int[] chunks = {0};
            assertThrows(Killed.class, () -> AtomicFiles.write(target, bytes, chunkBytes, () -> {
                if (++chunks[0] == stopAt) {
                    throw new Killed();
                }
            }));
            assertEquals(old, Files.readString(target), "killed after chunk " + killAt);
        }
        AtomicFiles.writeString(target, updated);
        assertEquals(updated, Files.readString(target));
        assertEquals(List.of("state.txt"), names(folder));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void forcingAFolderThatCannotBeOpenedIsHarmless() {
        AtomicFiles.forceFolder(folder.resolve("missing"));
        assertTrue(Files.notExists(folder.resolve("missing")));
    }
}
