package dev.mica.gateway;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Stops the framework when the JVM is asked to exit (Ctrl-C, SIGTERM from a service manager),
 * as Felix's own launcher does and bnd's executable jar does not: apps then get their
 * {@code KeyboardInterrupt} and every bundle stops in order instead of dying mid-write.
 */
@Component
public class FrameworkShutdownHook {
    /** How long the JVM's exit waits for the framework to stop. */
    static final long STOP_TIMEOUT_MILLIS = 15_000;

    private Thread hook;

    @Activate
    void activate(BundleContext context) {
        Bundle systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        hook = new Thread(() -> stopFramework(systemBundle), "mica-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: this very hook is what is stopping us
        }
    }

    private static void stopFramework(Bundle systemBundle) {
        if ((systemBundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        try {
            systemBundle.stop();
            if (systemBundle instanceof Framework framework) {
                framework.waitForStop(STOP_TIMEOUT_MILLIS);
            }
        } catch (BundleException e) {
            System.err.println("mica-gateway: the framework did not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
