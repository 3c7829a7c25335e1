package dev.mica.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A headless Chromium driven through chromedriver's W3C WebDriver HTTP protocol, with the JDK's
 * HTTP client only. The browser gets a fresh profile and none of its network services (the
 * machines this runs on have no network beyond loopback).
 */
final class WebDriverClient implements AutoCloseable {
    static final String CHROMIUM = System.getenv().getOrDefault("MICA_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("MICA_CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;

    /** Whether both programs are there. */
    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    WebDriverClient() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        profile = Files.createTempDirectory("mica-chromium-");
        driver = new ProcessBuilder(CHROMEDRIVER, "--port=" + port).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        Await.until(() -> {
            try {
                return request("GET", "/status", null).contains("\"ready\":true");
            } catch (Exception e) {
                return false;
            }
        }, () -> "chromedriver did not start on " + base);
        String arguments = String.join(",", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile.resolve("profile"))
                .stream().map(WebDriverClient::quote).toList());
        String created = request("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                + "\"goog:chromeOptions\":{\"binary\":" + quote(CHROMIUM) + ",\"args\":[" + arguments + "]}}}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) MiniJson.object(created).get("value");
        session = "/session/" + value.get("sessionId");
    }

    void open(String url) throws Exception {
        command("POST", "/url", "{\"url\":" + quote(url) + "}");
    }

    /** The first element the CSS selector finds, or null. */
    String find(String css) throws Exception {
        String answer = request("POST", session + "/element", "{\"using\":\"css selector\",\"value\":" + quote(css) + "}");
        Object value = MiniJson.object(answer).get("value");
        if (value instanceof Map<?, ?> map && map.get(ELEMENT) != null) {
            return (String) map.get(ELEMENT);
        }
        return null;
    }

    /** Waits until the selector finds a displayed element, and gives it. */
    String await(String css) throws Exception {
        String[] found = {null};
        Await.until(() -> {
            try {
                found[0] = find(css);
                return found[0] != null && displayed(found[0]);
            } catch (Exception e) {
                return false;
            }
        }, () -> "no visible " + css + " on the page; message: " + safeText("#message"));
        return found[0];
    }

    boolean displayed(String element) throws Exception {
        return command("GET", "/element/" + element + "/displayed", null).contains("true");
    }

    /** Clicks the element; found anew if the page replaced it meanwhile (lists are redrawn as they refresh). */
    void click(String css) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                command("POST", "/element/" + await(css) + "/click", "{}");
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 10 || !e.getMessage().contains("stale element")) {
                    throw e;
                }
            }
        }
    }

    void type(String css, String text) throws Exception {
        String element = await(css);
        command("POST", "/element/" + element + "/clear", "{}");
        command("POST", "/element/" + element + "/value", "{\"text\":" + quote(text) + "}");
    }

    /** Types keys into a focusable element without clearing it first (WebDriver key codes such as U+E007, Enter). */
    void keys(String css, String text) throws Exception {
        command("POST", "/element/" + await(css) + "/value", "{\"text\":" + quote(text) + "}");
    }

    /** Gives a file to an {@code <input type=file>}. */
    void chooseFile(String css, Path file) throws Exception {
        command("POST", "/element/" + await(css) + "/value", "{\"text\":" + quote(file.toString()) + "}");
    }

    String text(String css) throws Exception {
        String element = find(css);
        if (element == null) {
            return "";
        }
        Object value = MiniJson.object(command("GET", "/element/" + element + "/text", null)).get("value");
        return value == null ? "" : value.toString();
    }

    String safeText(String css) {
        try {
            return text(css);
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    /** Runs a script in the page; its result as JSON text. */
    String script(String body, String... arguments) throws Exception {
        String args = String.join(",", List.of(arguments).stream().map(WebDriverClient::quote).toList());
        return command("POST", "/execute/sync", "{\"script\":" + quote(body) + ",\"args\":[" + args + "]}");
    }

    void awaitText(String css, String expected) throws InterruptedException {
        awaitCondition(() -> safeText(css).contains(expected), () -> css + " shows: " + safeText(css)
                + "; message: " + safeText("#message"));
    }

    static void awaitCondition(BooleanSupplier condition, java.util.function.Supplier<String> seen) throws InterruptedException {
        Await.until(condition, seen);
    }

    private String command(String method, String path, String body) throws Exception {
        String answer = request(method, session + path, body);
        if (answer.contains("\"error\":")) {
            throw new IllegalStateException(method + " " + path + ": " + answer);
        }
        return answer;
    }

    private String request(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() throws Exception {
        try {
            if (session != null) {
                request("DELETE", session, null);
            }
        } finally {
            driver.destroy();
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
