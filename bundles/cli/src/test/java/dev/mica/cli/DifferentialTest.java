package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program in src/test/resources/programs runs on Mica and on the real MicroPython
 * v1.24.1; stdout and stderr (tracebacks included) must be the same.
 */
class DifferentialTest {

    @TestFactory
    Stream<DynamicTest> sameOutputAsMicroPython() throws IOException, InterruptedException {
        MicroPythonOracle oracle = MicroPythonOracle.forTest();
        List<Path> files = TestPrograms.all();
        List<String> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(Files.readString(file));
        }
        List<MicroPythonOracle.Output> expected = oracle.run(sources);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String source = sources.get(i);
            MicroPythonOracle.Output want = expected.get(i);
            tests.add(DynamicTest.dynamicTest(files.get(i).getFileName().toString(), () -> {
                MicroPythonOracle.Output got = runOnMica(source);
                assertEquals(want.stdout(), got.stdout(), "stdout");
                assertEquals(want.stderr(), got.stderr(), "stderr");
            }));
        }
        return tests.stream();
    }

    /** Runs a program as {@code mica -c} does, so tracebacks name the file {@code <stdin>} as the oracle does. */
    static MicroPythonOracle.Output runOnMica(String source) {
        return runMica(new String[] {"-c", source}, Map.of());
    }

    /** Runs {@code mica} with these arguments and environment, in this JVM, and returns what it printed. */
    static MicroPythonOracle.Output runMica(String[] args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new MicroPythonOracle.Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
