package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The simple case of the gateway: {@code boot.py} and {@code main.py} directly in the storage
 * folder configured through Config Admin run as the app {@code main}, and its output reaches
 * the OSGi log line by line (logger {@code dev.mica.app.main}).
 */
@ExtendWith(ServiceExtension.class)
class GatewayAppTest {
    private static final String PID = "dev.mica.gateway";
    private static final String APP_LOGGER = "dev.mica.app.main";
    private static final String GATEWAY_LOGGER = "dev.mica.gateway";

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configurationAdmin;

    @InjectService(timeout = 10_000)
    LogReaderService logReader;

    @TempDir
    Path storage;

    private final List<String> appLog = new CopyOnWriteArrayList<>();
    private final LogListener listener = entry -> {
        if (APP_LOGGER.equals(entry.getLoggerName()) || GATEWAY_LOGGER.equals(entry.getLoggerName())) {
            appLog.add(entry.getMessage());
        }
    };

    @BeforeEach
    void listen() {
        logReader.addLogListener(listener);
    }

    /** Stops the apps before JUnit deletes their storage folder, then restores the defaults. */
    @AfterEach
    void restoreTheDefaults() throws Exception {
        logReader.removeLogListener(listener);
        Bundle gateway = null;
        for (Bundle bundle : FrameworkUtil.getBundle(GatewayAppTest.class).getBundleContext().getBundles()) {
            if ("dev.mica.gateway".equals(bundle.getSymbolicName())) {
                gateway = bundle;
            }
        }
        gateway.stop();
        configuration().delete();
        gateway.start();
    }

    @Test
    void bootThenMainOfTheConfiguredStorageRunAndTheirOutputIsLogged() throws Exception {
        Files.writeString(storage.resolve("boot.py"), "print('booting')\n");
        Files.writeString(storage.resolve("main.py"), "for word in ('hello', 'from', 'main'):\n    print(word)\n");
        configure(storage);
        awaitLine("main");
        assertTrue(appLog.indexOf("booting") < appLog.indexOf("hello"), appLog.toString());
        assertTrue(appLog.indexOf("hello") < appLog.indexOf("from"), appLog.toString());
    }

    @Test
    void aTracebackGoesToTheLogToo() throws Exception {
        Files.writeString(storage.resolve("main.py"), "print('before')\nraise ValueError('bad value')\n");
        configure(storage);
        awaitLine("ValueError: bad value");
        assertTrue(appLog.contains("Traceback (most recent call last):"), appLog.toString());
    }

    @Test
    void aNewConfigurationStopsTheRunningProgramAndStartsTheNewOne() throws Exception {
        Path first = Files.createDirectory(storage.resolve("first"));
        Files.writeString(first.resolve("main.py"), "print('looping')\nwhile True:\n    pass\n");
        configure(first);
        awaitLine("looping");

        Path second = Files.createDirectory(storage.resolve("second"));
        Files.writeString(second.resolve("main.py"), "print('second app')\n");
        configure(second);
        awaitLine("second app");
        int stopped = indexOfLineContaining("main.py ended (stopped)");
        assertTrue(stopped >= 0 && stopped < appLog.indexOf("second app"), appLog.toString());
    }

    @Test
    void aMissingStorageFolderIsMadeAndAnEmptyOneReported() throws Exception {
        Path fresh = storage.resolve("fresh");
        configure(fresh);
        Await.until(() -> indexOfLineContaining("no apps in " + fresh) >= 0, appLog::toString);
        assertTrue(Files.isDirectory(fresh.resolve("apps")));
    }

    private Configuration configuration() throws IOException {
        return configurationAdmin.getConfiguration(PID, "?");
    }

    private void configure(Path storageFolder) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("storage", storageFolder.toString());
        configuration().update(properties);
    }

    private void awaitLine(String line) throws InterruptedException {
        Await.until(() -> appLog.contains(line), appLog::toString);
    }

    private int indexOfLineContaining(String text) {
        for (int i = 0; i < appLog.size(); i++) {
            if (appLog.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
