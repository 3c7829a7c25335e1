package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.code.CompiledModule;
import dev.mica.code.Opcodes;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;

/** Damaged .mpy files end as Python errors, never as Java exceptions or stack traces. */
class MalformedCodeTest {
    @TempDir
    Path dir;

    private static CompiledModule sample() {
        // def f(n): return [i * 2 for i in range(n)] -- written out as a loop; print(f(3))
        BytecodeAssembler asm = new BytecodeAssembler("fuzz.py");
        BytecodeAssembler.Code f = asm.code("f", "n").state(8, 1);
        f.op(Opcodes.BUILD_LIST, 0).op(Opcodes.STORE_FAST_MULTI + 1);
        f.name(Opcodes.LOAD_GLOBAL, "range").op(Opcodes.LOAD_FAST_MULTI).op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.GET_ITER_STACK);
        f.label("loop").jump(Opcodes.FOR_ITER, "done");
        f.op(Opcodes.STORE_FAST_MULTI + 2).op(Opcodes.LOAD_FAST_MULTI + 1).name(Opcodes.LOAD_METHOD, "append")
                .op(Opcodes.LOAD_FAST_MULTI + 2).smallInt(2).binary(Opcodes.BinaryOp.MULTIPLY).op(Opcodes.CALL_METHOD, 1)
                .op(Opcodes.POP_TOP).jump(Opcodes.JUMP, "loop");
        f.label("done").op(Opcodes.LOAD_FAST_MULTI + 1).op(Opcodes.RETURN_VALUE);
        BytecodeAssembler.Code c = asm.code("<module>").child(f.build());
        c.op(Opcodes.MAKE_FUNCTION, 0).name(Opcodes.STORE_NAME, "f");
        c.name(Opcodes.LOAD_NAME, "print").name(Opcodes.LOAD_NAME, "f").smallInt(3).op(Opcodes.CALL_FUNCTION, 1)
                .op(Opcodes.CALL_FUNCTION, 1).op(Opcodes.POP_TOP);
        c.op(Opcodes.LOAD_CONST_NONE).op(Opcodes.RETURN_VALUE);
        return asm.module(c.build());
    }

    @Test
    void mutatedFilesFailCleanly() throws Exception {
        byte[] good = InterpreterTest.toMpy(sample());
        Random random = new Random(7);
        for (int round = 0; round < 150; round++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                bad[4 + random.nextInt(bad.length - 4)] = (byte) random.nextInt(256);
            }
            Path file = dir.resolve("fuzz" + round + ".mpy");
            Files.write(file, bad);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            InterpreterConfig cfg = InterpreterConfig.standard()
                    .withStreams(new ByteArrayInputStream(new byte[0]), out, err).withPath(List.of(""));
            try (Interpreter in = new MicaInterpreterFactory(null).create(cfg)) {
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                        in.interrupt();
                    } catch (InterruptedException e) {
                        // the run finished first
                    }
                });
                watchdog.start();
                RunResult r = in.runFile(file);
                watchdog.interrupt();
                watchdog.join();
                assertNotNull(r);
            }
            String errText = err.toString(StandardCharsets.UTF_8);
            assertFalse(errText.contains("\tat "), errText);
        }
    }
}
