package dev.mica.compiler.frozen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompileOptions;
import dev.mica.code.CompiledModule;
import dev.mica.code.MpyReader;

class FrozenCompilerTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve("src").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void everySourceBecomesAnMpyFileAtTheSamePlaceNamedByItsPath() throws Exception {
        write("pkg/__init__.py", "from .mod import f\n");
        write("pkg/mod.py", "def f():\n    return 1\n");
        write("top.py", "X = 1\n");
        write("pkg/notes.txt", "not a module");
        Path out = dir.resolve("out");
        List<FrozenCompiler.Problem> problems = new ArrayList<>();

        int count = new FrozenCompiler(CompileOptions.DEFAULT).compileTree(dir.resolve("src"), out, problems);

        assertEquals(3, count);
        assertEquals(List.of(), problems);
        assertFalse(Files.exists(out.resolve("pkg/notes.txt")));
        byte[] mpy = Files.readAllBytes(out.resolve("pkg/mod.mpy"));
        assertEquals('M', mpy[0]);
        assertEquals(6, mpy[1]);
        CompiledModule module = MpyReader.read(mpy);
        assertEquals("pkg/mod.py", module.sourceFile());
        assertEquals("pkg/__init__.py", MpyReader.read(Files.readAllBytes(out.resolve("pkg/__init__.mpy"))).sourceFile());
        assertEquals("top.py", MpyReader.read(Files.readAllBytes(out.resolve("top.mpy"))).sourceFile());
    }

    @Test
    void theOutputFolderIsEmptiedSoRemovedSourcesLeaveNoModule() throws Exception {
        write("kept.py", "pass\n");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("gone"));
        Files.write(out.resolve("gone/old.mpy"), new byte[] {'M', 6});

        new FrozenCompiler(CompileOptions.DEFAULT).compileTree(dir.resolve("src"), out, new ArrayList<>());

        assertTrue(Files.exists(out.resolve("kept.mpy")));
        assertFalse(Files.exists(out.resolve("gone")));
    }

    @Test
    void aSourceThatDoesNotCompileIsReportedWithItsFileAndLine() throws Exception {
        write("good.py", "pass\n");
        Path bad = write("pkg/bad.py", "x = 1\n\ndef f(:\n    pass\n");
        List<FrozenCompiler.Problem> problems = new ArrayList<>();

        new FrozenCompiler(CompileOptions.DEFAULT).compileTree(dir.resolve("src"), dir.resolve("out"), problems);

        assertEquals(1, problems.size());
        FrozenCompiler.Problem problem = problems.get(0);
        assertEquals(bad, problem.source());
        assertEquals(3, problem.line());
        assertEquals("SyntaxError", problem.type());
        assertEquals(bad + ":3: SyntaxError: invalid syntax", problem.toString());
        assertFalse(Files.exists(dir.resolve("out/pkg/bad.mpy")));
    }

    @Test
    void theCommandFailsTheBuildOnACompileError() throws Exception {
        Path bad = write("bad.py", "return 5\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = FrozenCompiler.run(new String[] {dir.resolve("src").toString(), dir.resolve("out").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, status);
        assertEquals(bad + ":1: SyntaxError: 'return' outside function\n"
                + "frozen modules: 1 of 1 sources did not compile\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandCompilesAndSaysHowMany() throws Exception {
        write("a.py", "pass\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path target = dir.resolve("classes/mica-frozen");

        int status = FrozenCompiler.run(new String[] {dir.resolve("src").toString(), target.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertEquals(0, status);
        assertTrue(Files.exists(target.resolve("a.mpy")));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("frozen modules: 1 compiled"));
    }

    @Test
    void theCommandRefusesWrongArgumentsAndAMissingSourceFolder() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertEquals(2, FrozenCompiler.run(new String[] {"only-one"}, quiet, quiet));
        assertEquals(1, FrozenCompiler.run(new String[] {dir.resolve("none").toString(), dir.resolve("out").toString()},
                quiet, quiet));
    }
}
