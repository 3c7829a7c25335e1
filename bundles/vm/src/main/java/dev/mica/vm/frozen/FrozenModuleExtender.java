package dev.mica.vm.frozen;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;

/**
 * The extender of frozen modules under OSGi: a bundle that is starting or active and has a
 * {@code Mica-Frozen} header offers the {@code .mpy} files under the folder it names; when
 * it stops or goes away, they go with it. The bundle id is the rank, so of two bundles with the
 * same file the one installed last wins.
 *
 * <p>Only this class and {@link #start} touch the OSGi API, so that the VM still runs on a
 * plain class path without it.
 */
public final class FrozenModuleExtender extends BundleTracker<FrozenArchive> {
    private final FrozenModules modules;

    private FrozenModuleExtender(BundleContext context, FrozenModules modules) {
        super(context, Bundle.STARTING | Bundle.ACTIVE, null);
        this.modules = modules;
    }

    /** Starts tracking; closing the result stops it and withdraws every bundle's modules. */
    public static AutoCloseable start(BundleContext context, FrozenModules modules) {
        FrozenModuleExtender tracker = new FrozenModuleExtender(context, modules);
        tracker.open();
        return tracker::close;
    }

    @Override
    public FrozenArchive addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(FrozenModules.HEADER);
        if (header == null) {
            return null;
        }
        String folder = ClassPathFrozenArchives.trimSlashes(header.trim());
        String prefix = folder.isEmpty() ? "" : folder + "/";
        List<String> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(folder.isEmpty() ? "/" : folder,
                "*" + FrozenArchive.COMPILED_SUFFIX, true);
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            path = path.startsWith("/") ? path.substring(1) : path;
            if (path.startsWith(prefix)) {
                files.add(path.substring(prefix.length()));
            }
        }
        FrozenArchive archive = new FrozenArchive(bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]",
                files, name -> read(bundle, prefix + name));
        modules.add(archive, bundle.getBundleId());
        return archive;
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, FrozenArchive archive) {
        modules.remove(archive);
    }

    private static byte[] read(Bundle bundle, String entry) throws IOException {
        URL url = bundle.getEntry(entry);
        if (url == null) {
            throw new IOException(entry + " is not in bundle " + bundle.getSymbolicName());
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IllegalStateException e) {
            // the bundle was uninstalled between the lookup and the read
            throw new IOException(e.getMessage(), e);
        }
    }
}
