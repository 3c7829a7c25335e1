package dev.mica.compiler.frozen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompileOptions;
import dev.mica.compiler.BytecodeCompiler;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;
import dev.mica.vm.frozen.ClassPathFrozenArchives;
import dev.mica.vm.frozen.FrozenArchive;
import dev.mica.vm.frozen.FrozenModules;

/** Frozen modules seen from a program: found through sys.path's ".frozen", as MicroPython finds them. */
class FrozenImportTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Compiles {@code sources} (path to text) into a frozen folder. */
    private Path frozenFolder(String name, Map<String, String> sources) throws Exception {
        Path src = dir.resolve(name + "-src");
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        Path folder = dir.resolve(name);
        List<FrozenCompiler.Problem> problems = new ArrayList<>();
        new FrozenCompiler(CompileOptions.DEFAULT).compileTree(src, folder, problems);
        assertEquals(List.of(), problems);
        return folder;
    }

    private Path greetFolder() throws Exception {
        return frozenFolder("greet", Map.of(
                "greet/__init__.py", "from .words import hello\n",
                "greet/words.py", "def hello(who):\n    return 'hello ' + who\n",
                "single.py", "VALUE = 42\n",
                "failing.py", "def f():\n    raise ValueError('from frozen')\nf()\n"));
    }

    private Interpreter interpreter(MicaInterpreterFactory factory) {
        return factory.create(InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, out));
    }

    private String run(Interpreter interpreter, String source) {
        out.reset();
        interpreter.runSource(source, "<test>");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void packagesSubmodulesAndModulesImportWithMicroPythonsNames() throws Exception {
        MicaInterpreterFactory factory = new MicaInterpreterFactory(new BytecodeCompiler()).withFrozenFolder(greetFolder());
        Interpreter py = interpreter(factory);
        assertEquals("hello x greet/__init__.py .frozen/greet\ngreet/words.py\n42 single.py\n", run(py, """
                import greet
                print(greet.hello('x'), greet.__file__, greet.__path__)
                from greet import words
                print(words.__file__)
                import single
                print(single.VALUE, single.__file__)
                """));
        assertEquals("""
                Traceback (most recent call last):
                  File "<test>", line 1, in <module>
                  File "failing.py", line 3, in <module>
                  File "failing.py", line 2, in f
                ValueError: from frozen
                """, run(py, "import failing\n"));
        String help = run(py, "help('modules')\n");
        for (String name : List.of("failing", "greet/__init__", "greet/words", "single", "sys")) {
            assertTrue(List.of(help.split("\\s+")).contains(name), help);
        }
        py.close();
    }

    @Test
    void frozenModulesAreFoundOnlyThroughTheFrozenPathEntryAndAfterEarlierEntries() throws Exception {
        MicaInterpreterFactory factory = new MicaInterpreterFactory(new BytecodeCompiler()).withFrozenFolder(greetFolder());
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("single.py"), "VALUE = 'from a file'\n");

        Interpreter py = interpreter(factory);
        assertEquals("from a file\n", run(py, "import sys\nsys.path.insert(0, '" + local + "')\nimport single\nprint(single.VALUE)\n"));
        py.close();

        py = interpreter(factory);
        assertEquals("ImportError no module named 'single'\n", run(py, """
                import sys
                sys.path.remove('.frozen')
                try:
                    import single
                except ImportError as e:
                    print('ImportError', e)
                """));
        py.close();
    }

    @Test
    void modulesGoWithTheirArchiveButImportedOnesStay() throws Exception {
        MicaInterpreterFactory factory = new MicaInterpreterFactory(new BytecodeCompiler()).withFrozenFolder(greetFolder());
        Interpreter py = interpreter(factory);
        assertEquals("42\n", run(py, "import single\nprint(single.VALUE)\n"));

        FrozenModules frozen = factory.frozenModules();
        for (FrozenArchive archive : frozen.archives()) {
            frozen.remove(archive);
        }

        assertEquals("42\nno module named 'greet'\n", run(py, """
                import single
                print(single.VALUE)
                try:
                    import greet
                except ImportError as e:
                    print(e)
                """));
        py.close();
    }

    @Test
    void ofTwoArchivesWithTheSameModuleTheHigherRankWinsAndPackagesMerge() throws Exception {
        Path first = frozenFolder("first", Map.of("same.py", "WHO = 'first'\n", "pkg/a.py", "A = 1\n"));
        Path second = frozenFolder("second", Map.of("same.py", "WHO = 'second'\n", "pkg/b.py", "B = 2\n"));
        MicaInterpreterFactory factory = new MicaInterpreterFactory(new BytecodeCompiler())
                .withFrozenFolder(first).withFrozenFolder(second);
        Interpreter py = interpreter(factory);
        assertEquals("second 1 2\n", run(py, "import same, pkg.a, pkg.b\nprint(same.WHO, pkg.a.A, pkg.b.B)\n"));
        py.close();
    }

    @Test
    void jarsAndClassFoldersWithTheHeaderAreFoundOnAClassPath() throws Exception {
        Path folder = greetFolder();
        Path withHeader = jar("with-header.jar", "python/frozen", folder);
        Path without = jar("without-header.jar", null, folder);
        Path classes = Files.createDirectories(dir.resolve("classes/META-INF"));
        try (OutputStream manifest = Files.newOutputStream(classes.resolve("MANIFEST.MF"))) {
            manifest(" lib/ ").write(manifest);
        }
        copyTree(folder, dir.resolve("classes/lib"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {without.toUri().toURL(), withHeader.toUri().toURL(),
                dir.resolve("classes").toUri().toURL()}, null)) {
            List<FrozenArchive> found = ClassPathFrozenArchives.find(loader);
            assertEquals(2, found.size());
            assertEquals(withHeader.toString(), found.get(0).origin());
            TreeSet<String> files = new TreeSet<>(found.get(0).files());
            assertEquals("[failing.mpy, greet/__init__.mpy, greet/words.mpy, single.mpy]", files.toString());
            assertEquals(files, new TreeSet<>(found.get(1).files()));

            MicaInterpreterFactory factory = new MicaInterpreterFactory(new BytecodeCompiler());
            factory.frozenModules().add(found.get(0), 1);
            Interpreter py = interpreter(factory);
            assertEquals("hello jar\n", run(py, "import greet\nprint(greet.hello('jar'))\n"));
            py.close();
        }
    }

    private static Manifest manifest(String frozenFolder) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (frozenFolder != null) {
            manifest.getMainAttributes().putValue(FrozenModules.HEADER, frozenFolder);
        }
        return manifest;
    }

    private Path jar(String name, String frozenFolder, Path content) throws Exception {
        Path jar = dir.resolve(name);
        String prefix = frozenFolder == null ? "python/frozen/" : frozenFolder + "/";
        try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar), manifest(frozenFolder));
                var files = Files.walk(content)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(prefix + content.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
