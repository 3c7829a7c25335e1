package dev.mica.gateway;

import java.io.InputStream;
import java.io.OutputStream;

import dev.mica.gateway.api.AppInterpreters;
import dev.mica.interp.Interpreter;

/** {@link AppInterpreters} over the gateway's apps. */
final class ManagedAppInterpreters implements AppInterpreters {
    private final AppManager manager;

    ManagedAppInterpreters(AppManager manager) {
        this.manager = manager;
    }

    @Override
    public Interpreter create(String appName, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        if (!AppConfigurationParser.isValidAppName(appName)) {
            throw new IllegalArgumentException("not an app name: '" + appName + "' (letters, digits, '_' and '-')");
        }
        App app = manager.app(appName).orElseThrow(() -> new IllegalArgumentException(
                "no app " + appName + " in " + manager.layout().storage()));
        Interpreter interpreter = app.newInterpreter(stdin, stdout, stderr);
        app.output().info("app " + appName + ": a REPL interpreter was made for it");
        return interpreter;
    }
}
