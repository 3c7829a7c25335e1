package dev.mica.gateway;

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
