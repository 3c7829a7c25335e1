package dev.mica.gateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds the apps in a storage folder: each folder, {@code .py} and {@code .mpy} file under
 * {@code apps/}, and {@code main.py} in the storage folder itself as the app {@code main}.
 * When one name has several candidates the folder wins over the {@code .py} file, which wins
 * over the {@code .mpy} file, and anything under {@code apps/} wins over the storage root.
 */
final class AppDiscovery {
    static final String APPS_FOLDER = "apps";
    static final String ROOT_APP_NAME = "main";

    /** The apps found, by name, and notes for the operator about what was passed over. */
    record Result(SortedMap<String, AppSource> apps, List<String> notes) {
    }

    private AppDiscovery() {
    }

    static Result scan(Path storage) throws IOException {
        SortedMap<String, AppSource> apps = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Path appsFolder = storage.resolve(APPS_FOLDER);
        if (Files.isDirectory(appsFolder)) {
            Map<String, List<Path>> candidates = new TreeMap<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(appsFolder)) {
                for (Path entry : entries) {
                    String fileName = entry.getFileName().toString();
                    if (fileName.startsWith(".")) {
                        continue;
                    }
                    String name = candidateName(entry, fileName);
                    if (name == null) {
                        continue;
                    }
                    if (!AppConfigurationParser.isValidAppName(name)) {
                        notes.add(APPS_FOLDER + "/" + fileName + " is not an app: its name must be letters, digits, '_' or '-'");
                        continue;
                    }
                    candidates.computeIfAbsent(name, n -> new ArrayList<>()).add(entry);
                }
            }
            for (Map.Entry<String, List<Path>> candidate : candidates.entrySet()) {
                AppSource chosen = choose(candidate.getKey(), candidate.getValue(), notes);
                if (chosen != null) {
                    apps.put(chosen.name(), chosen);
                }
            }
        }
        Path rootMain = storage.resolve("main.py");
        if (Files.isRegularFile(rootMain)) {
            if (apps.containsKey(ROOT_APP_NAME)) {
                notes.add("main.py in the storage folder is not run: " + apps.get(ROOT_APP_NAME).describe(storage)
                        + " is the app main");
            } else {
                apps.put(ROOT_APP_NAME, new AppSource(ROOT_APP_NAME, AppSource.Kind.STORAGE_ROOT, storage,
                        storage.resolve(StorageLayout.BOOT_SCRIPT), rootMain));
            }
        }
        return new Result(apps, notes);
    }

    private static String candidateName(Path entry, String fileName) {
        if (Files.isDirectory(entry)) {
            return fileName;
        }
        if (Files.isRegularFile(entry)) {
            if (fileName.endsWith(".py")) {
                return fileName.substring(0, fileName.length() - 3);
            }
            if (fileName.endsWith(".mpy")) {
                return fileName.substring(0, fileName.length() - 4);
            }
        }
        return null;
    }

    private static AppSource choose(String name, List<Path> entries, List<String> notes) {
        Path folder = null;
        Path script = null;
        Path compiled = null;
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                folder = entry;
            } else if (entry.getFileName().toString().endsWith(".py")) {
                script = entry;
            } else {
                compiled = entry;
            }
        }
        AppSource chosen = null;
        if (folder != null) {
            Path mainPy = folder.resolve("main.py");
            Path mainMpy = folder.resolve("main.mpy");
            Path main = Files.isRegularFile(mainPy) ? mainPy : Files.isRegularFile(mainMpy) ? mainMpy : null;
            if (main == null) {
                notes.add(APPS_FOLDER + "/" + name + "/ has no main.py or main.mpy");
            } else {
                chosen = new AppSource(name, AppSource.Kind.FOLDER, folder, folder.resolve(StorageLayout.BOOT_SCRIPT), main);
            }
        }
        Path single = script != null ? script : compiled;
        if (chosen == null && single != null) {
            chosen = new AppSource(name, AppSource.Kind.SINGLE_FILE, single.getParent(), null, single);
        }
        if (chosen != null) {
            for (Path entry : entries) {
                boolean used = entry.equals(chosen.kind() == AppSource.Kind.FOLDER ? chosen.root() : chosen.main());
                if (!used) {
                    String winner = chosen.kind() == AppSource.Kind.FOLDER ? name + "/" : chosen.main().getFileName().toString();
                    notes.add(APPS_FOLDER + "/" + entry.getFileName() + " is not run: the app " + name + " is "
                            + APPS_FOLDER + "/" + winner);
                }
            }
        }
        return chosen;
    }
}
