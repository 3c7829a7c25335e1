package dev.mica.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The gateway's apps: found in the storage folder, configured through {@code dev.mica.app}
 * configurations, started at boot when their settings say so, stopped with the gateway.
 *
 * <p>Apps are found when the gateway starts and looked for again whenever an operator asks
 * about them ({@code mica:apps}, {@code mica:start} ...), so a new app folder needs no restart
 * of the gateway to be started by hand.
 */
final class AppManager {
    private final StorageLayout layout;
    private final AppContext context;
    private final LogLimits logLimits;
    private final Function<String, AppLog> operatorLogs;
    private final AppLog gatewayLog;
    private final AppStateStore stateStore;

    // guarded by this
    private final SortedMap<String, App> apps = new TreeMap<>();
    private final Map<String, AppSettings> configurationsByPid = new HashMap<>();
    private final Set<String> reportedNotes = new HashSet<>();
    private Map<String, AppStateStore.LastRun> rememberedRuns = Map.of();
    private boolean shutDown;

    /**
     * @param operatorLogs each app's log for the operator (console, OSGi log), by app name
     * @param gatewayLog where notes that concern no single app go
     */
    AppManager(StorageLayout layout, AppContext context, LogLimits logLimits, Function<String, AppLog> operatorLogs,
            AppLog gatewayLog) {
        this.layout = layout;
        this.context = context;
        this.logLimits = logLimits;
        this.operatorLogs = operatorLogs;
        this.gatewayLog = gatewayLog;
        this.stateStore = new AppStateStore(layout.stateFile());
    }

    StorageLayout layout() {
        return layout;
    }

    /** What uptimes and back-off times are measured with. */
    java.time.Clock clock() {
        return context.clock();
    }

    /**
     * Takes the configurations that exist already, finds the apps and starts those with
     * autostart, so that no app starts with defaults its configuration would have changed.
     */
    void start(Map<String, Map<String, ?>> configurationsByPid) {
        try {
            Files.createDirectories(layout.apps());
        } catch (IOException e) {
            gatewayLog.error("cannot create the apps folder " + layout.apps(), e);
        }
        try {
            Map<String, AppStateStore.LastRun> remembered = stateStore.load();
            synchronized (this) {
                rememberedRuns = remembered;
            }
        } catch (IOException | IllegalArgumentException e) {
            gatewayLog.error("cannot read " + layout.stateFile() + "; the apps' last runs are forgotten", e);
        }
        configurationsByPid.forEach(this::configure);
        List<App> autostart = new ArrayList<>();
        synchronized (this) {
            rescan();
            if (apps.isEmpty()) {
                gatewayLog.info("no apps in " + layout.storage() + " (add apps/NAME/main.py, apps/NAME.py or main.py)");
            }
            for (App app : apps.values()) {
                if (app.status().settings().autostart()) {
                    autostart.add(app);
                }
            }
        }
        autostart.forEach(App::start);
    }

    /** All apps, after looking for new ones. */
    synchronized List<AppStatus> statuses() {
        rescan();
        return apps.values().stream().map(App::status).toList();
    }

    /** An app by name, after looking for it in the storage folder if it is not known yet. */
    synchronized Optional<App> app(String name) {
        if (!apps.containsKey(name)) {
            rescan();
        }
        return Optional.ofNullable(apps.get(name));
    }

    /**
     * Takes a new or changed {@code dev.mica.app} configuration. A valid one applies at the
     * app's next start; an invalid one is refused with its reasons and the app keeps the
     * configuration it had.
     *
     * @return whether it was taken
     */
    boolean configure(String pid, Map<String, ?> properties) {
        AppSettings settings;
        try {
            settings = AppConfigurationParser.parse(properties);
        } catch (InvalidAppConfigurationException e) {
            refuse(pid, properties.get(AppConfigurationParser.NAME), e.reasons());
            return false;
        }
        App app;
        boolean changed;
        synchronized (this) {
            for (Map.Entry<String, AppSettings> other : configurationsByPid.entrySet()) {
                if (!other.getKey().equals(pid) && other.getValue().name().equals(settings.name())) {
                    refuse(pid, settings.name(), List.of("the app " + settings.name()
                            + " is configured already, by " + other.getKey()));
                    return false;
                }
            }
            AppSettings previous = configurationsByPid.put(pid, settings);
            if (previous != null && !previous.name().equals(settings.name())) {
                App renamed = apps.get(previous.name());
                if (renamed != null) {
                    renamed.configure(AppSettings.defaults(previous.name()));
                }
            }
            app = apps.get(settings.name());
            changed = app != null && app.configure(settings);
        }
        if (changed) {
            app.output().info("app " + settings.name() + ": new configuration " + pid + " (" + describe(settings)
                    + "); it applies at the next start");
        }
        return true;
    }

