package dev.mica.vm.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns the file names a program passes to open() into paths. Without a storage root they are
 * the host's paths. With one, every name is taken inside the root ("/" is the root, ".." stops
 * there) and the real path, symbolic links followed, must stay inside it: an app cannot reach
 * files outside its storage, neither by name nor through a link.
 */
final class StorageFiles {
    private final Path root;

    StorageFiles(Path root) {
        this.root = root;
    }

    /** The host path for a name; OSError(EACCES) when it would leave the storage root. */
    Path resolve(String name) {
        if (name.isEmpty()) {
            throw IoErrors.os(ErrnoModule.ENOENT);
        }
        if (name.indexOf('\0') >= 0) {
            throw IoErrors.os(ErrnoModule.EINVAL);
        }
        if (root == null) {
            return Path.of(name);
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw IoErrors.os(ErrnoModule.ENOENT);
        }
        String relative = name;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path candidate = realRoot.resolve(relative).normalize();
        if (!candidate.startsWith(realRoot)) {
            throw IoErrors.os(ErrnoModule.EACCES);
        }
        // follow links along the part of the path that exists
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw IoErrors.os(ErrnoModule.EACCES);
        }
        try {
            Path real = existing.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw IoErrors.os(ErrnoModule.EACCES);
            }
            return real.resolve(existing.relativize(candidate));
        } catch (IOException e) {
            // a dangling link: whatever it names is not known to be inside the root
            throw IoErrors.os(ErrnoModule.EACCES);
        }
    }
}
