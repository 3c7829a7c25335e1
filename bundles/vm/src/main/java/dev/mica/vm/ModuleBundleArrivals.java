package dev.mica.vm;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.mica.module.ModuleProvider;
import dev.mica.vm.frozen.FrozenModules;

/**
 * Bundles that offer modules (module-provider services or frozen modules) and are on their way
 * to being active: at boot, or when a refresh of this bundle restarts them after it. An import
 * that finds nothing waits for them for a while, so that an app started at once does not fail
 * for a module that arrives a moment later.
 *
 * <p>A bundle is on its way when it is meant to run (persistently started, within the
 * framework's start level) but is not active yet, or is active but has not yet registered all
 * the module providers it declares (as many as Service Component Runtime describes components
 * of it that offer one and can be satisfied); and while module providers were registered or unregistered
 * less than {@link #SETTLE_NANOS} ago, since a bundle registers its providers one after the
 * other and the factory binds each as it comes; and while the registry holds more module
 * providers than the factory has bound, since a registered provider reaches the factory
 * only once Declarative Services has bound it. Misses wait only within {@link #GRACE_NANOS}
 * of the factory's activation or of the last change of such a bundle, so a bundle that never
 * starts delays no import for long.
 */
final class ModuleBundleArrivals implements SynchronousBundleListener, ServiceListener, AutoCloseable {
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long POLL_MILLIS = 20;
    private static final String SERVICE_NAMESPACE = "osgi.service";

    private final BundleContext context;
    /** How many module providers the factory has bound. */
    private final java.util.function.IntSupplier boundProviders;
    private final Object changes = new Object();
    /** Until when (System.nanoTime) a miss waits for arriving bundles. */
    private volatile long deadline;
    /** When (System.nanoTime) a module provider was last registered or unregistered. */
    private volatile long lastProviderChange;

    private ModuleBundleArrivals(BundleContext context, java.util.function.IntSupplier boundProviders) {
        this.context = context;
        this.boundProviders = boundProviders;
    }

