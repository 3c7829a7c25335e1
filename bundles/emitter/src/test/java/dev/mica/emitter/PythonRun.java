package dev.mica.emitter;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.vm.MicaInterpreterFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs a program on a whole interpreter with the compiler and this emitter found by ServiceLoader. */
final class PythonRun {
    private PythonRun() {}

    /** What the program wrote to stdout, then to stderr. */
    static String output(String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InterpreterConfig config = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, out);
        Interpreter interpreter = new MicaInterpreterFactory().create(config);
        interpreter.runSource(source, "<test>");
        interpreter.close();
        return out.toString(StandardCharsets.UTF_8);
    }
}
