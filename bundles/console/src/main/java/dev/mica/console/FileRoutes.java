package dev.mica.console;

import dev.mica.gateway.api.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The gateway's storage folder: browse, download, upload, delete. Every path is confined to the
 * storage folder, and the console's own users file is out of reach (it holds password hashes).
 */
final class FileRoutes {
    static final int MAX_LISTING = 5000;

    private final ConfinedPaths storage;
    private final Path usersFile;

    FileRoutes(ConfinedPaths storage, Path usersFile) {
        this.storage = storage;
        this.usersFile = usersFile.toAbsolutePath().normalize();
    }

    List<Route> routes() {
        Route.Param path = new Route.Param("path", "relative to the storage folder, '/'-separated", true);
        return List.of(
                new Route("GET", "/files", Access.VIEWER, "List a folder of the storage folder (empty path: its top)",
                        Route.Body.NONE, List.of(new Route.Param("path", "relative to the storage folder", false)),
                        Route.Produces.JSON, this::list),
                new Route("GET", "/files/content", Access.VIEWER, "Download a file", Route.Body.NONE, List.of(path),
                        Route.Produces.BINARY, this::download),
                new Route("PUT", "/files/content", Access.ADMIN,
                        "Upload a file (the body is its content; folders are made as needed)", Route.Body.BINARY,
                        List.of(path), Route.Produces.JSON, this::upload),
                new Route("DELETE", "/files/content", Access.ADMIN, "Delete a file or an empty folder",
                        Route.Body.NONE, List.of(path), Route.Produces.JSON, this::delete));
    }

    private Path resolve(String relative) {
        Path file = storage.resolve(relative == null ? "" : relative);
        if (file.equals(usersFile)) {
            throw new ApiException(403, "the console's users file cannot be reached through the API");
        }
        return file;
    }

    private Object list(ApiCall call) throws IOException {
        Path folder = resolve(call.query("path"));
        if (!Files.isDirectory(folder)) {
            throw new NoSuchElementException("no folder '" + call.query("path") + "'");
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                if (entries.size() >= MAX_LISTING || entry.toAbsolutePath().normalize().equals(usersFile)) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", entry.getFileName().toString());
                item.put("path", storage.relativize(entry));
                item.put("folder", attributes.isDirectory());
                item.put("size", attributes.isDirectory() ? null : attributes.size());
                item.put("modified", attributes.lastModifiedTime().toInstant());
                entries.add(item);
            }
        }
        entries.sort(Comparator.comparing((Map<String, Object> e) -> !(Boolean) e.get("folder"))
                .thenComparing(e -> (String) e.get("name")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", storage.relativize(folder));
        out.put("entries", entries);
        return out;
    }

    private Object download(ApiCall call) throws IOException {
        Path file = resolve(required(call));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchElementException("no file '" + call.query("path") + "'");
        }
        return ApiResponse.bytes("application/octet-stream", Files.readAllBytes(file), file.getFileName().toString());
    }

    private Object upload(ApiCall call) throws IOException {
        Path file = resolve(required(call));
        if (file.equals(storage.root()) || Files.isDirectory(file)) {
            throw new ApiException(400, "'" + call.query("path") + "' is a folder");
        }
        byte[] content = call.bodyBytes();
        AtomicFiles.write(file, content);
        return Map.of("written", storage.relativize(file), "bytes", content.length);
    }

    private Object delete(ApiCall call) throws IOException {
        Path file = resolve(required(call));
        if (file.equals(storage.root())) {
            throw new ApiException(400, "the storage folder itself cannot be deleted");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchElementException("no file '" + call.query("path") + "'");
        }
        try {
            Files.delete(file);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new ApiException(409, "the folder '" + call.query("path") + "' is not empty");
        }
        return Map.of("deleted", storage.relativize(file));
    }

    private static String required(ApiCall call) {
        String path = call.query("path");
        if (path == null || path.isBlank()) {
            throw new ApiException(400, "'path' is missing");
        }
        return path;
    }
}
