package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in the running gateway, over HTTP: no answer without a session for any
 * operation of its OpenAPI document, the first start's admin password, roles, CSRF tokens, and
 * an app deployed, started and its log read through the API.
 */
class ConsoleTest {
    static final Pattern PASSWORD = Pattern.compile("has the password (\\S+)");

    @TempDir
    Path storage;
    GatewayFixture gateway;
    ConsoleClient admin;

    @BeforeEach
    void startWithAFreshStorage() throws Exception {
        gateway = new GatewayFixture(storage);
        gateway.useStorage();
        admin = awaitAdminLogin(gateway, storage);
    }

    /**
     * A client logged in as the first admin of this storage folder. The console restarts with
     * the gateway, so it waits until the console answers from the new storage.
     */
    static ConsoleClient awaitAdminLogin(GatewayFixture gateway, Path storage) throws Exception {
        String password = awaitFirstPassword(gateway, storage);
        ConsoleClient client = new ConsoleClient(ConsoleClient.endpoint());
        Await.until(() -> {
            try {
                return client.login("admin", password) == 200;
            } catch (Exception e) {
                return false;
            }
        }, () -> "no login with the password of " + storage);
        return client;
    }

    /** The password the console announced for this storage folder (shown once, in the log). */
    static String awaitFirstPassword(GatewayFixture gateway, Path storage) throws InterruptedException {
        Path users = storage.resolve("state").resolve("console-users.properties");
        Await.until(() -> Files.exists(users) && gateway.log.of("dev.mica.console").stream()
                .anyMatch(m -> m.contains(users.toString())), () -> "console log: " + gateway.log.of("dev.mica.console"));
        String announced = gateway.log.of("dev.mica.console").stream().filter(m -> m.contains(users.toString()))
                .reduce((a, b) -> b).orElseThrow();
        Matcher m = PASSWORD.matcher(announced);
        assertTrue(m.find(), announced);
        return m.group(1);
    }

