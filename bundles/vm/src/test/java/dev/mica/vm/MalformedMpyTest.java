package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompiledModule;
import dev.mica.code.Opcodes;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;

/**
 * Bytecode from a {@code .mpy} file that the reader accepts but that does not fit its own
 * prelude: the loader refuses it, or the VM stops it, with {@code ValueError}, and no Java
 * failure reaches the program (the inputs the fuzz test once found, written out).
 */
class MalformedMpyTest {
    @TempDir
    Path dir;

    private record Run(RunResult result, String err, Throwable javaFailure) {}

    private Run runMpy(CompiledModule module) throws Exception {
        Path file = dir.resolve("bad.mpy");
        Files.write(file, InterpreterTest.toMpy(module));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InterpreterConfig cfg = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err)
                .withPath(List.of(""));
        try (MicaInterpreter in = (MicaInterpreter) new MicaInterpreterFactory(null).create(cfg)) {
            RunResult r = in.runFile(file);
            return new Run(r, err.toString(StandardCharsets.UTF_8), in.runtime().javaFailure());
        }
    }

    private static void assertIncompatible(Run run) {
        assertEquals(RunResult.Status.EXCEPTION, run.result().status(), run.err());
        assertTrue(run.err().endsWith("ValueError: incompatible .mpy file\n"), run.err());
        assertNull(run.javaFailure());
    }

    @Test
    void stackUnderflowIsValueError() throws Exception {
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(2, 0);
        c.op(Opcodes.POP_TOP).op(Opcodes.POP_TOP).op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm.module(c.build())));
    }

    @Test
    void stackOverflowIsValueError() throws Exception {
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(1, 0);
        for (int i = 0; i < 4; i++) {
            c.op(Opcodes.LOAD_CONST_NONE);
        }
        c.op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm.module(c.build())));
    }

    @Test
    void moreExceptionBlocksThanDeclaredIsValueError() throws Exception {
        // SETUP_EXCEPT in a prelude that declares no exception blocks, then a raise: the block
        // must not be half pushed when the exception is dispatched
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(4, 0);
        c.jump(Opcodes.SETUP_EXCEPT, "handler").name(Opcodes.LOAD_NAME, "undefined_name").op(Opcodes.POP_TOP);
        c.label("handler").op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm.module(c.build())));
    }

    @Test
    void hugeStateIsRefusedBeforeAllocating() throws Exception {
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(1 << 30, 0);
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm.module(c.build())));
    }

    @Test
    void stateLargerThanTheHeapIsMemoryError() throws Exception {
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(1 << 20, 0);
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        Run run = runMpy(asm.module(c.build()));
        assertTrue(run.err().contains("MemoryError: memory allocation failed, allocating"), run.err());
        assertNull(run.javaFailure());
    }

    @Test
    void recursionOfLargeFramesIsMemoryError() throws Exception {
        // def f(): f()  -- with a prelude asking for 60000 slots: 2000 calls deep that would be
        // half a gigabyte of frames; the frames count against the 2 MB heap instead
        BytecodeAssembler asm = new BytecodeAssembler("big.py");
        BytecodeAssembler.Code f = asm.code("f").state(60_000, 0);
        f.name(Opcodes.LOAD_GLOBAL, "f").op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(f.build());
        c.op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "f");
        c.name(Opcodes.LOAD_NAME, "f").op(Opcodes.CALL_FUNCTION, 0).op(Opcodes.RETURN_VALUE);
        Run run = runMpy(asm.module(c.build()));
        assertTrue(run.err().contains("MemoryError: memory allocation failed, allocating 240000 bytes"), run.err());
        assertNull(run.javaFailure());
    }

    @Test
    void operandsOutOfTheirTablesAreRefused() throws Exception {
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code local = asm.code("<module>").state(2, 0);
        local.op(Opcodes.LOAD_FAST_N, 5).op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm.module(local.build())));

        BytecodeAssembler asm2 = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code child = asm2.code("<module>").state(2, 0);
        child.op(Opcodes.MAKE_FUNCTION, 3).op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm2.module(child.build())));

        BytecodeAssembler asm3 = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code tuple = asm3.code("<module>").state(2, 0);
        tuple.op(Opcodes.BUILD_TUPLE, 1 << 28).op(Opcodes.RETURN_VALUE);
        assertIncompatible(runMpy(asm3.module(tuple.build())));
    }

    @Test
    void compiledCodeStillReportsJavaFailuresAsInternalErrors() {
        // the same underflow from the compiler (not a file) is a VM bug, reported as such
        BytecodeAssembler asm = new BytecodeAssembler("bad.py");
        BytecodeAssembler.Code c = asm.code("<module>").state(2, 0);
        c.op(Opcodes.POP_TOP).op(Opcodes.POP_TOP).op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        TestRuns.Outcome o = TestRuns.run(asm.module(c.build()));
        assertTrue(o.err().contains("RuntimeError: internal error: java.lang.ArrayIndexOutOfBoundsException"), o.err());
    }
}
