package dev.mica.gateway;

/** Where an app's output lines and the gateway's notes about the app go. */
interface AppLog {
    /** One line the program wrote to {@code sys.stdout}. */
    void output(String line);

    /** One line the program wrote to {@code sys.stderr} (tracebacks among them). */
    void errorOutput(String line);

    /** A note about the app's lifecycle: started, nothing to run, ended. */
    void info(String message);

    /** Something the operator should look at, such as a configuration that was refused. */
    void warning(String message);

    /** Something went wrong in the gateway while running the app, not in the program. */
    void error(String message, Throwable cause);
}
