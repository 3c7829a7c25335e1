package dev.mica.itests;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.osgi.framework.Bundle;

/**
 * Metaspace in use per class loader data (HotSpot's CLD: one per class loader, and one per
 * hidden class not bound to its loader, such as the emitter's compiled functions), read from
 * the JVM's {@code VM.metaspace} diagnostic command (called by name: the test bundle links
 * against no com.sun package), and each CLD's owner: the JDK's loaders, the framework's, or a
 * bundle, found by which bundle holds the CLD's classes.
 */
final class MetaspaceCensus {
    /** Who a CLD belongs to. */
    enum Owner {
        /** the boot and platform loaders, their hidden classes (lambda forms) included */
        JDK,
        /** the application's loaders: the framework and the launcher that started it */
        FRAMEWORK,
        /** a revision (live, or dead and not yet purged) of one of the bundles a test swaps */
        SWAPPED,
        /** a revision of any other bundle */
        OTHER_BUNDLE,
        /** the JDK's generated reflection accessors, one loader each */
        REFLECTION
    }

    /** One class loader data: its heading as the JVM prints it, its classes and its metaspace in use. */
    record LoaderData(String heading, boolean hidden, List<String> classes, long usedBytes) {
    }

    /** The metaspace in use and the number of CLDs of one owner. */
    record Share(long usedBytes, int loaders, int hiddenClassLoaders) {
        /** The CLDs of class loaders proper, without those of single hidden classes. */
        int classLoaders() {
            return loaders - hiddenClassLoaders;
        }

        Share plus(LoaderData data) {
            return new Share(usedBytes + data.usedBytes, loaders + 1, hiddenClassLoaders + (data.hidden ? 1 : 0));
        }
    }

