package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The VM and the compiler, wired by DS, run a program for a client that only knows the API. */
class InterpreterFactoryServiceTest {
    static final String COMPILER = "dev.mica.code.Compiler";

    @Test
    void anInterpreterFromTheServiceRunsAProgram() throws Exception {
        Reflect.awaitService(COMPILER);
        try (PythonInterpreter interpreter = PythonInterpreter.create()) {
            assertEquals("COMPLETED", interpreter.runSource("print(1+2)"), interpreter.stderr());
            assertEquals("", interpreter.stderr());
            assertEquals("3\n", interpreter.stdout());
        }
    }

    @Test
    void interpretersFromTheServiceAreIndependent() throws Exception {
        Reflect.awaitService(COMPILER);
        try (PythonInterpreter a = PythonInterpreter.create(); PythonInterpreter b = PythonInterpreter.create()) {
            // REPL statements keep their globals from one to the next, within one interpreter
            a.runInteractive("x = 'a'");
            b.runInteractive("x = 'b'");
            a.runInteractive("print(x)");
            b.runInteractive("print(x)");
            assertEquals("a\n", a.stdout());
            assertEquals("b\n", b.stdout());
        }
    }
}
