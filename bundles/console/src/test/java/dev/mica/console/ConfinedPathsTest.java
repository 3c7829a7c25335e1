package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedPathsTest {
    @TempDir
    Path temp;

    @Test
    void relativePathsStayInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("storage"));
        ConfinedPaths paths = new ConfinedPaths(root);
        assertEquals(root.resolve("apps/blink/main.py"), paths.resolve("apps/blink/main.py"));
        assertEquals(root.resolve("apps/x.py"), paths.resolve("./apps//x.py"));
        assertEquals(root, paths.resolve(""));
        assertEquals("apps/x.py", paths.relativize(root.resolve("apps/x.py")));
    }

    @Test
    void refusesWhatWouldLeaveTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("storage"));
        ConfinedPaths paths = new ConfinedPaths(root);
        for (String bad : new String[] {"../secret", "apps/../../secret", "/etc/passwd", "apps\\..\\x", "a\0b", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> paths.resolve(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> paths.resolve(null));
    }

    @Test
    void refusesLinksThatPointOutside() throws IOException {
        Path root = Files.createDirectories(temp.resolve("storage"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("link"), outside);
        ConfinedPaths paths = new ConfinedPaths(root);
        assertThrows(IllegalArgumentException.class, () -> paths.resolve("link/secret"));
        assertThrows(IllegalArgumentException.class, () -> paths.resolve("link/new-file"));
        Files.createDirectories(root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("inside-link"), root.resolve("inner"));
        assertEquals(root.resolve("inside-link/f"), paths.resolve("inside-link/f"));
    }
}