    /** A {@code dev.mica.app} configuration was deleted: its app gets the defaults at its next start. */
    void unconfigure(String pid) {
        App app;
        synchronized (this) {
            AppSettings previous = configurationsByPid.remove(pid);
            if (previous == null) {
                return;
            }
            app = apps.get(previous.name());
            if (app == null || !app.configure(AppSettings.defaults(previous.name()))) {
                return;
            }
        }
        app.output().info("app " + app.name() + ": configuration " + pid
                + " deleted; the defaults apply at the next start");
    }

    /** Stops every app, all asked at once, then each waited for, and closes their logs. */
    void shutdown() {
        List<App> stopping;
        synchronized (this) {
            shutDown = true;
            stopping = new ArrayList<>(apps.values());
        }
        stopping.forEach(App::requestStop);
        for (App app : stopping) {
            app.stop();
        }
        saveState();
        stopping.forEach(app -> app.output().close());
    }

    /** Reads the storage folder again: new apps are added, gone ones removed unless they run. */
    private void rescan() {
        AppDiscovery.Result found;
        try {
            found = AppDiscovery.scan(layout.storage());
        } catch (IOException e) {
            gatewayLog.error("cannot read the apps in " + layout.storage(), e);
            return;
        }
        for (String note : found.notes()) {
            if (reportedNotes.add(note)) {
                gatewayLog.warning(note);
            }
        }
        for (AppSource source : found.apps().values()) {
            App known = apps.get(source.name());
            if (known != null) {
                known.relocate(source);
            } else if (!shutDown) {
                apps.put(source.name(), newApp(source));
            }
        }
        apps.values().removeIf(app -> {
            if (found.apps().containsKey(app.name()) || app.status().state().isActive()) {
                return false;
            }
            app.requestStop(); // calls off a pending restart of files that are gone
            app.output().close();
            return true;
        });
    }

    private App newApp(AppSource source) {
        String name = source.name();
        AppOutput output = new AppOutput(new OutputRing(logLimits.ringLines()),
                new RotatingLogFile(layout.logFile(name), logLimits.fileBytes(), logLimits.fileCount()),
                operatorLogs.apply(name), context.clock());
        App app = new App(source, settingsFor(name), context, output, ended -> saveState());
        AppStateStore.LastRun last = rememberedRuns.get(name);
        if (last != null) {
            app.restoreLastRun(last.exitStatus(), last.end(), last.traceback());
        }
        return app;
    }

    private AppSettings settingsFor(String name) {
        return configurationsByPid.values().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(AppSettings.defaults(name));
    }

    private void saveState() {
        List<AppStatus> statuses;
        synchronized (this) {
            statuses = apps.values().stream().map(App::status).toList();
        }
        try {
            synchronized (stateStore) {
                stateStore.save(statuses);
            }
        } catch (IOException e) {
            gatewayLog.error("cannot write " + layout.stateFile(), e);
        }
    }

    private void refuse(String pid, Object name, List<String> reasons) {
        String message = "configuration " + pid + (name == null ? "" : " of app " + name) + " refused: "
                + String.join("; ", reasons) + ". The app keeps its previous configuration";
        gatewayLog.warning(message);
        App app;
        synchronized (this) {
            app = name == null ? null : apps.get(name.toString());
        }
        if (app != null) {
            app.output().warning(message);
        }
    }

    static String describe(AppSettings settings) {
        return "autostart " + settings.autostart() + ", restart " + settings.restart().configName()
                + ", heap " + settings.heapSize() + " bytes, optimization " + settings.optimizationLevel()
                + ", emit " + settings.emit().name().toLowerCase()
                + (settings.storage() == null ? "" : ", storage " + settings.storage());
    }
}
