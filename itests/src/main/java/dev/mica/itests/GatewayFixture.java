package dev.mica.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogReaderService;

/**
 * The gateway's apps for a swap test: a storage folder of the test's own, apps written into it,
 * their output from the OSGi log, and the {@code mica} commands. {@link #close()} stops the
 * gateway (and with it the apps) and brings it back with its defaults.
 */
final class GatewayFixture implements AutoCloseable {
    static final String GATEWAY_PID = "dev.mica.gateway";
    static final String APP_FACTORY_PID = "dev.mica.app";

    private final Path storage;
    final LogRecorder log;
    /** The {@code dev.mica.app} configurations made through {@link #configureApp}, deleted by {@link #close()}. */
    private final java.util.List<String> appConfigurationPids = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Held for the fixture's life: the log forgets the listeners of a bundle that ungets it. */
    private final ServiceReference<LogReaderService> logReader;

    GatewayFixture(Path storage) throws Exception {
        this.storage = storage;
        Reflect.awaitService(LogReaderService.class.getName());
        logReader = Bundles.context().getServiceReference(LogReaderService.class);
        this.log = new LogRecorder(Bundles.context().getService(logReader));
    }

    Path storage() {
        return storage;
    }

    Path appFolder(String name) {
        return storage.resolve("apps").resolve(name);
    }

    Path writeApp(String name, String mainProgram) throws IOException {
        Path folder = Files.createDirectories(appFolder(name));
        return Files.writeString(folder.resolve("main.py"), mainProgram);
    }

    /** Points the gateway at the storage folder: it (re)starts with the apps found there. */
    void useStorage() throws Exception {
        Reflect.withService(ConfigurationAdmin.class.getName(), null, admin -> {
            ((ConfigurationAdmin) admin).getConfiguration(GATEWAY_PID, "?")
                    .update(new Hashtable<>(Map.of("storage", storage.toString())));
            return null;
        });
    }

    /**
     * Makes or replaces a {@code dev.mica.app} configuration (property {@code name} names the
     * app); returns its PID, to change it with {@link #updateAppConfiguration}.
     */
    String configureApp(Map<String, Object> properties) throws Exception {
        String pid = Reflect.withService(ConfigurationAdmin.class.getName(), null, admin -> {
            org.osgi.service.cm.Configuration configuration =
                    ((ConfigurationAdmin) admin).createFactoryConfiguration(APP_FACTORY_PID, "?");
            configuration.update(new Hashtable<>(properties));
            return configuration.getPid();
        });
        appConfigurationPids.add(pid);
        return pid;
    }

    /** Gives a configuration made by {@link #configureApp} new properties. */
    void updateAppConfiguration(String pid, Map<String, Object> properties) throws Exception {
        Reflect.withService(ConfigurationAdmin.class.getName(), null, admin -> {
            ((ConfigurationAdmin) admin).getConfiguration(pid, "?").update(new Hashtable<>(properties));
            return null;
        });
    }

    /** Calls a {@code mica:} command as the Gogo shell would: on the service, by name, with strings. */
    String command(String function, String... arguments) throws Exception {
        Class<?>[] types = new Class<?>[arguments.length];
        Arrays.fill(types, String.class);
        return Reflect.withService(null, "(osgi.command.scope=mica)",
                commands -> (String) commands.getClass().getMethod(function, types).invoke(commands,
                        (Object[]) arguments));
    }

    /** How many times the app's main program started. */
    long starts(String app) {
        return log.countOfApp(app, "app " + app + ": running ");
    }

    @Override
    public void close() throws Exception {
        Bundle gateway = Bundles.bundle(Bundles.GATEWAY);
        if (gateway.getState() == Bundle.ACTIVE) {
            // stopping the gateway stops its apps before it returns: nothing writes into the storage afterwards
            gateway.stop();
        }
        Reflect.withService(ConfigurationAdmin.class.getName(), null, admin -> {
            for (String pid : appConfigurationPids) {
                ((ConfigurationAdmin) admin).getConfiguration(pid, "?").delete();
            }
            ((ConfigurationAdmin) admin).getConfiguration(GATEWAY_PID, "?").delete();
            return null;
        });
        gateway.start();
        log.close();
        Bundles.context().ungetService(logReader);
    }
}
