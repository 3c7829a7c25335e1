package dev.mica.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/** Loggers by name from the currently bound log service, made once per service. */
final class OsgiLoggers {
    private volatile LoggerFactory factory;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    void bind(LoggerFactory newFactory) {
        factory = newFactory;
        loggers.clear();
    }

    void unbind(LoggerFactory oldFactory) {
        if (factory == oldFactory) {
            factory = null;
            loggers.clear();
        }
    }

    /** The logger of that name, or null while no log service is bound. */
    Logger get(String name) {
        LoggerFactory current = factory;
        if (current == null) {
            return null;
        }
        return loggers.computeIfAbsent(name, current::getLogger);
    }
}
