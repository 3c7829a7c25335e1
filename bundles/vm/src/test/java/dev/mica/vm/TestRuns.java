package dev.mica.vm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.mica.code.CompiledModule;
import dev.mica.code.Compiler;
import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;

/** Runs code in a fresh interpreter and captures what it prints. */
final class TestRuns {
    private TestRuns() {}

    record Outcome(RunResult result, String out, String err) {}

    /** A compiler that hands out prepared modules, standing in for the real one. */
    static Compiler fixed(CompiledModule module) {
        return (source, file, kind, options) -> module;
    }

    static Outcome run(CompiledModule module) {
        return runSource(fixed(module), "");
    }

    static Outcome runSource(Compiler compiler, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InterpreterConfig cfg = InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, err)
                .withPath(List.of(""));
        try (Interpreter in = new MicaInterpreterFactory(compiler).create(cfg)) {
            RunResult r = in.runSource(source, "prog.py");
            return new Outcome(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
