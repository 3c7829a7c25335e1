package dev.mica.machine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.interp.RunResult;
import dev.mica.vm.MicaInterpreterFactory;

/** Runs a program on a whole interpreter and gives what it wrote to stdout and stderr. */
final class PythonRun {
    final String out;
    final String err;
    final RunResult result;

    private PythonRun(String out, String err, RunResult result) {
        this.out = out;
        this.err = err;
        this.result = result;
    }

    /** With the compiler and the modules found by ServiceLoader, as bin/mica runs. */
    static PythonRun of(String source) {
        return on(new MicaInterpreterFactory(), source);
    }

    static PythonRun on(InterpreterFactory factory, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, err);
        try (Interpreter interpreter = factory.create(config)) {
            RunResult result = interpreter.runSource(source, "<test>");
            return new PythonRun(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), result);
        }
    }
}
