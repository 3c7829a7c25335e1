package dev.mica.repl.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.mica.gateway.api.AppInterpreters;
import dev.mica.interp.InterpreterConfig;
import dev.mica.interp.InterpreterFactory;
import dev.mica.repl.InterpreterSource;

/** The interpreters a transport's sessions run in: fresh ones over a storage folder, or ones made like an app's. */
final class SessionInterpreters {
    private SessionInterpreters() {}

    /**
     * @param app the app whose interpreter a session gets, or blank for a fresh interpreter
     * @param storage the file root of fresh interpreters (created if missing); unused for an app
     * @param apps the gateway's apps, or null when the gateway is not there
     */
    static InterpreterSource of(String app, String storage, InterpreterFactory factory, AppInterpreters apps) {
        if (app != null && !app.isBlank()) {
            String name = app.strip();
            return (stdin, stdout, stderr) -> {
                if (apps == null) {
                    throw new IllegalStateException("the gateway's apps are not available, so no REPL on app " + name);
                }
                return apps.create(name, stdin, stdout, stderr);
            };
        }
        Path root = Path.of(storage).toAbsolutePath().normalize();
        return (stdin, stdout, stderr) -> {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the REPL's storage folder " + root, e);
            }
            InterpreterConfig config = InterpreterConfig.standard()
                    .withStreams(stdin, stdout, stderr)
                    .withStorageRoot(root)
                    .withPath(List.of(root.toString(), ".frozen", root.resolve("lib").toString()));
            return factory.create(config);
        };
    }

    /** The first banner line, shaped like a board's ({@code MicroPython vX on ...; machine}). */
    static String banner(InterpreterFactory factory) {
        return "MicroPython v" + factory.version() + " (Mica); gateway with Java " + System.getProperty("java.version");
    }
}
