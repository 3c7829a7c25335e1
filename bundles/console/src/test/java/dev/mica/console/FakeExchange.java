package dev.mica.console;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request made by a test. */
final class FakeExchange implements ApiExchange {
    final String method;
    final String path;
    final Map<String, String> query = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();
    final Map<String, String> cookies = new HashMap<>();
    byte[] body = new byte[0];
    String address = "127.0.0.1";

    FakeExchange(String method, String path) {
        this.method = method;
        this.path = path;
    }

    FakeExchange json(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/json");
        return this;
    }

    FakeExchange bytes(byte[] content) {
        body = content;
        headers.put("Content-Type", "application/octet-stream");
        return this;
    }

    FakeExchange session(String id, String csrf) {
        if (id != null) {
            cookies.put(ApiDispatcher.SESSION_COOKIE, id);
        }
        if (csrf != null) {
            headers.put(ApiDispatcher.CSRF_HEADER, csrf);
        }
        return this;
    }

    FakeExchange query(String name, String value) {
        query.put(name, value);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query(String name) {
        return query.get(name);
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String cookie(String name) {
        return cookies.get(name);
    }

    @Override
    public String clientAddress() {
        return address;
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public long contentLength() {
        return body.length;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }
}
