package dev.mica.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API answers: status, content type, extra headers and body bytes; or, for a stream of
 * server-sent events, the stream that writes the body after the headers.
 */
record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body, EventStream events) {
    static final String JSON = "application/json; charset=utf-8";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, null);
    }

    /** A 200 answer whose body the stream writes as it goes. */
    static ApiResponse stream(EventStream events) {
        return new ApiResponse(200, EVENT_STREAM, Map.of(), new byte[0], events);
    }

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, Map.of(), Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse error(int status, String message) {
        return error(status, message, List.of());
    }

    static ApiResponse error(int status, String message, List<String> reasons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        return json(status, body);
    }

    static ApiResponse bytes(String contentType, byte[] body, String downloadName) {
        Map<String, String> headers = downloadName == null ? Map.of()
                : Map.of("Content-Disposition", "attachment; filename=\"" + downloadName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        return new ApiResponse(200, contentType, headers, body);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, more, body, events);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