    @AfterEach
    void restoreTheGateway() throws Exception {
        gateway.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationOfTheOpenApiDocumentAnswers401WithoutASession() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(admin.base);
        ConsoleClient.Answer document = anonymous.get("/api/openapi.json");
        assertEquals(200, document.status());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.json().get("paths");
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            for (Map.Entry<String, Object> operation : path.getValue().entrySet()) {
                if (List.of().equals(((Map<String, Object>) operation.getValue()).get("security"))) {
                    continue; // public: login and the document itself
                }
                String concrete = "/api" + path.getKey().replaceAll("\\{[a-z]+\\}", "1");
                ConsoleClient.Answer answer = anonymous.send(operation.getKey().toUpperCase(), concrete,
                        "application/json", "{}".getBytes(StandardCharsets.UTF_8), false);
                assertEquals(401, answer.status(), operation.getKey() + " " + concrete + ": " + answer.body());
                assertTrue(answer.json().containsKey("error"), answer.body());
                checked++;
            }
        }
        assertTrue(checked >= 30, "operations checked: " + checked);
        assertEquals(401, anonymous.get("/api/no-such-thing").status());
    }

    @Test
    void aViewerReadsButCannotChangeAndChangesNeedTheCsrfToken() throws Exception {
        gateway.writeApp("idle", "print('idle')\n");
        assertEquals(200, admin.putJson("/api/users/olga", "{\"role\":\"viewer\",\"password\":\"viewer-pass-1\"}").status());
        ConsoleClient viewer = new ConsoleClient(admin.base);
        assertEquals(200, viewer.login("olga", "viewer-pass-1"));
        assertEquals(200, viewer.get("/api/apps").status());
        assertEquals(403, viewer.post("/api/apps/idle/start", null).status());
        assertEquals(403, viewer.put("/api/files/content?path=x.txt", new byte[] {1}).status());
        assertTrue(Files.notExists(storage.resolve("x.txt")));

        ConsoleClient.Answer noToken = admin.send("POST", "/api/apps/idle/start", null, null, false);
        assertEquals(403, noToken.status(), noToken.body());
        String wrong = admin.csrf;
        admin.csrf = viewer.csrf;
        assertEquals(403, admin.post("/api/apps/idle/start", null).status(), "another session's token");
        admin.csrf = wrong;
        assertEquals(1, admin.login("admin", "wrong password") == 401 ? 1 : 0);
    }

    @Test
    void anAppsLogStreamsAsServerSentEventsAndResumesAfterTheLastId() throws Exception {
        String program = "import time\nfor i in range(4):\n    print('streamed', i)\n    time.sleep(0.2)\n";
        assertEquals(200, admin.put("/api/apps/sse/upload?filename=main.py", program.getBytes(StandardCharsets.UTF_8)).status());
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin.base + "/api/apps/sse/log/stream"))
                .header("Cookie", admin.cookie).build();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                response.headers().map().toString());
        assertEquals(200, admin.post("/api/apps/sse/start", null).status());
        List<String> seen = new java.util.ArrayList<>();
        String lastId = null;
        try (java.util.stream.Stream<String> lines = response.body()) {
            java.util.Iterator<String> events = lines.iterator();
            // the lines come while the program runs, each with its line number, then the state turns FINISHED
            while (events.hasNext()) {
                String line = events.next();
                seen.add(line);
                if (line.startsWith("id: ") && lastId == null && seen.stream().anyMatch(l -> l.contains("streamed 1"))) {
                    lastId = line.substring(4);
                }
                if (line.startsWith("data: {") && line.contains("\"FINISHED\"")) {
                    break;
                }
            }
        }
        String all = String.join("\n", seen);
        assertTrue(all.contains("streamed 0") && all.contains("streamed 3"), all);
        assertTrue(all.contains("event: state"), all);
        assertTrue(lastId != null, all);

        // an EventSource that reconnects sends the last id it saw: the stream goes on after it
        HttpRequest resume = HttpRequest.newBuilder(URI.create(admin.base + "/api/apps/sse/log/stream"))
                .header("Cookie", admin.cookie).header("Last-Event-ID", lastId).build();
        HttpResponse<java.util.stream.Stream<String>> resumed = http.send(resume, HttpResponse.BodyHandlers.ofLines());
        List<String> again = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> lines = resumed.body()) {
            java.util.Iterator<String> events = lines.iterator();
            while (events.hasNext()) {
                String line = events.next();
                again.add(line);
                if (line.startsWith("event: state")) {
                    break;
                }
            }
        }
        String after = String.join("\n", again);
        assertTrue(after.contains("id: " + (Long.parseLong(lastId) + 1)), after);
        assertTrue(!after.contains("id: " + lastId + "\n"), after);

        // logging out ends the session's streams
        HttpResponse<java.util.stream.Stream<String>> open = http.send(request, HttpResponse.BodyHandlers.ofLines());
        java.util.Iterator<String> openEvents = open.body().iterator();
        assertEquals("retry: 2000", openEvents.next());
        assertEquals(200, admin.post("/api/logout", null).status());
        String last = null;
        while (openEvents.hasNext()) {
            last = openEvents.next();
            if (last.startsWith("event: end")) {
                break;
            }
        }
        assertEquals("event: end", last);
        assertEquals("data: session ended", openEvents.next());
    }

    @Test
    void anAppIsDeployedStartedAndItsLogRead() throws Exception {
        String program = "import time\nfor i in range(3):\n    print('console hello', i)\n    time.sleep(0.05)\n";
        ConsoleClient.Answer uploaded = admin.put("/api/apps/hello/upload?filename=main.py",
                program.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, uploaded.status(), uploaded.body());
        assertEquals(program, Files.readString(storage.resolve("apps/hello/main.py")));
        ConsoleClient.Answer started = admin.post("/api/apps/hello/start", null);
        assertEquals(200, started.status(), started.body());
        StringBuilder seen = new StringBuilder();
        long[] after = {0};
        Await.until(() -> {
            try {
                Map<String, Object> log = admin.get("/api/apps/hello/log?after=" + after[0]).json();
                ((List<?>) log.get("lines")).forEach(line -> seen.append(line).append('\n'));
                after[0] = (Long) log.get("last");
                return seen.toString().contains("console hello 2") && "FINISHED".equals(log.get("state"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, () -> seen.toString());
        Map<String, Object> app = admin.get("/api/apps/hello").json();
        assertEquals(0L, app.get("exitStatus"));

        ConsoleClient.Answer refused = admin.putJson("/api/apps/hello/config", "{\"properties\":{\"heapsize\":\"1k\"}}");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("'heapsize' must be a size"), refused.body());
        assertEquals(200, admin.putJson("/api/apps/hello/config", "{\"properties\":{\"heapsize\":\"64k\",\"autostart\":false}}").status());
        Await.until(() -> {
            try {
                return admin.get("/api/apps/hello").json().toString().contains("heapsize=65536");
            } catch (Exception e) {
                return false;
            }
        }, () -> "the configuration did not reach the gateway");

        ConsoleClient.Answer info = admin.get("/api/gateway");
        assertEquals(200, info.status());
        assertTrue(info.json().containsKey("jvmHeap"), info.body());
        assertEquals(200, admin.post("/api/logout", null).status());
        assertEquals(401, admin.get("/api/apps").status());
    }
}
