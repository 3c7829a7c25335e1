package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

import dev.mica.code.Compiler;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;

/** The VM and the compiler, wired by DS, run a program for a client that only knows the API. */
@ExtendWith(ServiceExtension.class)
class InterpreterFactoryServiceTest {

    @Test
    void anInterpreterFromTheServiceRunsAProgram(
            @InjectService(timeout = 10_000) InterpreterFactory factory,
            @InjectService(timeout = 10_000) Compiler compiler) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(InputStream.nullInputStream(), stdout, stderr);
        RunResult result;
        try (Interpreter interpreter = factory.create(config)) {
            result = interpreter.runSource("print(1+2)", "<stdin>");
        }
        assertEquals("", stderr.toString(StandardCharsets.UTF_8));
        assertEquals("3\n", stdout.toString(StandardCharsets.UTF_8));
        assertEquals(RunResult.COMPLETED, result);
    }

    @Test
    void interpretersFromTheServiceAreIndependent(@InjectService(timeout = 10_000) InterpreterFactory factory,
            @InjectService(timeout = 10_000) Compiler compiler) {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Interpreter a = factory.create(InterpreterConfig.standard()
                        .withStreams(InputStream.nullInputStream(), first, first));
                Interpreter b = factory.create(InterpreterConfig.standard()
                        .withStreams(InputStream.nullInputStream(), second, second))) {
            // REPL statements keep their globals from one to the next, within one interpreter
            a.runInteractive("x = 'a'");
            b.runInteractive("x = 'b'");
            a.runInteractive("print(x)");
            b.runInteractive("print(x)");
        }
        assertEquals("a\n", first.toString(StandardCharsets.UTF_8));
        assertEquals("b\n", second.toString(StandardCharsets.UTF_8));
    }
}
