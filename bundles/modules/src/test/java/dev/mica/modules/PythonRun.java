package dev.mica.modules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.mica.interp.Interpreter;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.RunResult;
import dev.mica.vm.MicaInterpreterFactory;

/**
 * Runs a program on a whole interpreter, as bin/mica would: compiler and the modules of this
 * bundle found with ServiceLoader. Gives what the program wrote to stdout and stderr.
 */
final class PythonRun {
    final String out;
    final String err;
    final RunResult result;

    private PythonRun(String out, String err, RunResult result) {
        this.out = out;
        this.err = err;
        this.result = result;
    }

    /**
     * The frozen modules of this bundle (asyncio) as the build compiled them: the class folder
     * has no manifest naming them before the jar is made.
     */
    static Path frozenFolder() {
        try {
            Path classes = Path.of(dev.mica.modules.asyncio.UasyncioModule.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
            return classes.resolve("mica-frozen");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static PythonRun of(String source) {
        return in(null, source);
    }

    /** Runs with file access confined to {@code storageRoot} (null: not confined). */
    static PythonRun in(Path storageRoot, String source) {
        return configured(config -> config.withStorageRoot(storageRoot), source);
    }

    /** Runs with the standard configuration changed by {@code settings}. */
    static PythonRun configured(java.util.function.UnaryOperator<InterpreterConfig> settings, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InterpreterConfig config = settings.apply(InterpreterConfig.standard()
                .withStreams(new ByteArrayInputStream(new byte[0]), out, err));
        Interpreter interpreter = new MicaInterpreterFactory().withFrozenFolder(frozenFolder()).create(config);
        RunResult result = interpreter.runSource(source, "<test>");
        interpreter.close();
        return new PythonRun(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), result);
    }
}
