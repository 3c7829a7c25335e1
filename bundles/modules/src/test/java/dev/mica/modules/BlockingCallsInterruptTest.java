package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;
import dev.mica.vm.MicaInterpreterFactory;

/** Every call that waits ends with KeyboardInterrupt when the interpreter is interrupted. */
class BlockingCallsInterruptTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "import time\ntime.sleep(30)",
        "import socket\ns = socket.socket()\ns.bind(socket.getaddrinfo('127.0.0.1', 18717)[0][-1])\ns.listen(1)\ns.accept()",
        "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('127.0.0.1', 18718))\ns.recv(10)",
        "import select, socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\np = select.poll()\np.register(s, select.POLLIN)\np.poll()",
        "import asyncio\nasync def main():\n    await asyncio.sleep(30)\nasyncio.run(main())",
    })
    void waitingEndsWithKeyboardInterrupt(String program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, err);
        Interpreter interpreter = new MicaInterpreterFactory().withFrozenFolder(PythonRun.frozenFolder()).create(config);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(interpreter::interrupt, 400, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            RunResult result = interpreter.runSource(program + "\n", "<test>");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String errors = err.toString(StandardCharsets.UTF_8);
            assertEquals(RunResult.Status.EXCEPTION, result.status(), errors);
            assertTrue(errors.contains("KeyboardInterrupt"), errors);
            assertTrue(millis < 10_000, "took " + millis + " ms");
        } finally {
            timer.shutdownNow();
            interpreter.close();
        }
    }
}
