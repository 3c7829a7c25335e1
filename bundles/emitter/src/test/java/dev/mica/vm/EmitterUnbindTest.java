package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.mica.compiler.BytecodeCompiler;
import dev.mica.emit.CompiledBody;
import dev.mica.emit.FunctionCode;
import dev.mica.emit.NativeEmitter;
import dev.mica.emitter.JvmEmitter;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;

/**
 * The emitter going away under a live interpreter, as Declarative Services unbinds it when its
 * bundle is updated: native code falls back to bytecode with the same results, the old
 * emitter's code is dropped even from functions not called again, and viper code waits for
 * the next emitter (or fails clearly once the gap is over).
 */
class EmitterUnbindTest {
    private static final String PROGRAM = """
            import micropython

            @micropython.native
            def total(n):
                s = 0
                for i in range(n):
                    s += i
                return s

            @micropython.viper
            def wrapped(x: int) -> int:
                return x << 62

            def report():
                print(total(10), wrapped(3))
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Interpreter interpreter(MicaInterpreterFactory factory) {
        return factory.create(InterpreterConfig.standard().withStreams(new ByteArrayInputStream(new byte[0]), out, out));
    }

    private static MicaInterpreterFactory managedFactory() {
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        factory.activate();
        factory.bindCompiler(new BytecodeCompiler());
        return factory;
    }

    private String run(Interpreter interpreter, String source) {
        out.reset();
        interpreter.runPasted(source);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nativeCodeRunsAsBytecodeAfterTheUnbindAndTheOldCodeIsDropped() {
        MicaInterpreterFactory factory = managedFactory();
        CountingEmitter first = new CountingEmitter();
        factory.bindEmitter(first);
        Interpreter interpreter = interpreter(factory);
        String before = run(interpreter, PROGRAM + "report()\n");
        assertEquals("45 -4611686018427387904\n", before);
        assertEquals(2, first.compiled.get());

        WeakReference<NativeEmitter> old = new WeakReference<>(first);
        factory.unbindEmitter(first);
        first = null;
        // nothing of the interpreter holds the old emitter, though no function was called since
        assertTrue(collected(old), "the unbound emitter is still reachable");

        CountingEmitter second = new CountingEmitter();
        factory.bindEmitter(second);
        assertEquals("45 -4611686018427387904\n", run(interpreter, "report()\n"));
        assertEquals(2, second.compiled.get(), "both functions compiled again by the new emitter");
        interpreter.close();
    }

    @Test
    void viperCodeWaitsForTheNextEmitterDuringAnUpdate() throws Exception {
        MicaInterpreterFactory factory = managedFactory();
        NativeEmitter first = new JvmEmitter();
        factory.bindEmitter(first);
        Interpreter interpreter = interpreter(factory);
        run(interpreter, PROGRAM);
        factory.unbindEmitter(first);
        Thread binder = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            factory.bindEmitter(new JvmEmitter());
        });
        binder.start();
        // native code does not wait; the viper call waits for the emitter bound 300 ms later
        assertEquals("45 -4611686018427387904\n", run(interpreter, "report()\n"));
        binder.join();
        interpreter.close();
    }

    @Test
    void viperCodeFailsClearlyOnceTheEmitterStaysAway() {
        MicaInterpreterFactory factory = managedFactory();
        NativeEmitter only = new JvmEmitter();
        factory.bindEmitter(only);
        Interpreter interpreter = interpreter(factory);
        run(interpreter, PROGRAM);
        factory.unbindEmitter(only);
        long start = System.nanoTime();
        String output = run(interpreter, "print(total(10))\ntry:\n    wrapped(3)\nexcept RuntimeError as e:\n    print(e)\n"
                + "try:\n    wrapped(3)\nexcept RuntimeError as e:\n    print(e)\n");
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("45\nno native emitter available for viper code\nno native emitter available for viper code\n",
                output);
        // one wait for the gap (5 s), not one per call
        assertTrue(waitedMillis >= 4_500 && waitedMillis < 9_000, waitedMillis + " ms");
        interpreter.close();
    }

    private static boolean collected(WeakReference<?> reference) {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return reference.get() == null;
    }

    /** The real emitter, counting what it compiled. */
    private static final class CountingEmitter implements NativeEmitter {
        private final JvmEmitter emitter = new JvmEmitter();
        final AtomicInteger compiled = new AtomicInteger();

        @Override
        public CompiledBody compile(FunctionCode code) {
            compiled.incrementAndGet();
            return emitter.compile(code);
        }
    }
}
