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
        return output(source, 0);
    }

    /** As {@link #output(String)}, with tiering at the given threshold (0: off). */
    static String output(String source, int tierThreshold) {
        return output(source, config -> config.withTierThreshold(tierThreshold));
    }

    /** As {@link #output(String)}, with the interpreter's configuration changed by {@code configure}. */
    static String output(String source, java.util.function.UnaryOperator<InterpreterConfig> configure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InterpreterConfig config = configure.apply(InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, out));
        Interpreter interpreter = new MicaInterpreterFactory().create(config);
        interpreter.runSource(source, "<test>");
        interpreter.close();
        return out.toString(StandardCharsets.UTF_8);
    }
}
