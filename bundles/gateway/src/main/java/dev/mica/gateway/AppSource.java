package dev.mica.gateway;

import java.nio.file.Path;
import java.util.List;

/**
 * Where an app's files are.
 *
 * @param name the app's name
 * @param kind which of the layouts the app has
 * @param root the interpreter's file root and the first {@code sys.path} entry
 * @param boot {@code boot.py}, run before the main script, or null when the layout has none
 * @param main the main script ({@code .py} or {@code .mpy})
 */
record AppSource(String name, Kind kind, Path root, Path boot, Path main) {
    enum Kind {
        /** {@code apps/NAME/} with {@code main.py} (or {@code main.mpy}), optional {@code boot.py} and {@code lib/}. */
        FOLDER,
        /** {@code apps/NAME.py} or {@code apps/NAME.mpy}: one file, sharing the {@code apps/} folder. */
        SINGLE_FILE,
        /** {@code main.py} (and {@code boot.py}) directly in the storage folder, as on a board: the app {@code main}. */
        STORAGE_ROOT
    }

    /**
     * {@code sys.path}: the app's folder, the frozen modules of the gateway's bundles, then the
     * app's {@code lib/} (the order of a board's {@code '', '.frozen', '/lib'}).
     */
    List<String> sysPath() {
        return List.of(root.toString(), FROZEN_PATH_ENTRY, root.resolve("lib").toString());
    }

    /** The {@code sys.path} entry through which frozen modules are imported, as in MicroPython. */
    static final String FROZEN_PATH_ENTRY = ".frozen";

    /** How {@code mica:apps} shows where the app comes from, relative to the storage folder. */
    String describe(Path storage) {
        Path shown = kind == Kind.FOLDER ? root : main;
        String relative = storage.relativize(shown).toString().replace('\\', '/');
        return kind == Kind.FOLDER ? relative + "/" : relative;
    }
}
