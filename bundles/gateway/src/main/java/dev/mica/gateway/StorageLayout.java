package dev.mica.gateway;

import java.nio.file.Path;

/** The gateway's folders inside its storage folder. */
final class StorageLayout {
    static final String BOOT_SCRIPT = "boot.py";

    private final Path storage;

    StorageLayout(Path storage) {
        this.storage = storage.toAbsolutePath().normalize();
    }

    Path storage() {
        return storage;
    }

    /** Apps, one folder or file each. */
    Path apps() {
        return storage.resolve(AppDiscovery.APPS_FOLDER);
    }

    /** Each app's output, {@code <app>.log} and its rotated predecessors. */
    Path logs() {
        return storage.resolve("logs");
    }

    Path logFile(String appName) {
        return logs().resolve(appName + ".log");
    }

    /** What the gateway remembers about its apps across restarts. */
    Path stateFile() {
        return storage.resolve("state").resolve("apps.properties");
    }
}
