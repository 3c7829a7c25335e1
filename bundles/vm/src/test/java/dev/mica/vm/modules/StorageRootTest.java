package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import static dev.mica.vm.modules.ModuleTestSupport.call;
import static dev.mica.vm.modules.ModuleTestSupport.errnoOf;
import static dev.mica.vm.modules.ModuleTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.obj.PyStr;
import dev.mica.vm.runtime.Runtime;

/** open() under a storage root: names stay inside it, by "..", by absolute path and through links. */
class StorageRootTest {
    @TempDir
    Path temp;
    Path root;
    Path secret;
    Runtime rt;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("app"));
        secret = Files.writeString(temp.resolve("secret.txt"), "outside");
        rt = ModuleTestSupport.runtime(root);
    }

    @Test
    void relativeAndAbsoluteNamesAreTakenInsideTheRoot() throws IOException {
        call(open(rt, "data.txt", "w"), "write", PyStr.of("inside"));
        assertEquals("inside", Files.readString(root.resolve("data.txt")));
        assertEquals("inside", call(open(rt, "/data.txt", "r"), "read").str());
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        assertEquals(Errno.EACCES, errnoOf(() -> open(rt, "../secret.txt", "r")));
        assertEquals(Errno.EACCES, errnoOf(() -> open(rt, "sub/../../secret.txt", "r")));
        assertEquals(Errno.EACCES, errnoOf(() -> open(rt, "../escaped.txt", "w")));
        assertFalse(Files.exists(temp.resolve("escaped.txt")));
    }

    @Test
    void symbolicLinksOutOfTheRootAreRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), secret);
        Files.createSymbolicLink(root.resolve("outdir"), temp);
        assertEquals(Errno.EACCES, errnoOf(() -> open(rt, "link.txt", "r")));
        assertEquals(Errno.EACCES, errnoOf(() -> open(rt, "outdir/secret.txt", "r")));
        assertEquals(Errno.EACCES, errnoOf(() -> open(rt, "outdir/new.txt", "w")));
        assertFalse(Files.exists(temp.resolve("new.txt")));
        assertEquals("outside", Files.readString(secret));
    }

    @Test
    void linksThatStayInsideTheRootWork() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/a.txt"), "A");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        assertEquals("A", call(open(rt, "alias/a.txt", "r"), "read").str());
    }

    @Test
    void aMissingFileInsideTheRootIsEnoent() {
        assertEquals(Errno.ENOENT, errnoOf(() -> open(rt, "missing.txt", "r")));
        assertTrue(Files.isDirectory(root));
    }
}
