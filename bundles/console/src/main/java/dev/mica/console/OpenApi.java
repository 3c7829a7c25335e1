package dev.mica.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document of the API, made from the route table, so that what is described is
 * exactly what is dispatched. Paths are given below the server URL {@code /api}. Public
 * operations have {@code security: []}; the others need the session cookie, and those that
 * change state the CSRF header too. {@code x-mica-role} says which role an operation needs.
 */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Mica gateway console API", "version", version,
                "description", "Log in with POST /login; send the CSRF token it answers in the "
                        + ApiDispatcher.CSRF_HEADER + " header of every request that changes state."));
        doc.put("servers", List.of(Map.of("url", "/api")));
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("session", Map.of("type", "apiKey", "in", "cookie", "name", ApiDispatcher.SESSION_COOKIE));
        schemes.put("csrf", Map.of("type", "apiKey", "in", "header", "name", ApiDispatcher.CSRF_HEADER));
        Map<String, Object> error = Map.of("type", "object", "required", List.of("error"), "properties",
                Map.of("error", Map.of("type", "string"), "reasons", Map.of("type", "array", "items", Map.of("type", "string"))));
        doc.put("components", Map.of("securitySchemes", schemes, "schemas", Map.of("Error", error)));
        doc.put("security", List.of(Map.of("session", List.of())));
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (Route route : routes) {
            paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>())
                    .put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(route));
        op.put("summary", route.summary());
        op.put("x-mica-role", route.access() == Access.PUBLIC ? "none" : route.access().requiredRole().id());
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String name : route.pathParameters()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Route.Param param : route.query()) {
            parameters.add(Map.of("name", param.name(), "in", "query", "required", param.required(), "description",
                    param.description(), "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        switch (route.body()) {
            case JSON -> op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
            case BINARY -> op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/octet-stream", Map.of("schema", Map.of("type", "string", "format", "binary")))));
            case NONE -> { }
        }
        if (route.access() == Access.PUBLIC) {
            op.put("security", List.of());
        } else if (route.changesState()) {
            op.put("security", List.of(Map.of("session", List.of(), "csrf", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "done", "content", Map.of(contentType(route.produces()),
                Map.of("schema", route.produces() == Route.Produces.JSON ? Map.of() : Map.of("type", "string", "format", "binary")))));
        Map<String, Object> errorContent = Map.of("application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
        responses.put("400", Map.of("description", "bad input, with the reason", "content", errorContent));
        if (route.access() != Access.PUBLIC) {
            responses.put("401", Map.of("description", "no valid session", "content", errorContent));
            responses.put("403", Map.of("description", "role too low or CSRF token missing", "content", errorContent));
        } else {
            responses.put("401", Map.of("description", "wrong user name or password", "content", errorContent));
            responses.put("429", Map.of("description", "too many failed attempts: wait Retry-After seconds", "content", errorContent));
        }
        if (route.produces() == Route.Produces.EVENT_STREAM) {
            responses.put("429", Map.of("description", "this session has as many streams open as it may", "content", errorContent));
            responses.put("503", Map.of("description", "the console has as many streams open as it may", "content", errorContent));
        }
        if (route.body() != Route.Body.NONE) {
            responses.put("413", Map.of("description", "body larger than the upload limit", "content", errorContent));
        }
        op.put("responses", responses);
        return op;
    }

    static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.path().split("[/-]")) {
            if (segment.isEmpty()) {
                continue;
            }
            String word = segment.startsWith("{") ? "By" + capital(segment.substring(1, segment.length() - 1)) : capital(segment);
            id.append(word.replace(".", ""));
        }
        return id.toString();
    }

    private static String capital(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String contentType(Route.Produces produces) {
        return switch (produces) {
            case JSON -> "application/json";
            case PNG -> "image/png";
            case TEXT -> "text/plain";
            case BINARY -> "application/octet-stream";
            case EVENT_STREAM -> "text/event-stream";
        };
    }
}
