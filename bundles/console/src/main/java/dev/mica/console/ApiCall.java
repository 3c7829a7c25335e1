package dev.mica.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A matched request as a handler sees it: path and query parameters, the body within the upload limit, the session. */
final class ApiCall {
    private final ApiExchange exchange;
    private final Map<String, String> pathParameters;
    private final Sessions.Session session;
    private final long uploadLimit;

    ApiCall(ApiExchange exchange, Map<String, String> pathParameters, Sessions.Session session, long uploadLimit) {
        this.exchange = exchange;
        this.pathParameters = pathParameters;
        this.session = session;
        this.uploadLimit = uploadLimit;
    }

    String path(String name) {
        return pathParameters.get(name);
    }

    /** A query parameter, or null. */
    String query(String name) {
        return exchange.query(name);
    }

    /** A whole-number query parameter within bounds, or the fallback when it is absent. */
    long queryLong(String name, long fallback, long min, long max) {
        String text = exchange.query(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new ApiException(400, "'" + name + "' must be from " + min + " to " + max + ": " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'" + name + "' must be a whole number: '" + text + "'");
        }
    }

    /** The logged-in session; null only on public routes. */
    Sessions.Session session() {
        return session;
    }

    ApiExchange exchange() {
        return exchange;
    }

    /** The body, refused with 413 when it is larger than the upload limit. */
    byte[] bodyBytes() throws IOException {
        long declared = exchange.contentLength();
        if (declared > uploadLimit) {
            throw tooLarge();
        }
        // not closed here: the servlet container owns the stream (and reads what is left of it)
        InputStream in = exchange.body();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, uploadLimit + 1));
        if (bytes.length > uploadLimit) {
            throw tooLarge();
        }
        return bytes;
    }

    /** The body as a JSON object; 400 when it is not one. */
    Map<String, Object> jsonBody() throws IOException {
        String type = exchange.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "the body must be application/json");
        }
        try {
            return Json.parseObject(new String(bodyBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    /** A string member of a JSON body; 400 when it is missing or not a string. */
    static String string(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof String text)) {
            throw new ApiException(400, "'" + name + "' must be a string");
        }
        return text;
    }

    private ApiException tooLarge() {
        return new ApiException(413, "the body is larger than the upload limit of " + uploadLimit + " bytes",
                List.of("upload.max.bytes of configuration " + ConsoleConfiguration.PID));
    }
}
