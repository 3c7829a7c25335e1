package dev.mica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompileError;
import dev.mica.code.CompileOptions;
import dev.mica.code.InputKind;
import dev.mica.compiler.BytecodeCompiler;
import dev.mica.compiler.mpy.MpyWriter;

/**
 * Every program of src/test/resources/programs that compiles is written as a .mpy file, as
 * mica-cross writes it, and imported both by the real MicroPython v1.24.1 and by Mica: each
 * must print what the real MicroPython prints when it imports the source.
 */
class MpyRoundTripTest {
    private static final String MODULE = "prog";

    @TempDir
    Path modules;

    @TestFactory
    Stream<DynamicTest> mpyFilesRunAsTheirSource() throws IOException, InterruptedException {
        MicroPythonOracle oracle = MicroPythonOracle.forTest();
        List<Path> files = TestPrograms.all();
        List<String> names = new ArrayList<>();
        List<byte[]> mpys = new ArrayList<>();
        List<MicroPythonOracle.Program> runs = new ArrayList<>();
        for (Path file : files) {
            byte[] source = Files.readAllBytes(file);
            byte[] mpy;
            try {
                mpy = MpyWriter.write(new BytecodeCompiler().compile(new String(source, StandardCharsets.UTF_8),
                        MODULE + ".py", InputKind.FILE, CompileOptions.DEFAULT));
            } catch (CompileError e) {
                continue; // programs that test compile errors have no .mpy
            }
            names.add(file.getFileName().toString());
            mpys.add(mpy);
            runs.add(new MicroPythonOracle.Program(Map.of(MODULE + ".py", source), "import " + MODULE));
            runs.add(new MicroPythonOracle.Program(Map.of(MODULE + ".mpy", mpy), "import " + MODULE));
        }
        List<MicroPythonOracle.Output> outputs = oracle.runPrograms(runs);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            MicroPythonOracle.Output fromSource = outputs.get(2 * i);
            MicroPythonOracle.Output fromMpy = outputs.get(2 * i + 1);
            byte[] mpy = mpys.get(i);
            tests.add(DynamicTest.dynamicTest(names.get(i), () -> {
                assertEquals(fromSource, fromMpy, "the real MicroPython runs the .mpy as its source");
                assertEquals(fromSource, importOnMica(mpy), "Mica runs the .mpy as MicroPython runs the source");
            }));
        }
        return tests.stream();
    }

    /** Native and viper functions whose results are those of the same code run as bytecode. */
    private static final String NATIVE_PROGRAM = """
            @micropython.native
            def total(n):
                s = 0
                for i in range(n):
                    s += i * i
                return s

            @micropython.viper
            def mix(a: int, b: int) -> int:
                return (a << 3) ^ b

            def squares():
                for i in range(4):
                    yield i * i

            print(total(100), mix(5, 9), list(squares()))
            """;

    @Test
    void nativeCodeRunsFromItsMpyOnMicaAndRealMicroPythonRefusesIt() throws Exception {
        byte[] mpy = MpyWriter.write(new BytecodeCompiler().compile(NATIVE_PROGRAM, MODULE + ".py", InputKind.FILE,
                CompileOptions.DEFAULT));
        String asBytecode = NATIVE_PROGRAM.replace("@micropython.native\n", "").replace("@micropython.viper\n", "")
                .replace("a: int, b: int) -> int", "a, b)");
        MicroPythonOracle oracle = MicroPythonOracle.forTest();
        List<MicroPythonOracle.Output> outputs = oracle.runPrograms(List.of(
                new MicroPythonOracle.Program(Map.of(MODULE + ".py", asBytecode.getBytes(StandardCharsets.UTF_8)), "import " + MODULE),
                new MicroPythonOracle.Program(Map.of(MODULE + ".mpy", mpy), "import " + MODULE)));
        assertEquals(outputs.get(0), importOnMica(mpy), "Mica runs the native code as MicroPython runs the same code");
        // MicroPython's port without a native emitter refuses machine code of any architecture
        assertTrue(outputs.get(1).toString().contains("native code in .mpy unsupported"), outputs.get(1).toString());
    }

    private MicroPythonOracle.Output importOnMica(byte[] mpy) throws IOException {
        Path folder = Files.createTempDirectory(modules, "mpy");
        Files.write(folder.resolve(MODULE + ".mpy"), mpy);
        return DifferentialTest.runMica(new String[] {"-c", "import " + MODULE}, Map.of("MICROPYPATH", folder.toString()));
    }
}
