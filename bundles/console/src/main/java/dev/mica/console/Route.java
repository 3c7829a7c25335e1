package dev.mica.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of the REST API: method, path template ({@code /apps/{name}/start}, below
 * {@code /api}), who may call it, what it takes and what it does. The route table is the one
 * source of both the dispatching and the OpenAPI document.
 */
record Route(String method, String path, Access access, String summary, Body body, List<Param> query,
        Produces produces, Handler handler) {

    /** What the request body is. */
    enum Body { NONE, JSON, BINARY }

    /** What a successful answer is. */
    enum Produces { JSON, BINARY, PNG, TEXT, EVENT_STREAM }

    record Param(String name, String description, boolean required) {
    }

    @FunctionalInterface
    interface Handler {
        /** A JSON-able value (answered with 200) or an {@link ApiResponse}. */
        Object handle(ApiCall call) throws Exception;
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z]+)\\}");

    /** The names of the path's parameters, in order. */
    List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The path parameters if the request path fits the template (a parameter is one segment), else null. */
    Map<String, String> match(String requestPath) {
        String[] template = path.split("/", -1);
        String[] actual = requestPath.split("/", -1);
        if (template.length != actual.length) {
            return null;
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            Matcher m = PARAMETER.matcher(template[i]);
            if (m.matches()) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(m.group(1), actual[i]);
            } else if (!template[i].equals(actual[i])) {
                return null;
            }
        }
        return parameters;
    }

    boolean changesState() {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
