package dev.mica.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo shell commands of scope {@code mica}. Each returns the text the shell prints; a
 * mistake in the input is answered with a message saying what is wrong, never a stack trace.
 */
@Component(service = AppCommands.class, property = {
        "osgi.command.scope=mica",
        "osgi.command.function=apps",
        "osgi.command.function=start",
        "osgi.command.function=stop",
        "osgi.command.function=restart",
        "osgi.command.function=log",
        "osgi.command.function=exec"})
public class AppCommands {
    static final int DEFAULT_LOG_LINES = 20;

    private final AppManager manager;

    @Activate
    public AppCommands(@Reference AppManager manager) {
        this.manager = manager;
    }

    /** {@code mica:apps}: every app with its state. */
    public String apps() {
        List<AppStatus> apps = manager.statuses();
        if (apps.isEmpty()) {
            return "no apps in " + manager.layout().storage()
                    + " (add apps/NAME/main.py, apps/NAME.py, apps/NAME.mpy or main.py)";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "UPTIME", "EXIT", "RESTART", "AUTOSTART", "HEAP", "USED", "SOURCE", "NOTE"});
        Instant now = manager.clock().instant();
        for (AppStatus app : apps) {
            rows.add(new String[] {
                app.name(),
                app.state().name(),
                app.uptime() == null ? "-" : duration(app.uptime()),
                app.exitStatus() == null ? "-" : app.exitStatus().toString(),
                app.settings().restart().configName(),
                app.settings().autostart() ? "yes" : "no",
                size(app.settings().heapSize()),
                app.heapUsed() == null ? "-" : usage(app.heapUsed()),
                app.source().describe(manager.layout().storage()),
                note(app, now)});
        }
        return table(rows) + "HEAP is each app's heap limit, USED what its running program holds of it"
                + " ('-' when it is not running or its interpreter keeps no account).\n";
    }

    /** {@code mica:start NAME} */
    public String start(String name) {
        return withApp(name, app -> app.start() ? "started " + name : name + " is running already");
    }

    /** {@code mica:stop NAME} */
    public String stop(String name) {
        return withApp(name, app -> switch (app.stop()) {
            case WAS_NOT_RUNNING -> name + " is not running";
            case STOPPED -> "stopped " + name;
            case STOPPED_FORCIBLY -> "stopped " + name + ": it ignored KeyboardInterrupt for "
                    + GatewayApps.STOP_GRACE.toSeconds() + " s, so its interpreter was closed under it";
        });
    }

    /** {@code mica:restart NAME} */
    public String restart(String name) {
        return withApp(name, app -> {
            App.StopOutcome stopped = app.restart();
            return (stopped == App.StopOutcome.WAS_NOT_RUNNING ? "started " : "restarted ") + name;
        });
    }

    /** {@code mica:log NAME}: the last {@value #DEFAULT_LOG_LINES} lines. */
    public String log(String name) {
        return log(name, Integer.toString(DEFAULT_LOG_LINES));
    }

    /** {@code mica:log NAME N}: the last N lines. */
    public String log(String name, String count) {
        int lines;
        try {
            lines = Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            return "the number of lines must be a whole number: '" + count + "'";
        }
        if (lines < 1) {
            return "the number of lines must be at least 1: " + lines;
        }
        return withApp(name, app -> {
            List<String> tail = app.output().ring().tail(lines);
            if (tail.isEmpty()) {
                return "no output from " + name + " yet";
            }
            return String.join("\n", tail) + "\n";
        });
    }

    /**
     * {@code mica:exec NAME "statement"}: runs one statement, as typed at the REPL, in a new
     * interpreter made like the app's. A running app refuses: its interpreter runs one program
     * at a time.
     */
    public String exec(String name, String statement) {
        if (statement.isBlank()) {
            return "nothing to run: give a statement, e.g. mica:exec " + name + " \"print(1 + 1)\"";
        }
        return withApp(name, app -> {
            ExecResult result = app.exec(statement);
            if (!result.ran()) {
                return result.text();
            }
            String text = result.text();
            boolean failed = result.outcome().failed();
            if (!failed) {
                return text;
            }
            return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "(" + result.outcome().description() + ")\n";
        });
    }

    // without arguments, Gogo would answer with its own coercion error; say how to call instead

    public String start() {
        return "usage: mica:start NAME";
    }

    public String stop() {
        return "usage: mica:stop NAME";
    }

    public String restart() {
        return "usage: mica:restart NAME";
    }

    public String log() {
        return "usage: mica:log NAME [LINES]";
    }

    public String exec() {
        return "usage: mica:exec NAME \"python statement\"";
    }

    public String exec(String name) {
        return exec();
    }

    private String withApp(String name, Function<App, String> action) {
        if (!AppConfigurationParser.isValidAppName(name)) {
            return "not an app name: '" + name + "' (letters, digits, '_' and '-')";
        }
        Optional<App> app = manager.app(name);
        if (app.isEmpty()) {
            return "no app " + name + " in " + manager.layout().storage() + "; mica:apps lists them";
        }
        try {
            return action.apply(app.get());
        } catch (RuntimeException e) {
            // the shell user gets a sentence; the details go to the app's log
            app.get().output().error("mica command on app " + name + " failed", e);
            return "the command failed: " + e + " (details in the log of " + name + ")";
        }
    }

    private static String note(AppStatus app, Instant now) {
        if (app.state() == AppState.BACKING_OFF && app.nextStart() != null) {
            Duration left = Duration.between(now, app.nextStart());
            return "restart " + app.restartsInARow() + " in " + duration(left.isNegative() ? Duration.ZERO : left);
        }
        if (app.lastEnd() != null && !app.state().isActive()) {
            return "last run: " + app.lastEnd();
        }
        return "";
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86400, seconds % 86400 / 3600);
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "m";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + "k";
        }
        return Long.toString(bytes);
    }

    /** Bytes in use, rounded up to whole kilobytes above 1k (the heap is counted in 32-byte blocks). */
    static String usage(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        return (bytes + 1023) / 1024 + "k";
    }

    private static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
