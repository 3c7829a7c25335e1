package dev.mica.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.osgi.framework.ServiceReference;

/**
 * The web console over HTTP, as a browser's script uses it: the session cookie it got at login
 * and the CSRF token in the header of every change.
 */
final class ConsoleClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String base;
    String cookie;
    String csrf;

    ConsoleClient(String base) {
        this.base = base;
    }

    /** The base URL of the framework's HTTP service (its endpoint property), without a trailing '/'. */
    static String endpoint() throws Exception {
        String name = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
        Reflect.awaitService(name);
        ServiceReference<?> reference = Bundles.context().getServiceReference(name);
        Object endpoint = reference.getProperty("osgi.http.endpoint");
        String url = endpoint instanceof String[] urls ? urls[0]
                : endpoint instanceof java.util.Collection<?> list ? list.iterator().next().toString() : endpoint.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        Map<String, Object> json() {
            return MiniJson.object(body);
        }
    }

    Answer send(String method, String path, String contentType, byte[] body, boolean withCsrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (withCsrf && csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, false);
    }

    /** An answer whose body is bytes (an image, a downloaded file). */
    record BinaryAnswer(int status, byte[] body, Map<String, java.util.List<String>> headers) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of()).stream().findFirst().orElse(null);
        }
    }

    /** A GET whose answer is kept as bytes. */
    BinaryAnswer getBytes(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new BinaryAnswer(response.statusCode(), response.body(), response.headers().map());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), true);
    }

    Answer put(String path, byte[] content) throws IOException, InterruptedException {
        return send("PUT", path, "application/octet-stream", content, true);
    }

    Answer putJson(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Logs in; the answer's status. */
    int login(String user, String password) throws IOException, InterruptedException {
        Answer answer = post("/api/login", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
        if (answer.status() == 200) {
            String setCookie = answer.headers().get("set-cookie").get(0);
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = (String) answer.json().get("csrfToken");
        }
        return answer.status();
    }
}
