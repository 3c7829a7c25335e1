package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/mica as a user runs it: output, exit status and the start-up archive. */
class BinMicaIT {
    private static final Path MICA = Path.of("../../bin/mica").toAbsolutePath().normalize();

    record Result(int status, String stdout, String stderr) {}

    static Result mica(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(MICA.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mica finished");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void commandPrints(@TempDir Path dir) throws Exception {
        Result r = mica(dir, "", "-c", "print(1+2)");
        assertEquals(new Result(0, "3\n", ""), r);
    }

    @Test
    void scriptWithFunctionAndLoopAndArgv(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("prog.py"), """
                import sys
                def square(n):
                    return n * n
                total = 0
                for i in range(1, 11):
                    total += square(i)
                print(total, sys.argv)
                """);
        Result r = mica(dir, "", "prog.py", "a", "b");
        assertEquals(new Result(0, "385 ['prog.py', 'a', 'b']\n", ""), r);
    }

    @Test
    void uncaughtExceptionPrintsTracebackAndExitsWithOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("boom.py"), "def f():\n    raise ValueError('bad')\nf()\n");
        Result r = mica(dir, "", "boom.py");
        assertEquals(1, r.status());
        assertEquals("""
                Traceback (most recent call last):
                  File "boom.py", line 3, in <module>
                  File "boom.py", line 2, in f
                ValueError: bad
                """, r.stderr());
    }

    @Test
    void systemExitGivesItsCode(@TempDir Path dir) throws Exception {
        assertEquals(3, mica(dir, "", "-c", "import sys\nsys.exit(3)").status());
        assertEquals(0, mica(dir, "", "-c", "raise SystemExit").status());
    }

    @Test
    void missingFileAndBadOptions(@TempDir Path dir) throws Exception {
        Result missing = mica(dir, "", "nope.py");
        assertEquals(2, missing.status());
        assertTrue(missing.stderr().contains("can't open file 'nope.py': [Errno 2] No such file or directory"));
        Result bad = mica(dir, "", "-Q");
        assertEquals(new Result(1, "", "Invalid command line arguments. Use -h option for help.\n"), bad);
    }

    @Test
    void programFromStandardInput(@TempDir Path dir) throws Exception {
        assertEquals(new Result(0, "6\n", ""), mica(dir, "x = 2\nprint(x * 3)\n"));
    }

    @Test
    void moduleOnThePath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("greet.py"), "print('hi from', __name__)\n");
        Result r = mica(dir, "", "-m", "greet");
        assertEquals(new Result(0, "hi from __main__\n", ""), r);
    }
}
