package dev.mica.vm.frozen;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The frozen modules one carrier offers (a bundle, a jar or a folder): the {@code .mpy} files
 * under its frozen folder, named by their path below that folder ({@code pkg/__init__.mpy}).
 * The names are listed once, when the carrier is found; the bytes are read on import.
 */
public final class FrozenArchive {
    /** Reads one of the listed files. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(String file) throws IOException;
    }

    /** The extension of the files a frozen folder holds. */
    public static final String COMPILED_SUFFIX = ".mpy";

    private final String origin;
    private final Set<String> files;
    private final Set<String> packages = new HashSet<>();
    private final Reader reader;

    /**
     * @param origin what the archive came from, for messages
     * @param files the {@code .mpy} files, '/'-separated, relative to the frozen folder
     *        (other names are ignored)
     */
    public FrozenArchive(String origin, Iterable<String> files, Reader reader) {
        this.origin = origin;
        this.reader = reader;
        Set<String> compiled = new HashSet<>();
        for (String file : files) {
            if (file.endsWith(COMPILED_SUFFIX) && !file.startsWith("/") && !file.isEmpty()) {
                compiled.add(file);
                // every folder above a module file is a package, as MicroPython sees frozen names
                for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                    packages.add(file.substring(0, slash));
                }
            }
        }
        this.files = Set.copyOf(compiled);
    }

    public String origin() {
        return origin;
    }

    /** The module files, relative to the frozen folder. */
    public Set<String> files() {
        return files;
    }

    boolean hasFile(String file) {
        return files.contains(file);
    }

    boolean hasPackage(String folder) {
        return packages.contains(folder);
    }

    byte[] read(String file) throws IOException {
        return reader.read(file);
    }

    @Override
    public String toString() {
        return origin + " " + files;
    }
}
