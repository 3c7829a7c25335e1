package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompiledModule;
import dev.mica.code.Opcodes;
import dev.mica.code.RawCode;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;

class InterpreterTest {
    @TempDir
    Path dir;

    /** Serialises a module as a .mpy v6 file (bytecode only, no static qstrs). */
    static byte[] toMpy(CompiledModule m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 6, 0, 63});
        BytecodeAssembler.writeUint(out, m.qstrs().size());
        BytecodeAssembler.writeUint(out, 0);
        for (String q : m.qstrs()) {
            byte[] b = q.getBytes(StandardCharsets.UTF_8);
            BytecodeAssembler.writeUint(out, (long) b.length << 1);
            out.writeBytes(b);
            out.write(0);
        }
        writeRawCode(out, m.root());
        return out.toByteArray();
    }

    private static void writeRawCode(ByteArrayOutputStream out, RawCode rc) {
        boolean children = !rc.children().isEmpty();
        BytecodeAssembler.writeUint(out, ((long) rc.functionData().length << 3) | (children ? 4 : 0));
        out.writeBytes(rc.functionData());
        if (children) {
            BytecodeAssembler.writeUint(out, rc.children().size());
            for (RawCode c : rc.children()) {
                writeRawCode(out, c);
            }
        }
    }

    private static CompiledModule printModule(String text) {
        BytecodeAssembler asm = new BytecodeAssembler("hello.py");
        BytecodeAssembler.Code c = asm.code("<module>");
        c.name(Opcodes.LOAD_NAME, "print").name(Opcodes.LOAD_CONST_STRING, text).op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.POP_TOP);
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        return asm.module(c.build());
    }

    private InterpreterConfig config(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return InterpreterConfig.standard().withStreams(new ByteArrayInputStream(new byte[0]), out, err)
                .withPath(List.of("", dir.toString()));
    }

    @Test
    void factoryIsFoundByServiceLoader() {
        InterpreterFactory f = ServiceLoader.load(InterpreterFactory.class).findFirst().orElseThrow();
        assertTrue(f instanceof MicaInterpreterFactory);
        assertEquals("1.24.1", f.version());
    }

    @Test
    void onAPlainClassPathTheCompilerComesFromServiceLoader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory().create(config(out, err))) {
            assertEquals(RunResult.COMPLETED, in.runSource("echoed", "prog.py"), err.toString());
        }
        assertEquals("echoed\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsMpyFileWithoutACompiler() throws Exception {
        Path file = dir.resolve("hello.mpy");
        Files.write(file, toMpy(printModule("hi from mpy")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(null).create(config(out, err))) {
            assertEquals(RunResult.COMPLETED, in.runFile(file));
        }
        assertEquals("hi from mpy\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void viperCodeFromAnMpyNeedsAnEmitter() throws Exception {
        // written by mica-cross from a program with a native and a viper function
        Path file = dir.resolve("native.mpy");
        try (var seed = getClass().getResourceAsStream("MpyLoaderFuzzTestInputs/loadAndRun/native-jvm.mpy")) {
            Files.write(file, seed.readAllBytes());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(null).create(config(out, err))) {
            assertEquals(RunResult.exception(), in.runFile(file));
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("ValueError: native code in .mpy unsupported\n"), err.toString());
    }

    @Test
    void importsAnMpyModuleFromThePath() throws Exception {
        Files.write(dir.resolve("greeting.mpy"), toMpy(printModule("imported")));
        BytecodeAssembler asm = new BytecodeAssembler("main.py");
        BytecodeAssembler.Code c = asm.code("<module>");
        c.smallInt(0).op(Opcodes.LOAD_CONST_NONE).name(Opcodes.IMPORT_NAME, "greeting").name(Opcodes.STORE_NAME, "greeting");
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(TestRuns.fixed(asm.module(c.build()))).create(config(out, err))) {
            assertEquals(RunResult.COMPLETED, in.runSource("import greeting", "main.py"), err.toString());
        }
        assertEquals("imported\n", out.toString(StandardCharsets.UTF_8));
    }

    private static CompiledModule printNameModule(String file) {
        BytecodeAssembler asm = new BytecodeAssembler(file);
        BytecodeAssembler.Code c = asm.code("<module>");
        c.name(Opcodes.LOAD_NAME, "print").name(Opcodes.LOAD_NAME, "__name__").op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.POP_TOP);
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        return asm.module(c.build());
    }

    @Test
    void runModuleRunsAPackageModuleAsMain() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.write(pkg.resolve("__init__.mpy"), toMpy(printNameModule("pkg/__init__.py")));
        Files.write(pkg.resolve("tool.mpy"), toMpy(printNameModule("pkg/tool.py")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(null).create(config(out, err))) {
            assertEquals(RunResult.COMPLETED, in.runModule("pkg.tool"), err.toString());
            assertEquals(RunResult.exception(), in.runModule("pkg.missing"));
        }
        assertEquals("pkg\n__main__\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("ImportError: no module named 'pkg.missing'\n"), err.toString());
    }

    @Test
    void sourceWithoutACompilerIsAClearPythonError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(null).create(config(out, err))) {
            RunResult r = in.runSource("print(1)", "prog.py");
            assertEquals(RunResult.exception(), r);
        }
        assertEquals("RuntimeError: no compiler available\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importingSourceWithoutACompilerIsMicroPythonsImportErrorAndPrecompiledCodeStillLoads() throws Exception {
        Files.writeString(dir.resolve("plain.py"), "print('compiled')\n");
        Files.write(dir.resolve("pre.mpy"), toMpy(printNameModule("pre.py")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(null).create(config(out, err))) {
            assertEquals(RunResult.exception(), in.runModule("plain"));
            assertEquals(RunResult.COMPLETED, in.runModule("pre"), err.toString());
        }
        assertEquals("__main__\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("ImportError: script compilation not supported\n"),
                err.toString());
    }

    @Test
    void aCompilerBoundSoonAfterActivationServesTheCompilationsWaitingForIt() throws Exception {
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        factory.activate();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread binder = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            factory.bindCompiler(TestRuns.fixed(printNameModule("late.py")));
        });
        binder.start();
        try (Interpreter in = factory.create(config(out, err))) {
            assertEquals(RunResult.COMPLETED, in.runSource("anything", "late.py"), err.toString());
        }
        binder.join();
        assertEquals("__main__\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void interactiveStatementsPrintTheirValue() {
        // what a compiler emits for the REPL input "6 * 7": __repl_print__(6 * 7)
        BytecodeAssembler asm = new BytecodeAssembler("<stdin>");
        BytecodeAssembler.Code c = asm.code("<module>");
        c.name(Opcodes.LOAD_NAME, "__repl_print__").smallInt(6).smallInt(7).binary(Opcodes.BinaryOp.MULTIPLY)
                .op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.POP_TOP).op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(TestRuns.fixed(asm.module(c.build()))).create(config(out, err))) {
            assertEquals(RunResult.COMPLETED, in.runInteractive("6 * 7"));
        }
        assertEquals("42\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void completeInputFollowsTheReplRules() {
        try (Interpreter in = new MicaInterpreterFactory(null).create(InterpreterConfig.standard())) {
            assertTrue(in.isCompleteInput("x = 1"));
            assertFalse(in.isCompleteInput("if x:"));
            assertFalse(in.isCompleteInput("if x:\n    y = 1"));
            assertTrue(in.isCompleteInput("if x:\n    y = 1\n"));
            assertFalse(in.isCompleteInput("f(1,"));
            assertFalse(in.isCompleteInput("s = '''abc"));
            assertTrue(in.isCompleteInput("s = ')'"));
        }
    }

    @Test
    void interruptStopsAnEndlessLoop() throws Exception {
        BytecodeAssembler asm = new BytecodeAssembler("loop.py");
        BytecodeAssembler.Code c = asm.code("<module>");
        c.label("top").jump(Opcodes.JUMP, "top");
        CompiledModule loop = asm.module(c.build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Interpreter in = new MicaInterpreterFactory(TestRuns.fixed(loop)).create(config(out, err))) {
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                in.interrupt();
            });
            stopper.start();
            RunResult r = in.runSource("while True: pass", "loop.py");
            stopper.join();
            assertEquals(RunResult.exception(), r);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("KeyboardInterrupt: \n"), err.toString());
    }
}
