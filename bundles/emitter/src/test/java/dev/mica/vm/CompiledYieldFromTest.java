package dev.mica.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.mica.compiler.BytecodeCompiler;
import dev.mica.emit.CompiledBody;
import dev.mica.emit.FunctionCode;
import dev.mica.emit.NativeEmitter;
import dev.mica.emitter.JvmEmitter;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;

/**
 * Generators with {@code yield from} are compiled (not left to bytecode) and keep the
 * interpreter's semantics: values sent and thrown through to the delegate, its return value,
 * close() reaching it, any iterator as a delegate, and errors with their messages.
 */
class CompiledYieldFromTest {
    /** The real emitter, remembering for each function name whether it compiled it. */
    private static final class RecordingEmitter implements NativeEmitter {
        private final JvmEmitter emitter = new JvmEmitter();
        final Map<String, Boolean> compiled = new ConcurrentHashMap<>();

        @Override
        public CompiledBody compile(FunctionCode code) {
            CompiledBody body = emitter.compile(code);
            compiled.put(code.name(), body != null);
            return body;
        }
    }

    private static String run(RecordingEmitter emitter, String source) {
        return run(emitter, source, 0);
    }

    private static String run(RecordingEmitter emitter, String source, int tierThreshold) {
        MicaInterpreterFactory factory = new MicaInterpreterFactory();
        factory.activate();
        factory.bindCompiler(new BytecodeCompiler());
        factory.bindEmitter(emitter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Interpreter interpreter = factory.create(InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, out).withTierThreshold(tierThreshold));
        interpreter.runPasted(source);
        interpreter.close();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void delegationSendThrowCloseAndReturnValues() {
        RecordingEmitter emitter = new RecordingEmitter();
        String output = run(emitter, """
                import micropython
                def inner(n):
                    for i in range(n):
                        x = yield i
                        if x is not None:
                            print('inner got', x)
                    return 'inner-done'
                @micropython.native
                def outer():
                    r = yield from inner(2)
                    print('returned', r)
                    r = yield from [10, 20]
                    print('list returned', r)
                    try:
                        yield from inner(5)
                    except ValueError as e:
                        print('caught', e)
                        yield 'after'
                    return 99
                g = outer()
                print(next(g), g.send('s'), next(g), next(g))
                print(next(g), g.throw(ValueError('boom')))
                try:
                    next(g)
                except StopIteration as e:
                    print('stop', e.args)
                def closing():
                    try:
                        yield 1
                    finally:
                        print('inner closed')
                @micropython.native
                def outer2():
                    yield from closing()
                g = outer2()
                print(next(g))
                g.close()
                """);
        assertEquals("""
                inner got s
                returned inner-done
                0 1 10 20
                list returned None
                caught boom
                0 after
                stop (99,)
                1
                inner closed
                """, output);
        assertEquals(Boolean.TRUE, emitter.compiled.get("outer"));
        assertEquals(Boolean.TRUE, emitter.compiled.get("outer2"));
    }

    @Test
    void deepChainsIteratorsAndErrors() {
        RecordingEmitter emitter = new RecordingEmitter();
        String output = run(emitter, """
                import micropython
                @micropython.native
                def deep(d, it):
                    if d <= 0:
                        for i in it:
                            yield i
                    else:
                        yield from deep(d - 1, it)
                print(sum(deep(10, range(100))))
                class Counter:
                    def __init__(self):
                        self.i = 0
                    def __iter__(self):
                        return self
                    def __next__(self):
                        self.i += 1
                        if self.i > 3:
                            raise StopIteration(42)
                        return self.i
                @micropython.native
                def wrap(it):
                    r = yield from it
                    print('ret', r)
                print(list(wrap(Counter())))
                try:
                    list(wrap(5))
                except TypeError as e:
                    print('TypeError', e)
                def stopper():
                    raise StopIteration
                    yield
                try:
                    list(wrap(stopper()))
                except RuntimeError as e:
                    print('RuntimeError', e)
                """);
        assertEquals("""
                4950
                ret 42
                [1, 2, 3]
                TypeError 'int' object isn't iterable
                RuntimeError generator raised StopIteration
                """, output);
        assertEquals(Boolean.TRUE, emitter.compiled.get("deep"));
        assertEquals(Boolean.TRUE, emitter.compiled.get("wrap"));
    }

    @Test
    void hotGeneratorsAreTieredWhileRunningOnesStayBytecode() {
        RecordingEmitter emitter = new RecordingEmitter();
        String output = run(emitter, """
                def leaf(n):
                    for i in range(n):
                        x = yield i
                        if x is not None:
                            print('sent', x)
                    return n
                def chain(n):
                    r = yield from leaf(n)
                    return r * 10
                early = chain(3)
                print(next(early))
                totals = []
                for k in range(8):
                    totals.append(sum(chain(k)))
                g = chain(2)
                print(next(g), g.send('v'))
                try:
                    next(g)
                except StopIteration as e:
                    print('stop', e.args)
                print(totals, list(early))
                """, 3);
        assertEquals("""
                0
                sent v
                0 1
                stop (20,)
                [0, 0, 1, 3, 6, 10, 15, 21] [1, 2]
                """, output);
        assertEquals(Boolean.TRUE, emitter.compiled.get("chain"));
        assertEquals(Boolean.TRUE, emitter.compiled.get("leaf"));
    }
}
