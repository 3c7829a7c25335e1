package dev.mica.gateway;

import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.cm.ManagedServiceFactory;

/** Receives the {@code dev.mica.app} factory configurations from Config Admin. */
final class AppFactoryConfigurations implements ManagedServiceFactory {
    static final String FACTORY_PID = "dev.mica.app";

    private final AppManager manager;

    AppFactoryConfigurations(AppManager manager) {
        this.manager = manager;
    }

    @Override
    public String getName() {
        return "Mica app";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        // refused configurations are reported by the manager; Config Admin has nothing to add
        manager.configure(pid, toMap(properties));
    }

    @Override
    public void deleted(String pid) {
        manager.unconfigure(pid);
    }

    static Map<String, Object> toMap(Dictionary<String, ?> properties) {
        Map<String, Object> map = new HashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                map.put(key, properties.get(key));
            }
        }
        return map;
    }
}
