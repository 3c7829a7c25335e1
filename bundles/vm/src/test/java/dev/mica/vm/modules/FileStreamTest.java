package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import static dev.mica.vm.modules.ModuleTestSupport.call;
import static dev.mica.vm.modules.ModuleTestSupport.errnoOf;
import static dev.mica.vm.modules.ModuleTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.vm.runtime.Runtime;

/** Files opened with open(): modes, text decoding, positions, closing. */
class FileStreamTest {
    @TempDir
    Path root;

    @Test
    void textFilesCountCharactersButSeekInBytes() throws IOException {
        Files.writeString(root.resolve("t.txt"), "h\u00e9llo\nworld\n");
        Runtime rt = ModuleTestSupport.runtime(root);
        PyObject f = open(rt, "t.txt", "r");
        assertEquals("h\u00e9", call(f, "read", PyInt.of(2)).str());
        assertEquals(3L, ((PyInt) call(f, "tell")).value);
        assertEquals("llo\n", call(f, "readline").str());
        assertEquals("['world\\n']", call(f, "readlines").repr());
        assertEquals("<io.TextIOWrapper 3>", f.repr());
        call(f, "close");
        assertEquals("<io.TextIOWrapper -1>", f.repr());
        PyException closed = assertThrows(PyException.class, () -> call(f, "read"));
        assertEquals("I/O operation on closed file", closed.value().argsText());
    }

    @Test
    void writeAppendAndBinaryModes() throws IOException {
        Runtime rt = ModuleTestSupport.runtime(root);
        PyObject w = open(rt, "b.bin", "wb");
        assertEquals(3L, ((PyInt) call(w, "write", new PyBytes(new byte[] {1, 2, 3}))).value);
        call(w, "close");
        PyObject a = open(rt, "b.bin", "a");
        call(a, "write", PyStr.of("xy"));
        call(a, "close");
        assertEquals("\u0001\u0002\u0003xy", Files.readString(root.resolve("b.bin"), StandardCharsets.ISO_8859_1));
        PyObject r = open(rt, "b.bin", "rb");
        assertEquals(4L, ((PyInt) call(r, "seek", PyInt.of(-1), PyInt.of(2))).value);
        assertEquals("b'y'", call(r, "read").repr());
        assertEquals(Errno.EINVAL, errnoOf(() -> call(r, "seek", PyInt.of(-1))));
        assertEquals(Errno.EBADF, errnoOf(() -> call(r, "write", new PyBytes(new byte[] {0}))));
    }

    @Test
    void fileNumbersAreReusedAfterClose() {
        Runtime rt = ModuleTestSupport.runtime(root);
        PyObject first = open(rt, "x", "w");
        PyObject second = open(rt, "y", "w");
        assertEquals(4L, ((PyInt) call(second, "fileno")).value);
        call(first, "close");
        assertEquals(3L, ((PyInt) call(open(rt, "z", "w"), "fileno")).value);
    }

    @Test
    void directoriesCannotBeOpened() {
        Runtime rt = ModuleTestSupport.runtime(root);
        assertEquals(Errno.EISDIR, errnoOf(() -> open(rt, "/", "w")));
    }
}
