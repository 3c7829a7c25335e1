package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program in src/test/resources/programs runs on Mica and on the real MicroPython
 * v1.24.1; stdout and stderr (tracebacks included) must be the same.
 */
class DifferentialTest {
    private static final Path PROGRAMS = Path.of("src/test/resources/programs");

    @TestFactory
    Stream<DynamicTest> sameOutputAsMicroPython() throws IOException, InterruptedException {
        MicroPythonOracle oracle = MicroPythonOracle.find();
        if (oracle == null) {
            if (System.getenv(MicroPythonOracle.REQUIRED) != null) {
                fail("the MicroPython oracle is not installed: run npm ci in tools/oracle");
            }
            Assumptions.abort("the MicroPython oracle is not installed (npm ci in tools/oracle)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(PROGRAMS)) {
            files = list.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(new String[] {"-c", source}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false);
        return new MicroPythonOracle.Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
