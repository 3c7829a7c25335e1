package dev.mica.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns a path given by a client ({@code apps/blink/main.py}, always relative, '/'-separated)
 * into a file inside a root folder, and refuses anything that would leave it: absolute paths,
 * {@code ..} segments, NUL and backslashes, and symbolic links that point outside (the nearest
 * existing ancestor's real path must lie inside the root's real path).
 */
final class ConfinedPaths {
    private final Path root;

    ConfinedPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /**
     * The file for a relative path; an empty path is the root itself.
     *
     * @throws IllegalArgumentException with the reason when the path is refused
     */
    Path resolve(String relative) {
        if (relative == null) {
            throw new IllegalArgumentException("no path given");
        }
        if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a path may not hold NUL or '\\': '" + printable(relative) + "'");
        }
        if (relative.startsWith("/")) {
            throw new IllegalArgumentException("a path is relative to the storage folder: '" + relative + "'");
        }
        if (relative.length() > 1024) {
            throw new IllegalArgumentException("path too long");
        }
        Path resolved = root;
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("a path may not go up with '..': '" + relative + "'");
            }
            try {
                resolved = resolved.resolve(segment);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path: '" + printable(relative) + "'");
            }
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("outside the storage folder: '" + relative + "'");
        }
        checkLinks(resolved, relative);
        return resolved;
    }

    /** The path of a file inside the root, '/'-separated, as clients give it. */
    String relativize(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private void checkLinks(Path resolved, String relative) {
        Path existing = resolved;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            if (!existing.toRealPath().startsWith(realRoot)) {
                throw new IllegalArgumentException("outside the storage folder (through a link): '" + relative + "'");
            }
        } catch (IOException e) {
            // a dangling link: what it names cannot be checked, so it is refused
            throw new IllegalArgumentException("cannot follow the path: '" + relative + "'");
        }
    }

    private static String printable(String text) {
        return text.replace("\0", "\\0");
    }
}