    static ModuleBundleArrivals start(BundleContext context, java.util.function.IntSupplier boundProviders) {
        ModuleBundleArrivals arrivals = new ModuleBundleArrivals(context, boundProviders);
        arrivals.deadline = System.nanoTime() + GRACE_NANOS;
        arrivals.lastProviderChange = System.nanoTime() - SETTLE_NANOS;
        context.addBundleListener(arrivals);
        try {
            context.addServiceListener(arrivals, "(objectClass=" + ModuleProvider.class.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return arrivals;
    }

    @Override
    public void close() {
        deadline = System.nanoTime();
        try {
            context.removeBundleListener(this);
            context.removeServiceListener(this);
        } catch (IllegalStateException e) {
            // this bundle is stopping: its listeners go with its context
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (offersModules(event.getBundle())) {
            synchronized (changes) {
                deadline = System.nanoTime() + GRACE_NANOS;
                changes.notifyAll();
            }
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        synchronized (changes) {
            lastProviderChange = System.nanoTime();
            changes.notifyAll();
        }
    }

    /**
     * Waits while a bundle that offers modules is on its way, at most until the deadline; true
     * if it waited (a lookup that failed may now succeed).
     */
    boolean awaitArrivals() {
        boolean waited = false;
        synchronized (changes) {
            while (System.nanoTime() - deadline < 0 && (anyArriving() || unsettled() || unbound())) {
                waited = true;
                try {
                    changes.wait(POLL_MILLIS);
                } catch (InterruptedException e) {
                    // the program is being stopped: the import fails, and the interrupt stays
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return waited;
    }

    /** Providers came or went a moment ago: more of the same bundle may follow. */
    private boolean unsettled() {
        return System.nanoTime() - lastProviderChange < SETTLE_NANOS;
    }

    /** The registry holds module providers the factory has not bound yet. */
    private boolean unbound() {
        try {
            return context.getServiceReferences(ModuleProvider.class, null).size() > boundProviders.getAsInt();
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return false; // no filter to get wrong; or this bundle stopped
        }
    }

    private boolean anyArriving() {
        Bundle[] bundles;
        int frameworkLevel;
        try {
            bundles = context.getBundles();
            frameworkLevel = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        } catch (IllegalStateException e) {
            return false; // this bundle stopped
        }
        for (Bundle bundle : bundles) {
            if (offersModules(bundle) && meantToRun(bundle, frameworkLevel) && !arrived(bundle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean meantToRun(Bundle bundle, int frameworkLevel) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level != null && level.isPersistentlyStarted() && level.getStartLevel() <= frameworkLevel;
    }

    private boolean arrived(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            // a lazily activated bundle waits in STARTING for its first class load: it is there
            return bundle.getState() == Bundle.STARTING && lazy(bundle);
        }
        return !declaresProviders(bundle) || registersProviders(bundle);
    }

    private static boolean lazy(Bundle bundle) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level != null && level.isActivationPolicyUsed()
                && bundle.getHeaders("").get("Bundle-ActivationPolicy") != null;
    }

    private boolean registersProviders(Bundle bundle) {
        ServiceReference<?>[] registered;
        try {
            registered = bundle.getRegisteredServices();
        } catch (IllegalStateException e) {
            return true; // uninstalled: nothing more will come from it
        }
        int providers = 0;
        if (registered != null) {
            for (ServiceReference<?> reference : registered) {
                if (reference.getProperty("objectClass") instanceof String[] classes
                        && List.of(classes).contains(ModuleProvider.class.getName())) {
                    providers++;
                }
            }
        }
        return providers > 0 && providers >= expectedProviders(bundle);
    }

    /**
     * How many module providers the bundle's components will register, as far as Service
     * Component Runtime knows: components that offer one, are enabled (or will be, by default)
     * and are not stuck on a missing reference or configuration. Zero when it cannot tell.
     */
    private int expectedProviders(Bundle bundle) {
        ServiceReference<ServiceComponentRuntime> reference;
        try {
            reference = context.getServiceReference(ServiceComponentRuntime.class);
        } catch (IllegalStateException e) {
            return 0;
        }
        ServiceComponentRuntime runtime = reference == null ? null : context.getService(reference);
        if (runtime == null) {
            return 0;
        }
        try {
            int expected = 0;
            for (ComponentDescriptionDTO component : runtime.getComponentDescriptionDTOs(bundle)) {
                // SCR enables a bundle's components one after the other, each registering its
                // service as it goes: one enabled by default counts before it is enabled
                if (component.factory == null && List.of(component.serviceInterfaces).contains(ModuleProvider.class.getName())
                        && (component.defaultEnabled || runtime.isComponentEnabled(component))
                        && !stuck(component, runtime.getComponentConfigurationDTOs(component))) {
                    expected++;
                }
            }
            return expected;
        } finally {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // this bundle stopped meanwhile
            }
        }
    }

    /** A component that waits for something other than time: a reference or a configuration. */
    private static boolean stuck(ComponentDescriptionDTO component, Collection<ComponentConfigurationDTO> configurations) {
        if (configurations.isEmpty()) {
            return "require".equals(component.configurationPolicy);
        }
        for (ComponentConfigurationDTO configuration : configurations) {
            if (configuration.state != ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                    && configuration.state != ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                return false;
            }
        }
        return true;
    }

    private static boolean offersModules(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return false;
        }
        try {
            return bundle.getHeaders("").get(FrozenModules.HEADER) != null || declaresProviders(bundle);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Declarative Services components that offer module providers are declared as capabilities (bnd writes them). */
    private static boolean declaresProviders(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        for (BundleCapability capability : revision.getDeclaredCapabilities(SERVICE_NAMESPACE)) {
            if (capability.getAttributes().get("objectClass") instanceof List<?> classes
                    && classes.contains(ModuleProvider.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
