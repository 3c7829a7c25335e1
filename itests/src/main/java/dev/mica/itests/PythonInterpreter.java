package dev.mica.itests;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An interpreter from the {@code InterpreterFactory} service, called by name (see
 * {@link Reflect}): runs programs and keeps what they print.
 */
final class PythonInterpreter implements AutoCloseable {
    static final String FACTORY = "dev.mica.interp.InterpreterFactory";

    private final Object interpreter;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private PythonInterpreter(Object factory, Path storageRoot, long heapSize) throws Exception {
        Object config = Reflect.callStatic(factory, "dev.mica.interp.InterpreterConfig", "standard", new Class<?>[0]);
        config = Reflect.call(config, "withStreams", new Class<?>[] {InputStream.class, OutputStream.class,
            OutputStream.class}, InputStream.nullInputStream(), stdout, stderr);
        if (storageRoot != null) {
            config = Reflect.call(config, "withStorageRoot", new Class<?>[] {Path.class}, storageRoot);
        }
        if (heapSize > 0) {
            config = Reflect.call(config, "withHeapSize", new Class<?>[] {long.class}, heapSize);
        }
        Class<?> configType = factory.getClass().getClassLoader().loadClass("dev.mica.interp.InterpreterConfig");
        interpreter = Reflect.call(factory, "create", new Class<?>[] {configType}, config);
    }

    /** A new interpreter from the factory service now registered (waiting for one). */
    static PythonInterpreter create() throws Exception {
        return create(null);
    }

    /** A new interpreter whose files live under {@code storageRoot}. */
    static PythonInterpreter create(Path storageRoot) throws Exception {
        return Reflect.withService(FACTORY, null, factory -> new PythonInterpreter(factory, storageRoot, 0));
    }

    /** A new interpreter with a heap of {@code bytes}. */
    static PythonInterpreter withHeapSize(long bytes) throws Exception {
        return Reflect.withService(FACTORY, null, factory -> new PythonInterpreter(factory, null, bytes));
    }

    /** Runs a program and gives what it printed (stdout and stderr), forgetting earlier output. */
    String run(String source) throws Exception {
        stdout.reset();
        stderr.reset();
        runSource(source);
        return stdout() + stderr();
    }

    /** Runs a program as a file would run; gives the status: COMPLETED, EXCEPTION or SYSTEM_EXIT. */
    String runSource(String source) throws Exception {
        return status(Reflect.call(interpreter, "runSource", new Class<?>[] {String.class, String.class}, source,
                "<string>"));
    }

    /**
     * Runs one REPL statement in the globals of the last program run (as the REPL after a
     * script) and gives what it printed, forgetting earlier output.
     */
    String interact(String statement) throws Exception {
        stdout.reset();
        stderr.reset();
        runInteractive(statement);
        return stdout() + stderr();
    }

    /** Runs one REPL statement in the interpreter's lasting globals. */
    String runInteractive(String statement) throws Exception {
        return status(Reflect.call(interpreter, "runInteractive", new Class<?>[] {String.class}, statement));
    }

    String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private static String status(Object runResult) throws Exception {
        return Reflect.call(runResult, "status", new Class<?>[0]).toString();
    }

    @Override
    public void close() throws Exception {
        Reflect.call(interpreter, "close", new Class<?>[0]);
    }
}
