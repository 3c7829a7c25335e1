package dev.mica.gateway;

import dev.mica.gateway.api.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the gateway remembers of each app's last run across its own restarts: exit status, how
 * the run ended, the last traceback. Kept as a properties file written with {@link AtomicFiles}.
 */
final class AppStateStore {
    /** One app's last run. */
    record LastRun(Integer exitStatus, String end, String traceback) {
    }

    private final Path file;

    AppStateStore(Path file) {
        this.file = file;
    }

    Map<String, LastRun> load() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, LastRun> runs = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.endsWith(".end")) {
                continue;
            }
            String name = key.substring(0, key.length() - ".end".length());
            String exit = properties.getProperty(name + ".exit");
            Integer exitStatus = null;
            try {
                exitStatus = exit == null ? null : Integer.valueOf(exit);
            } catch (NumberFormatException e) {
                // a hand-edited file: the status is unknown, the rest still counts
            }
            runs.put(name, new LastRun(exitStatus, properties.getProperty(key), properties.getProperty(name + ".traceback")));
        }
        return runs;
    }

    void save(Collection<AppStatus> apps) throws IOException {
        Properties properties = new Properties();
        for (AppStatus app : apps) {
            if (app.lastEnd() == null) {
                continue;
            }
            properties.setProperty(app.name() + ".end", app.lastEnd());
            if (app.exitStatus() != null) {
                properties.setProperty(app.name() + ".exit", app.exitStatus().toString());
            }
            if (app.lastTraceback() != null) {
                properties.setProperty(app.name() + ".traceback", app.lastTraceback());
            }
        }
        StringWriter text = new StringWriter();
        properties.store(text, "Mica gateway: the last run of each app");
        AtomicFiles.writeString(file, text.toString());
    }
}
