package dev.mica.console;

import dev.mica.gateway.api.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.mica.gateway.api.AppControl;
import dev.mica.gateway.api.AppInfo;
import dev.mica.gateway.api.LogLines;

/**
 * The apps: list, create, upload (main.py, main.mpy or a zip of the folder), edit their files,
 * start, stop, restart, their log, delete. Files go through the gateway's storage layout
 * ({@code apps/NAME/}) and are confined to the app's folder.
 */
final class AppRoutes {
    static final int MAX_LOG_LINES = 1000;
    /** A zip of an app may hold at most this many entries. */
    static final int MAX_ZIP_ENTRIES = 2000;

    private final AppControl apps;
    private final long uploadLimit;

    AppRoutes(AppControl apps, long uploadLimit) {
        this.apps = apps;
        this.uploadLimit = uploadLimit;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/apps", Access.VIEWER, "Every app with its state, settings and heap in use",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, call -> apps.apps().stream().map(AppRoutes::json).toList()),
                new Route("POST", "/apps", Access.ADMIN,
                        "Create an app folder apps/NAME/ with main.py: {name, source}", Route.Body.JSON, List.of(),
                        Route.Produces.JSON, this::create),
                new Route("GET", "/apps/{name}", Access.VIEWER,
                        "One app: state, exit status, last traceback, settings, files", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, this::describe),
                new Route("DELETE", "/apps/{name}", Access.ADMIN, "Delete a stopped app's files", Route.Body.NONE,
                        List.of(), Route.Produces.JSON, this::delete),
                new Route("PUT", "/apps/{name}/upload", Access.ADMIN,
                        "Upload an app: a .py or .mpy file becomes apps/NAME/main.py or main.mpy, a .zip is unpacked into apps/NAME/",
                        Route.Body.BINARY, List.of(new Route.Param("filename", "the uploaded file's name (.py, .mpy or .zip)", true)),
                        Route.Produces.JSON, this::upload),
                new Route("GET", "/apps/{name}/file", Access.VIEWER, "A file of the app, as bytes",
                        Route.Body.NONE, List.of(new Route.Param("path", "relative to the app's folder", true)),
                        Route.Produces.BINARY, this::readFile),
                new Route("PUT", "/apps/{name}/file", Access.ADMIN, "Write a file of the app (the body is its content)",
                        Route.Body.BINARY, List.of(new Route.Param("path", "relative to the app's folder", true)),
                        Route.Produces.JSON, this::writeFile),
                new Route("POST", "/apps/{name}/start", Access.ADMIN, "Start the app", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, call -> action(apps.start(call.path("name")))),
                new Route("POST", "/apps/{name}/stop", Access.ADMIN,
                        "Stop the app (KeyboardInterrupt, then its interpreter is closed)", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, call -> action(apps.stop(call.path("name")))),
                new Route("POST", "/apps/{name}/restart", Access.ADMIN, "Stop and start the app", Route.Body.NONE,
                        List.of(), Route.Produces.JSON, call -> action(apps.restart(call.path("name")))),
                new Route("GET", "/apps/{name}/log", Access.VIEWER,
                        "The app's log lines after line number 'after' (poll with the 'last' of the previous answer)",
                        Route.Body.NONE, List.of(new Route.Param("after", "line number (0: from the oldest kept)", false),
                                new Route.Param("max", "at most this many lines (1 to " + MAX_LOG_LINES + ")", false)),
                        Route.Produces.JSON, this::log));
    }

    static Map<String, Object> json(AppInfo app) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", app.name());
        out.put("state", app.state());
        out.put("source", app.source());
        out.put("main", app.main());
        out.put("heapUsed", app.heapUsed());
        out.put("uptimeMillis", app.uptimeMillis());
        out.put("exitStatus", app.exitStatus());
        out.put("lastEnd", app.lastEnd());
        out.put("lastTraceback", app.lastTraceback());
        out.put("nextStart", app.nextStart());
        out.put("restartsInARow", app.restartsInARow());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("autostart", app.autostart());
        settings.put("restart", app.restart());
        settings.put("heapsize", app.heapSize());
        settings.put("optimization", app.optimization());
        settings.put("emit", app.emit());
        settings.put("recursionlimit", app.recursionLimit());
        settings.put("modules", app.allowedModules());
        out.put("settings", settings);
        return out;
    }

    private AppInfo find(String name) {
        return apps.app(name).orElseThrow(() -> new NoSuchElementException("no app " + name));
    }

    private Object describe(ApiCall call) throws IOException {
        AppInfo app = find(call.path("name"));
        Map<String, Object> out = json(app);
        out.put("files", files(app));
        return out;
    }

    private List<String> files(AppInfo app) throws IOException {
        if (!app.source().endsWith("/")) {
            return List.of(Path.of(app.main()).getFileName().toString());
        }
        Path folder = apps.storage().resolve(app.source());
        try (Stream<Path> walk = Files.walk(folder, 8)) {
            return walk.filter(Files::isRegularFile).limit(1000)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private Object create(ApiCall call) throws IOException {
        Map<String, Object> body = call.jsonBody();
        String name = ApiCall.string(body, "name");
        String source = ApiCall.string(body, "source");
        checkName(name);
        if (apps.app(name).isPresent()) {
            throw new ApiException(409, "there is an app " + name + " already");
        }
        Path folder = appFolder(name);
        if (Files.exists(folder)) {
            throw new ApiException(409, "apps/" + name + " exists already");
        }
        AtomicFiles.write(folder.resolve("main.py"), source.getBytes(StandardCharsets.UTF_8));
        return json(find(name));
    }

    private Object delete(ApiCall call) throws IOException {
        AppInfo app = find(call.path("name"));
        if (app.state().equals("RUNNING") || app.state().equals("STARTING") || app.state().equals("BACKING_OFF")) {
            throw new ApiException(409, "app " + app.name() + " is " + app.state().toLowerCase(Locale.ROOT) + "; stop it first");
        }
        if (!app.source().startsWith("apps/")) {
            throw new ApiException(409, "the app " + app.name() + " is the storage folder's main.py; delete that file instead");
        }
        Path target = new ConfinedPaths(apps.storage()).resolve(app.source().endsWith("/")
                ? app.source().substring(0, app.source().length() - 1) : app.source());
        deleteTree(target);
        return Map.of("deleted", app.name());
    }

    private Object upload(ApiCall call) throws IOException {
        String name = call.path("name");
        checkName(name);
        String filename = call.query("filename");
        if (filename == null || filename.isBlank()) {
            throw new ApiException(400, "'filename' is missing (.py, .mpy or .zip)");
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        byte[] content = call.bodyBytes();
        Path folder = appFolder(name);
        if (lower.endsWith(".py") || lower.endsWith(".mpy")) {
            String main = lower.endsWith(".py") ? "main.py" : "main.mpy";
            AtomicFiles.write(folder.resolve(main), content);
            // main.py wins over main.mpy: keep only the uploaded one, so it is the one that runs
            Files.deleteIfExists(folder.resolve(main.equals("main.py") ? "main.mpy" : "main.py"));
        } else if (lower.endsWith(".zip")) {
            unzip(content, folder);
        } else {
            throw new ApiException(400, "upload a .py, .mpy or .zip file: '" + filename + "'");
        }
        return json(find(name));
    }

    private void unzip(byte[] zip, Path folder) throws IOException {
        ConfinedPaths confined = new ConfinedPaths(folder);
        Files.createDirectories(folder);
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new ApiException(413, "the zip holds more than " + MAX_ZIP_ENTRIES + " entries");
                }
                Path target = confined.resolve(entry.getName()); // refuses "..", absolute names and links out
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, uploadLimit - total + 1));
                total += content.length;
                if (total > uploadLimit) {
                    throw new ApiException(413, "the zip unpacks to more than the upload limit of " + uploadLimit + " bytes");
                }
                AtomicFiles.write(target, content);
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "refused zip entry: " + e.getMessage());
        }
        if (!Files.isRegularFile(folder.resolve("main.py")) && !Files.isRegularFile(folder.resolve("main.mpy"))) {
            throw new ApiException(400, "the zip has no main.py or main.mpy at its top (files were unpacked into apps/"
                    + folder.getFileName() + "/)");
        }
    }

    private Object readFile(ApiCall call) throws IOException {
        Path file = appFile(find(call.path("name")), call.query("path"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchElementException("no file " + call.query("path"));
        }
        return ApiResponse.bytes("application/octet-stream", Files.readAllBytes(file), null);
    }

    private Object writeFile(ApiCall call) throws IOException {
        AppInfo app = find(call.path("name"));
        Path file = appFile(app, call.query("path"));
        if (Files.isDirectory(file)) {
            throw new ApiException(400, "'" + call.query("path") + "' is a folder");
        }
        byte[] content = call.bodyBytes();
        AtomicFiles.write(file, content);
        return Map.of("written", call.query("path"), "bytes", content.length,
                "note", "the app reads its files at its next start");
    }

    private Object log(ApiCall call) {
        long after = call.queryLong("after", 0, 0, Long.MAX_VALUE);
        int max = (int) call.queryLong("max", 200, 1, MAX_LOG_LINES);
        LogLines lines = apps.log(call.path("name"), after, max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lines", lines.lines());
        out.put("last", lines.last());
        out.put("skipped", lines.skipped());
        AppInfo app = find(call.path("name"));
        out.put("state", app.state());
        out.put("exitStatus", app.exitStatus());
        out.put("lastTraceback", app.lastTraceback());
        return out;
    }

    /** A file of the app: inside its folder, or only its main file for a single-file app. */
    private Path appFile(AppInfo app, String path) {
        if (path == null || path.isBlank()) {
            throw new ApiException(400, "'path' is missing");
        }
        if (app.source().endsWith("/")) {
            return new ConfinedPaths(apps.storage().resolve(app.source())).resolve(path);
        }
        String mainName = Path.of(app.main()).getFileName().toString();
        if (!path.equals(mainName)) {
            throw new ApiException(400, "the app " + app.name() + " is the single file " + app.main()
                    + "; only '" + mainName + "' can be edited");
        }
        return new ConfinedPaths(apps.storage()).resolve(app.main());
    }

    private Path appFolder(String name) {
        return new ConfinedPaths(apps.appsFolder()).resolve(name);
    }

    private void checkName(String name) {
        if (!apps.isValidAppName(name)) {
            throw new ApiException(400, "not an app name: '" + name + "' (1 to 64 letters, digits, '_' or '-')");
        }
    }

    private static Map<String, Object> action(String message) {
        return Map.of("result", message);
    }

    static void deleteTree(Path target) throws IOException {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
