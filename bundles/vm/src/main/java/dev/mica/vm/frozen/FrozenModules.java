package dev.mica.vm.frozen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The frozen modules an interpreter can import: those of every carrier known now (bundles with
 * a {@code Mica-Frozen} header under OSGi, jars and folders on a class path), seen through the
 * {@code .frozen} entry of {@code sys.path} as in MicroPython. Carriers come and go while
 * interpreters run; each lookup sees the current set, so a module is importable from the next
 * import after its carrier came and not after it went (modules already imported stay).
 *
 * <p>When two carriers hold the same file, the one of higher rank wins: under OSGi the rank is
 * the bundle id (the bundle installed last wins), on a class path the earlier entry wins.
 * Packages are the union of the folders of all carriers, so two carriers may add modules to
 * one package.
 */
public final class FrozenModules {
    /** The {@code sys.path} entry that names the frozen modules. */
    public static final String PATH_ENTRY = ".frozen";
    /** The manifest header naming the folder of a bundle or jar that holds frozen modules. */
    public static final String HEADER = "Mica-Frozen";

    private record Ranked(FrozenArchive archive, long rank) {}

    /** A module file found in an archive; its bytes are read when the module runs. */
    public record Found(FrozenArchive archive, String file) {
        /** The module's compiled code. */
        public byte[] read() throws IOException {
            return archive.read(file);
        }
    }

    /** Highest rank first. */
    private volatile List<Ranked> archives = List.of();
    private volatile Supplier<List<FrozenArchive>> discovery;

    /**
     * Finds the carriers on first use instead of being told of them (a class path: the first
     * archive given ranks highest).
     */
    public void discoverOnFirstUse(Supplier<List<FrozenArchive>> discovery) {
        this.discovery = discovery;
    }

    public synchronized void add(FrozenArchive archive, long rank) {
        List<Ranked> next = new ArrayList<>(archives);
        next.add(new Ranked(archive, rank));
        next.sort(Comparator.comparingLong(Ranked::rank).reversed());
        archives = List.copyOf(next);
    }

    public synchronized void remove(FrozenArchive archive) {
        List<Ranked> next = new ArrayList<>(archives);
        next.removeIf(r -> r.archive == archive);
        archives = List.copyOf(next);
    }

    /** The archives known now, the winning one first. */
    public List<FrozenArchive> archives() {
        List<FrozenArchive> list = new ArrayList<>();
        for (Ranked r : current()) {
            list.add(r.archive);
        }
        return list;
    }

    /** The frozen modules' names as MicroPython lists them: file names without {@code .mpy} ("pkg/__init__"). */
    public java.util.SortedSet<String> moduleNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (Ranked r : current()) {
            for (String file : r.archive.files()) {
                names.add(file.substring(0, file.length() - FrozenArchive.COMPILED_SUFFIX.length()));
            }
        }
        return names;
    }

    /** True when {@code folder} ("pkg", "pkg/sub") holds frozen modules in any archive. */
    public boolean isPackage(String folder) {
        for (Ranked r : current()) {
            if (r.archive.hasPackage(folder)) {
                return true;
            }
        }
        return false;
    }

    /** The compiled file {@code file} ("pkg/mod.mpy") from the winning archive, or null. */
    public Found module(String file) {
        for (Ranked r : current()) {
            if (r.archive.hasFile(file)) {
                return new Found(r.archive, file);
            }
        }
        return null;
    }

    private List<Ranked> current() {
        if (discovery != null) {
            discoverNow();
        }
        return archives;
    }

    private synchronized void discoverNow() {
        Supplier<List<FrozenArchive>> pending = discovery;
        if (pending == null) {
            return;
        }
        discovery = null;
        List<FrozenArchive> found = pending.get();
        for (int i = 0; i < found.size(); i++) {
            add(found.get(i), -i);
        }
    }
}