    private static final String BUNDLE_LOADER = "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader";
    private static final String REFLECTION_LOADER = "jdk.internal.reflect.DelegatingClassLoader";
    private static final Pattern HEADING = Pattern.compile("^\\s*\\d+: CLD 0x[0-9a-fA-F]+:(.*)$");
    private static final Pattern CLASS_LINE = Pattern.compile("^\\s+\\d+:\\s+(\\S+?)(,.*)?$");
    private static final Pattern USED = Pattern.compile("(\\d+) bytes \\([^)]*\\) used");
    /** Hidden classes are named after their defining class's package, with a suffix from '/'. */
    private static final Pattern HIDDEN_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]+$");

    private final List<LoaderData> loaders;
    private final Map<LoaderData, Owner> owners;
    private final Map<Owner, Share> shares;

    private MetaspaceCensus(List<LoaderData> loaders, Map<LoaderData, Owner> owners, Map<Owner, Share> shares) {
        this.loaders = loaders;
        this.owners = owners;
        this.shares = shares;
    }

    /**
     * Takes the census now; a CLD whose classes come from one of {@code swapped} counts as
     * theirs (whichever revision it is), one of any other installed bundle as OTHER_BUNDLE.
     */
    static MetaspaceCensus take(Collection<Bundle> swapped) throws Exception {
        List<LoaderData> loaders = parse(metaspaceReport());
        Map<String, Bundle> packageOwners = new HashMap<>();
        Map<LoaderData, Owner> owners = new java.util.IdentityHashMap<>();
        Map<Owner, Share> shares = new HashMap<>();
        for (Owner owner : Owner.values()) {
            shares.put(owner, new Share(0, 0, 0));
        }
        for (LoaderData data : loaders) {
            Owner owner = ownerOf(data, swapped, packageOwners);
            owners.put(data, owner);
            shares.put(owner, shares.get(owner).plus(data));
        }
        return new MetaspaceCensus(loaders, owners, shares);
    }

    Share share(Owner owner) {
        return shares.get(owner);
    }

    int loaderCount() {
        return loaders.size();
    }

    /** The JVM's full report (per loader, with classes), in bytes. */
    static String metaspaceReport() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmMetaspace",
                new Object[] {new String[] {"show-loaders", "show-classes", "scale=1"}},
                new String[] {String[].class.getName()});
    }

    static List<LoaderData> parse(String report) {
        List<LoaderData> found = new ArrayList<>();
        String heading = null;
        List<String> classes = new ArrayList<>();
        long used = -1;
        for (String line : report.split("\n")) {
            if (line.startsWith("Total Usage")) {
                break;
            }
            Matcher start = HEADING.matcher(line);
            if (start.matches()) {
                if (heading != null) {
                    found.add(new LoaderData(heading, heading.contains("<hidden class>"), classes, Math.max(used, 0)));
                }
                heading = start.group(1).trim();
                classes = new ArrayList<>();
                used = -1;
                continue;
            }
            if (heading == null) {
                continue;
            }
            String trimmed = line.trim();
            if (trimmed.startsWith("Both:") || (used < 0 && trimmed.startsWith("Non-Class:"))) {
                // with a compressed class space the last line ("Both") sums the two spaces
                Matcher bytes = USED.matcher(trimmed);
                if (bytes.find()) {
                    used = Long.parseLong(bytes.group(1));
                }
            } else if (!trimmed.startsWith("-total-") && !trimmed.startsWith("Class:")) {
                Matcher name = CLASS_LINE.matcher(line);
                if (name.matches()) {
                    classes.add(name.group(1));
                }
            }
        }
        if (heading != null) {
            found.add(new LoaderData(heading, heading.contains("<hidden class>"), classes, Math.max(used, 0)));
        }
        return found;
    }

    private static Owner ownerOf(LoaderData data, Collection<Bundle> swapped, Map<String, Bundle> packageOwners) {
        // a hidden class's heading names the loader it was defined through after "loaded by"
        String loader = data.heading;
        if (loader.contains("\"<bootstrap>\"") || loader.contains("\"platform\"")) {
            return Owner.JDK;
        }
        if (loader.contains(REFLECTION_LOADER)) {
            return Owner.REFLECTION;
        }
        if (!loader.contains(BUNDLE_LOADER)) {
            return Owner.FRAMEWORK;
        }
        for (String className : data.classes) {
            Optional<Bundle> bundle = bundleOf(HIDDEN_SUFFIX.matcher(className).replaceFirst(""), packageOwners);
            if (bundle.isPresent()) {
                return swapped.contains(bundle.get()) ? Owner.SWAPPED : Owner.OTHER_BUNDLE;
            }
        }
        // classes from a jar inside a bundle, which has no entry of their package
        return Owner.OTHER_BUNDLE;
    }

    /** The installed bundle that holds classes of that class's package (generated classes have no entry of their own). */
    private static Optional<Bundle> bundleOf(String className, Map<String, Bundle> packageOwners) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String packagePath = className.substring(0, dot).replace('.', '/');
        if (!packageOwners.containsKey(packagePath)) {
            Bundle owner = null;
            for (Bundle bundle : Bundles.context().getBundles()) {
                if (bundle.getBundleId() != 0 && holdsClasses(bundle, packagePath)) {
                    owner = bundle;
                    break;
                }
            }
            packageOwners.put(packagePath, owner);
        }
        return Optional.ofNullable(packageOwners.get(packagePath));
    }

    /** Whether the bundle's own content has classes in that folder (without resolving the bundle, as findEntries would). */
    private static boolean holdsClasses(Bundle bundle, String packagePath) {
        java.util.Enumeration<String> paths = bundle.getEntryPaths(packagePath + "/");
        while (paths != null && paths.hasMoreElements()) {
            if (paths.nextElement().endsWith(".class")) {
                return true;
            }
        }
        return false;
    }

    /** The CLDs of one owner: heading, a class, the number of classes and the metaspace in use. For failure messages. */
    String describeLoaders(Owner owner) {
        StringBuilder text = new StringBuilder();
        for (LoaderData data : loaders) {
            if (owners.get(data) == owner) {
                text.append("\n  ").append(data.heading).append(": ")
                        .append(data.classes.isEmpty() ? "no class" : data.classes.get(0))
                        .append(String.format(" and %d more classes, %d bytes", Math.max(data.classes.size() - 1, 0), data.usedBytes));
            }
        }
        return text.toString();
    }

    /** The metaspace of the long-lived loaders, per owner, with their number of CLDs (the swapped bundles' share is reported apart). */
    String describeLongLived() {
        StringBuilder text = new StringBuilder();
        for (Owner owner : List.of(Owner.JDK, Owner.FRAMEWORK, Owner.OTHER_BUNDLE, Owner.REFLECTION)) {
            Share share = shares.get(owner);
            text.append(text.length() == 0 ? "" : ", ").append(owner.name().toLowerCase().replace('_', ' '))
                    .append(String.format(" %.1f KiB (%d CLDs)", share.usedBytes / 1024.0, share.loaders));
        }
        return text.toString();
    }
}
