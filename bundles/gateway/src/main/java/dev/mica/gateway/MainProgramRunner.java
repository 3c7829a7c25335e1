package dev.mica.gateway;

import java.nio.file.Path;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.interp.InterpreterFactory;

/**
 * Runs the gateway's app: {@code boot.py} and the main script of the configured storage folder.
 * A new configuration or a new interpreter factory restarts the app (the component is activated
 * anew); deactivation interrupts the program and closes its interpreter.
 */
@Component(configurationPid = MainProgramRunner.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GatewayConfiguration.class)
public class MainProgramRunner {
    static final String PID = "dev.mica.gateway";
    /** How long a stopping program may take to end before its interpreter is closed under it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    @Reference
    private InterpreterFactory interpreterFactory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LoggerFactory loggerFactory;

    private StorageApp app;
    private volatile BoundLogger boundLogger;

    /** The app's logger, made once per bound log service. */
    private record BoundLogger(LoggerFactory factory, Logger logger) {
    }

    @Activate
    void activate(GatewayConfiguration config) {
        String appName = appName(config.main());
        AppLog log = new ConsoleAndLogServiceAppLog(appName, System.out, () -> logger(appName));
        app = new StorageApp(appName, Path.of(config.storage()), config.main(), interpreterFactory, log);
        app.start();
    }

    @Deactivate
    void deactivate() {
        app.stop(STOP_GRACE);
    }

    /** The app's name: its main script's name without the {@code .py}. */
    static String appName(String mainScript) {
        String fileName = Path.of(mainScript).getFileName().toString();
        return fileName.endsWith(".py") ? fileName.substring(0, fileName.length() - 3) : fileName;
    }

    private Logger logger(String appName) {
        LoggerFactory factory = loggerFactory;
        if (factory == null) {
            return null;
        }
        BoundLogger bound = boundLogger;
        if (bound == null || bound.factory() != factory) {
            bound = new BoundLogger(factory, factory.getLogger(ConsoleAndLogServiceAppLog.loggerName(appName)));
            boundLogger = bound;
        }
        return bound.logger();
    }
}
