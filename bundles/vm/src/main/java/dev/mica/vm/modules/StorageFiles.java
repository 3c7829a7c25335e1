package dev.mica.vm.modules;

import dev.mica.obj.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns the file names a program passes to open() and os into paths, and keeps the program's
 * current directory (the JVM has one per process, an interpreter needs its own). Without a
 * storage root names are the host's paths. With one, every name is taken inside the root ("/"
 * is the root, ".." stops there) and the real path, symbolic links followed, must stay inside
 * it: an app cannot reach files outside its storage, neither by name nor through a link.
 */
final class StorageFiles {
    private final Path root;
    /** The current directory as the program names it: a host path, or "/..." inside the root. */
    private String currentDirectory;

    StorageFiles(Path root) {
        this.root = root;
        this.currentDirectory = root == null ? Path.of("").toAbsolutePath().toString() : "/";
    }

    String currentDirectory() {
        return currentDirectory;
    }

    /** os.chdir: OSError(ENOENT) unless the name is a folder the program may reach. */
    void changeDirectory(String name) {
        Path target = resolve(name);
        if (!Files.isDirectory(target)) {
            throw IoErrors.os(Errno.ENOENT);
        }
        if (root == null) {
            currentDirectory = target.normalize().toString();
        } else {
            Path relative = realRoot().relativize(target.normalize());
            currentDirectory = "/" + relative.toString().replace('\\', '/');
        }
    }

    /** The host path for a name; OSError(EACCES) when it would leave the storage root. */
    Path resolve(String name) {
        if (name.isEmpty()) {
            throw IoErrors.os(Errno.ENOENT);
        }
        if (name.indexOf('\0') >= 0) {
            throw IoErrors.os(Errno.EINVAL);
        }
        if (root == null) {
            return Path.of(currentDirectory).resolve(name);
        }
        if (!name.startsWith("/")) {
            name = currentDirectory + "/" + name;
        }
        Path realRoot = realRoot();
        String relative = name;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path candidate = realRoot.resolve(relative).normalize();
        if (!candidate.startsWith(realRoot)) {
            throw IoErrors.os(Errno.EACCES);
        }
        // follow links along the part of the path that exists
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw IoErrors.os(Errno.EACCES);
        }
        try {
            Path real = existing.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw IoErrors.os(Errno.EACCES);
            }
            return real.resolve(existing.relativize(candidate));
        } catch (IOException e) {
            // a dangling link: whatever it names is not known to be inside the root
            throw IoErrors.os(Errno.EACCES);
        }
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw IoErrors.os(Errno.ENOENT);
        }
    }
}
