package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Swapping Mica's runtime bundles as an operator (or FileInstall) does: update from the bundle's
 * location, refresh the wiring, stop and start, uninstall and install again.
 *
 * <p>This test bundle imports no package of Mica's bundles: a refresh of the vm bundle refreshes
 * every bundle wired to it, and the tests must not be among them. Tests reach Mica through
 * services called by name ({@link Reflect}), the gateway's apps and its {@code mica} commands.
 */
final class Bundles {
    static final String VM = "dev.mica.vm";
    static final String COMPILER = "dev.mica.compiler";
    static final String MODULES = "dev.mica.modules";
    static final String GATEWAY = "dev.mica.gateway";
    static final String EMITTER = "dev.mica.emitter";
    static final String GC = "dev.mica.gc";

    private Bundles() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Bundles.class).getBundleContext();
    }

    static Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Fails when this test bundle is wired to a Mica bundle: refreshing that one would stop the tests. */
    static void assertTestsAreNotWiredToMica() {
        BundleWiring wiring = context().getBundle().adapt(BundleWiring.class);
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            String provider = wire.getProvider().getSymbolicName();
            assertTrue(!provider.startsWith("dev.mica."),
                    "the test bundle imports from " + provider + " (" + wire.getCapability() + ")");
        }
    }

    /** A new revision from the same location, then a refresh: the old revision is discarded. */
    static void updateAndRefresh(Bundle bundle) throws BundleException, IOException, InterruptedException {
        update(bundle);
        refresh(bundle);
    }

    /** A new revision from the same location; the old one stays wired to whoever used it until a refresh. */
    static void update(Bundle bundle) throws BundleException, IOException {
        try (InputStream content = open(bundle.getLocation())) {
            bundle.update(content);
        }
    }

    /** Uninstalls the bundle, refreshes, and installs and starts it again from the same location. */
    static Bundle uninstallAndReinstall(Bundle bundle) throws BundleException, IOException, InterruptedException {
        String location = bundle.getLocation();
        byte[] content;
        try (InputStream in = open(location)) {
            content = in.readAllBytes();
        }
        List<Bundle> active = new java.util.ArrayList<>();
        for (Bundle b : context().getBundles()) {
            if (b.getState() == Bundle.ACTIVE && b != bundle) {
                active.add(b);
            }
        }
        bundle.uninstall();
        refresh(bundle);
        Bundle installed = context().installBundle(location, new java.io.ByteArrayInputStream(content));
        installed.start();
        // bundles that needed the uninstalled one could not resolve in the meantime; as an
        // operator (or FileInstall) would, start them again now that it is back
        for (Bundle b : active) {
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        return installed;
    }

    /** Refreshes the bundle and everything wired to it, and waits until the framework is done. */
    static void refresh(Bundle bundle) throws InterruptedException {
        FrameworkWiring frameworkWiring = context().getBundle(0).adapt(FrameworkWiring.class);
        CompletableFuture<FrameworkEvent> done = new CompletableFuture<>();
        frameworkWiring.refreshBundles(List.of(bundle), done::complete);
        FrameworkEvent event;
        try {
            event = done.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the refresh of " + bundle.getSymbolicName() + " did not end", e);
        }
        assertEquals(FrameworkEvent.PACKAGES_REFRESHED, event.getType(),
                "refresh of " + bundle.getSymbolicName() + ": " + event.getThrowable());
    }

    /** The content behind a bundle location: a URL ({@code reference:} stripped) or a file name. */
    static InputStream open(String location) throws IOException {
        String target = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (target.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return URI.create(target).toURL().openStream();
        }
        return Files.newInputStream(Path.of(target));
    }
}
