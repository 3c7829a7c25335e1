package dev.mica.vm;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The first implementation of a service type found with ServiceLoader, looked up once: how the
 * factory finds the compiler, emitter and collector on a plain class path (bin/mica), where no
 * Declarative Services binds them.
 */
final class ClassPathService<T> {
    private final Class<T> type;
    private volatile boolean tried;
    private volatile T found;

    ClassPathService(Class<T> type) {
        this.type = type;
    }

    /** The implementation, or null when the class path has none (or a broken one). */
    T get() {
        if (!tried) {
            T first = null;
            try {
                Iterator<T> it = ServiceLoader.load(type, ClassPathService.class.getClassLoader()).iterator();
                first = it.hasNext() ? it.next() : null;
            } catch (ServiceConfigurationError e) {
                first = null;
            }
            found = first;
            tried = true;
        }
        return found;
    }
}
