package dev.mica.vm.frozen;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Frozen modules on a plain class path (bin/mica, tests): every jar or class folder whose
 * manifest has the {@code Mica-Frozen} header, as the OSGi extender finds bundles.
 */
public final class ClassPathFrozenArchives {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private ClassPathFrozenArchives() {}

    /** The archives of the class loader's class path, in class path order. */
    public static List<FrozenArchive> find(ClassLoader loader) {
        List<FrozenArchive> found = new ArrayList<>();
        Enumeration<URL> manifests;
        try {
            manifests = loader.getResources(MANIFEST);
        } catch (IOException e) {
            return found;
        }
        while (manifests.hasMoreElements()) {
            URL manifest = manifests.nextElement();
            try {
                FrozenArchive archive = archive(manifest);
                if (archive != null) {
                    found.add(archive);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable jar offers no frozen modules; the others still count
            }
        }
        return found;
    }

    private static FrozenArchive archive(URL manifestUrl) throws IOException {
        String folder = frozenFolder(manifestUrl);
        if (folder == null) {
            return null;
        }
        String url = manifestUrl.toString();
        String base = url.substring(0, url.length() - MANIFEST.length());
        if (base.startsWith("jar:file:") && base.endsWith("!/")) {
            Path jar = Path.of(URI.create(base.substring("jar:".length(), base.length() - 2)));
            return jarArchive(jar, folder);
        }
        if (base.startsWith("file:")) {
            return folderArchive(Path.of(URI.create(base)).resolve(folder));
        }
        return null;
    }

    /** The folder the manifest names, without slashes around it, or null without the header. */
    private static String frozenFolder(URL manifestUrl) throws IOException {
        try (InputStream in = manifestUrl.openStream()) {
            Attributes main = new Manifest(in).getMainAttributes();
            String folder = main.getValue(FrozenModules.HEADER);
            return folder == null ? null : trimSlashes(folder.trim());
        }
    }

    static String trimSlashes(String folder) {
        int start = 0;
        int end = folder.length();
        while (start < end && folder.charAt(start) == '/') {
            start++;
        }
        while (end > start && folder.charAt(end - 1) == '/') {
            end--;
        }
        return folder.substring(start, end);
    }

    /** The frozen modules in {@code folder} of a jar file. */
    public static FrozenArchive jarArchive(Path jar, String folder) throws IOException {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        List<String> files = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    files.add(entry.getName().substring(prefix.length()));
                }
            }
        }
        return new FrozenArchive(jar.toString(), files, name -> {
            try (JarFile file = new JarFile(jar.toFile())) {
                JarEntry entry = file.getJarEntry(prefix + name);
                if (entry == null) {
                    throw new IOException(name + " is no longer in " + jar);
                }
                try (InputStream in = file.getInputStream(entry)) {
                    return in.readAllBytes();
                }
            }
        });
    }

    /** The frozen modules in a folder of the file system (a class folder's frozen folder, for example). */
    public static FrozenArchive folderArchive(Path folder) throws IOException {
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile)
                        .forEach(p -> files.add(folder.relativize(p).toString().replace('\\', '/')));
            }
        }
        return new FrozenArchive(folder.toString(), files,
                name -> Files.readAllBytes(folder.resolve(name)));
    }
}
