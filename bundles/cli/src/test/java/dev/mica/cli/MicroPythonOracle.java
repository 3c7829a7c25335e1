package dev.mica.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MicroPython v1.24.1 (its WebAssembly port under Node, installed in tools/oracle by
 * {@code npm ci}) run on a batch of programs, for differential tests.
 */
final class MicroPythonOracle {
    /** Set (as CI does) to make a missing oracle a failure instead of a skipped test. */
    static final String REQUIRED = "MICA_REQUIRE_ORACLE";

    record Output(String stdout, String stderr) {}

    /** A program and the files (name to contents) put beside it, on {@code sys.path}, before it runs. */
    record Program(Map<String, byte[]> files, String main) {}

    private final Path script;

    private MicroPythonOracle(Path script) {
        this.script = script;
    }

    /**
     * The oracle for a test; without one the test is aborted, or fails where {@link #REQUIRED}
     * is set (as in CI).
     */
    static MicroPythonOracle forTest() {
        MicroPythonOracle oracle = find();
        if (oracle == null) {
            if (System.getenv(REQUIRED) != null) {
                Assertions.fail("the MicroPython oracle is not installed: run npm ci in tools/oracle");
            }
            Assumptions.abort("the MicroPython oracle is not installed (npm ci in tools/oracle)");
        }
        return oracle;
    }

    /** The oracle of this checkout, or null when Node or the npm package is missing. */
    static MicroPythonOracle find() {
        Path oracle = Path.of("../../tools/oracle").toAbsolutePath().normalize();
        if (!Files.isDirectory(oracle.resolve("node_modules/@micropython/micropython-webassembly-pyscript"))) {
            return null;
        }
        return new MicroPythonOracle(oracle.resolve("run.mjs"));
    }

    List<Output> run(List<String> programs) throws IOException, InterruptedException {
        return runPrograms(programs.stream().map(main -> new Program(Map.of(), main)).toList());
    }

    List<Output> runPrograms(List<Program> programs) throws IOException, InterruptedException {
        byte[] input = Json.programs(programs).getBytes(StandardCharsets.UTF_8);
        String json;
        try {
            json = runNode(input);
        } catch (IOException crashed) {
            // the Node process has been seen to exit early, rarely, with no program at fault:
            // say what it printed and try once more (a second failure fails the test)
            System.err.println(crashed.getMessage());
            json = runNode(input);
        }
        List<Output> outputs = new ArrayList<>();
        for (List<String> pair : Json.parseOutputs(json)) {
            outputs.add(new Output(pair.get(0), pair.get(1)));
        }
        return outputs;
    }

    private String runNode(byte[] input) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("mica-oracle", ".err");
        try {
            Process node = new ProcessBuilder("node", script.toString())
                    .redirectError(errors.toFile())
                    .start();
            node.getOutputStream().write(input);
            node.getOutputStream().close();
            String json = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(120, TimeUnit.SECONDS) || node.exitValue() != 0) {
                node.destroyForcibly();
                throw new IOException("the MicroPython oracle failed: " + Files.readString(errors));
            }
            return json;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
