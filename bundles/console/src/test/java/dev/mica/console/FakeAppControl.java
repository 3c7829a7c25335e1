package dev.mica.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.mica.gateway.api.AppControl;
import dev.mica.gateway.api.AppInfo;
import dev.mica.gateway.api.LogLines;

/** Apps as folders under a temporary storage folder; start/stop only change a state and log a line. */
final class FakeAppControl implements AppControl {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private final Path storage;
    private final Map<String, String> states = new java.util.HashMap<>();
    final List<String> log = new ArrayList<>();

    FakeAppControl(Path storage) {
        this.storage = storage;
    }

    @Override
    public Path storage() {
        return storage;
    }

    @Override
    public Path appsFolder() {
        return storage.resolve("apps");
    }

    @Override
    public boolean isValidAppName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    @Override
    public List<AppInfo> apps() {
        List<AppInfo> out = new ArrayList<>();
        try (var entries = Files.list(appsFolder())) {
            entries.filter(p -> Files.isRegularFile(p.resolve("main.py")) || Files.isRegularFile(p.resolve("main.mpy")))
                    .sorted().forEach(p -> out.add(info(p.getFileName().toString())));
        } catch (java.io.IOException e) {
            // no apps folder yet
        }
        return out;
    }

    @Override
    public Optional<AppInfo> app(String name) {
        if (!isValidAppName(name)) {
            throw new IllegalArgumentException("not an app name: '" + name + "'");
        }
        return apps().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private AppInfo info(String name) {
        String state = states.getOrDefault(name, "STOPPED");
        String main = Files.isRegularFile(appsFolder().resolve(name).resolve("main.py")) ? "main.py" : "main.mpy";
        return new AppInfo(name, state, "apps/" + name + "/", "apps/" + name + "/" + main, true, "never", 2 << 20,
                state.equals("RUNNING") ? 1234 : -1, 0, "bytecode", 1000, null, null, null, null, null, null, 0);
    }

    private void find(String name) {
        app(name).orElseThrow(() -> new NoSuchElementException("no app " + name));
    }

    @Override
    public String start(String name) {
        find(name);
        states.put(name, "RUNNING");
        log.add("started " + name);
        return "started " + name;
    }

    @Override
    public String stop(String name) {
        find(name);
        states.put(name, "STOPPED");
        return "stopped " + name;
    }

    @Override
    public String restart(String name) {
        return start(name);
    }

    @Override
    public LogLines log(String name, long after, int max) {
        find(name);
        List<String> lines = log.subList((int) Math.min(after, log.size()), Math.min(log.size(), (int) after + max));
        return new LogLines(lines, after + lines.size(), 0);
    }

    @Override
    public List<String> checkConfiguration(Map<String, ?> properties) {
        return properties.containsKey("bogus") ? List.of("unknown property 'bogus'") : List.of();
    }
}
