package dev.mica.vm.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mica.module.FileSystemView;
import dev.mica.obj.Errno;
import dev.mica.obj.Py;
import dev.mica.vm.frozen.FrozenArchive;
import dev.mica.vm.frozen.FrozenModules;
import dev.mica.vm.modules.BuiltinModules;

/**
 * Where import finds module files: the view of files a module installed (the vfs mount table)
 * when there is one, else the host file system. Paths are strings as the program names them
 * (a sys.path entry, "/", the module name), as MicroPython joins them.
 */
final class ImportFiles {
    /**
     * A module file or package folder; {@code host} is set when it lies on the host file system,
     * {@code frozen} when it is a frozen module.
     */
    record Found(String path, boolean directory, Path host, FrozenModules.Found frozen) {
        Found(String path, boolean directory, Path host) {
            this(path, directory, host, null);
        }

        /** What __file__ and __path__ show: a frozen module's file has no {@code .frozen/} in front, as in MicroPython. */
        String shown() {
            if (frozen != null) {
                return path.substring(FROZEN_PREFIX.length());
            }
            return path.startsWith("./") ? path.substring(2) : path;
        }

        /** True when the content is a {@code .mpy} file rather than source. */
        boolean compiled() {
            return frozen != null || path.endsWith(".mpy");
        }
    }

    /** Paths below this name frozen modules (the {@code .frozen} entry of sys.path). */
    private static final String FROZEN_PREFIX = FrozenModules.PATH_ENTRY + "/";

    private final BuiltinModules modules;
    private final FileSystemView view;

    ImportFiles(BuiltinModules modules) {
        this.modules = modules;
        this.view = modules.fileSystemView();
    }

    /** The package folder, then {@code part.py}, then {@code part.mpy} in {@code dir}; null when none. */
    Found module(String dir, String part) {
        String base = join(dir, part);
        Found found = find(base, true);
        if (found == null) {
            found = find(base + ".py", false);
        }
        if (found == null) {
            found = find(base + ".mpy", false);
        }
        return found;
    }

    /** {@code name.py} or {@code name.mpy} in a package folder, or null. */
    Found packageInit(String dir, String name) {
        Found found = find(join(dir, name + ".py"), false);
        return found != null ? found : find(join(dir, name + ".mpy"), false);
    }

    byte[] read(Found file) {
        if (file.frozen() != null) {
            try {
                return file.frozen().read();
            } catch (IOException e) {
                // its bundle went away between the lookup and the read
                throw Py.osError(Errno.ENOENT);
            }
        }
        if (file.host() == null) {
            return view.readFile(file.path());
        }
        try {
            return Files.readAllBytes(file.host());
        } catch (IOException e) {
            throw Py.osError(Errno.ENOENT);
        }
    }

    private Found find(String path, boolean directory) {
        if (path.startsWith(FROZEN_PREFIX)) {
            // as in MicroPython, frozen names are looked up only among the frozen modules
            return findFrozen(path, directory);
        }
        FileSystemView.Kind kind = view == null ? FileSystemView.Kind.HOST : view.importStat(path);
        if (kind == FileSystemView.Kind.HOST) {
            Path host = modules.hostPath(path);
            boolean matches = directory ? Files.isDirectory(host) : Files.isRegularFile(host);
            return matches ? new Found(path, directory, host) : null;
        }
        boolean matches = kind == (directory ? FileSystemView.Kind.DIRECTORY : FileSystemView.Kind.FILE);
        return matches ? new Found(path, directory, null) : null;
    }

    /**
     * A frozen package folder, or a frozen module asked for by its source name ({@code pkg/mod.py}:
     * MicroPython names frozen modules so), whose compiled file is {@code pkg/mod.mpy}.
     */
    private Found findFrozen(String path, boolean directory) {
        FrozenModules frozen = modules.frozenModules();
        String name = path.substring(FROZEN_PREFIX.length());
        if (directory) {
            return frozen.isPackage(name) ? new Found(path, true, null) : null;
        }
        if (!name.endsWith(".py")) {
            return null;
        }
        String compiledName = name.substring(0, name.length() - ".py".length()) + FrozenArchive.COMPILED_SUFFIX;
        FrozenModules.Found found = frozen.module(compiledName);
        return found == null ? null : new Found(path, false, null, found);
    }

    private static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
