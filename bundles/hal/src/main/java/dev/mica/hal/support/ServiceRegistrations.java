package dev.mica.hal.support;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The HAL services one board registers, taken down together when the board goes (on
 * deactivation, or before it is built anew after a configuration change).
 */
public final class ServiceRegistrations {
    private final BundleContext context;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    public ServiceRegistrations(BundleContext context) {
        this.context = context;
    }

    public <S> void register(Class<S> type, S service, Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        registrations.add(context.registerService(type, service, dictionary));
    }

    public void unregisterAll() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters everything itself when the bundle stops
            }
        }
        registrations.clear();
    }
}
