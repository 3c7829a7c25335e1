package dev.mica.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.mica.gateway.api.AppControl;
import dev.mica.gateway.api.AppInfo;
import dev.mica.gateway.api.LogLines;

/** The {@link AppControl} service over the running gateway's {@link AppManager}. */
@Component(service = AppControl.class)
public class AppControlService implements AppControl {
    private final AppManager manager;

    @Activate
    public AppControlService(@Reference AppManager manager) {
        this.manager = manager;
    }

    @Override
    public Path storage() {
        return manager.layout().storage();
    }

    @Override
    public Path appsFolder() {
        return manager.layout().apps();
    }

    @Override
    public boolean isValidAppName(String name) {
        return AppConfigurationParser.isValidAppName(name);
    }

    @Override
    public List<AppInfo> apps() {
        List<AppStatus> statuses = manager.statuses();
        return statuses.stream().map(status -> info(status, heapUsed(status.name()))).toList();
    }

    @Override
    public Optional<AppInfo> app(String name) {
        checkName(name);
        return manager.app(name).map(app -> info(app.status(), app.heapUsed()));
    }

    @Override
    public String start(String name) {
        return find(name).start() ? "started " + name : name + " is running already";
    }

    @Override
    public String stop(String name) {
        return switch (find(name).stop()) {
            case WAS_NOT_RUNNING -> name + " is not running";
            case STOPPED -> "stopped " + name;
            case STOPPED_FORCIBLY -> "stopped " + name + ": it ignored KeyboardInterrupt, so its interpreter was closed";
        };
    }

    @Override
    public String restart(String name) {
        return (find(name).restart() == App.StopOutcome.WAS_NOT_RUNNING ? "started " : "restarted ") + name;
    }

    @Override
    public LogLines log(String name, long after, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one line must be asked for: " + max);
        }
        OutputRing.Slice slice = find(name).output().ring().since(Math.max(0, after), max);
        return new LogLines(slice.lines(), slice.last(), slice.skipped());
    }

    @Override
    public List<String> checkConfiguration(Map<String, ?> properties) {
        try {
            AppConfigurationParser.parse(properties);
            return List.of();
        } catch (InvalidAppConfigurationException e) {
            return e.reasons();
        }
    }

    private long heapUsed(String name) {
        return manager.app(name).map(App::heapUsed).orElse(-1L);
    }

    private App find(String name) {
        checkName(name);
        return manager.app(name).orElseThrow(() -> new NoSuchElementException("no app " + name));
    }

    private static void checkName(String name) {
        if (!AppConfigurationParser.isValidAppName(name)) {
            throw new IllegalArgumentException("not an app name: '" + name + "' (letters, digits, '_' and '-')");
        }
    }

    private AppInfo info(AppStatus status, long heapUsed) {
        Path storage = manager.layout().storage();
        AppSettings settings = status.settings();
        return new AppInfo(status.name(), status.state().name(), status.source().describe(storage),
                storage.relativize(status.source().main()).toString().replace('\\', '/'), settings.autostart(),
                settings.restart().configName(), settings.heapSize(), heapUsed, settings.optimizationLevel(),
                settings.emit().name().toLowerCase(java.util.Locale.ROOT), settings.recursionLimit(),
                settings.allowedModules() == null ? null : List.copyOf(new java.util.TreeSet<>(settings.allowedModules())),
                status.uptime() == null ? null : status.uptime().toMillis(), status.exitStatus(), status.lastEnd(),
                status.lastTraceback(), status.nextStart(), status.restartsInARow());
    }
}
