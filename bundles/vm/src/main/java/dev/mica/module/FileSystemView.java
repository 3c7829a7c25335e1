package dev.mica.module;

import dev.mica.obj.PyObject;

/**
 * The program's files as open() and import see them, when a module takes them over (the
 * {@code vfs} module's mount table). Without one, open() and import use the host file system
 * (confined to the storage root). Installed with {@link ModuleEnvironment#useFileSystemView}.
 */
public interface FileSystemView {
    /** What a path is, as import asks of it. */
    enum Kind {
        /** Nothing there (or the path cannot be reached). */
        NONE,
        FILE,
        DIRECTORY,
        /** The path is on the host file system: the interpreter looks it up there itself. */
        HOST
    }

    /** The built-in open(file, mode): a stream object, or an OSError raised. */
    PyObject open(PyObject file, PyObject mode);

    /** What {@code path} (a {@code sys.path} entry joined with a module name) is. */
    Kind importStat(String path);

    /** The whole content of a file that {@link #importStat} called a {@link Kind#FILE}. */
    byte[] readFile(String path);
}
