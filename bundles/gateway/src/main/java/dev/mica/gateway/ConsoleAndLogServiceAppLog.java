package dev.mica.gateway;

import java.io.PrintStream;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

/**
 * An app's log for an operator: every line goes to the console, prefixed by the app's name,
 * and to the OSGi log (logger {@code dev.mica.app.<name>}) when a log service is bound, where
 * Gogo's {@code log} command and log readers see it.
 */
final class ConsoleAndLogServiceAppLog implements AppLog {
    private final String appName;
    private final PrintStream console;
    private final Supplier<Logger> logger;

    /** @param logger supplies the app's logger, or null while no log service is bound */
    ConsoleAndLogServiceAppLog(String appName, PrintStream console, Supplier<Logger> logger) {
        this.appName = appName;
        this.console = console;
        this.logger = logger;
    }

    static String loggerName(String appName) {
        return "dev.mica.app." + appName;
    }

    @Override
    public void output(String line) {
        console.println("[" + appName + "] " + line);
        Logger log = logger.get();
        if (log != null) {
            // "{}" keeps braces in the program's text from being read as placeholders
            log.info("{}", line);
        }
    }

    @Override
    public void errorOutput(String line) {
        console.println("[" + appName + ":err] " + line);
        Logger log = logger.get();
        if (log != null) {
            log.warn("{}", line);
        }
    }

    @Override
    public void info(String message) {
        console.println("[gateway] " + message);
        Logger log = logger.get();
        if (log != null) {
            log.info("{}", message);
        }
    }

    @Override
    public void warning(String message) {
        console.println("[gateway] WARNING " + message);
        Logger log = logger.get();
        if (log != null) {
            log.warn("{}", message);
        }
    }

    @Override
    public void error(String message, Throwable cause) {
        // the console gets the message only; the stack trace is for the log
        console.println("[gateway] " + message + ": " + cause);
        Logger log = logger.get();
        if (log != null) {
            log.error("{}", message, cause);
        }
    }
}
