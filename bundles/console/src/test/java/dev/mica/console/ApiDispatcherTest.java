package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's security checks and app routes, driven through the dispatcher as the servlet does. */
class ApiDispatcherTest {
    static final long UPLOAD_LIMIT = 4096;

    @TempDir
    Path storage;
    MutableClock clock;
    FakeAppControl apps;
    UserStore users;
    ApiDispatcher dispatcher;
    String adminPassword;

    @BeforeEach
    void setUp() throws IOException {
        clock = new MutableClock();
        apps = new FakeAppControl(storage);
        Files.createDirectories(storage.resolve("apps"));
        Path usersFile = storage.resolve("state").resolve(UserStore.FILE);
        users = new UserStore(usersFile, new PasswordHasher(1000, new SecureRandom()), new SecureRandom());
        adminPassword = users.load().orElseThrow();
        users.put("viewer", Role.VIEWER, "viewer-password".toCharArray());
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12), 100, new SecureRandom());
        LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(15), 100);
        GatewayRoutes gateway = new GatewayRoutes(apps, new HeapHistory(10), "test", clock, Duration.ofSeconds(5));
        dispatcher = new ApiDispatcher(ConsoleApi.routes(new SessionRoutes(users, sessions, throttle, Duration.ofHours(12)),
                gateway, new AppRoutes(apps, UPLOAD_LIMIT), new ConfigRoutes(null, apps),
                new FileRoutes(new ConfinedPaths(storage), usersFile), new BundleRoutes(null), new BoardRoutes(null), "test"),
                sessions, UPLOAD_LIMIT, (message, failure) -> { throw new AssertionError(message, failure); });
    }

    ApiResponse call(FakeExchange exchange) {
        return dispatcher.dispatch(exchange);
    }

    /** Logs in; the session cookie and CSRF token. */
    String[] login(String user, String password) {
        ApiResponse response = call(new FakeExchange("POST", "/login")
                .json("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"));
        assertEquals(200, response.status(), response.text());
        String cookie = response.headers().get("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(response.text());
        return new String[] {id, (String) body.get("csrfToken")};
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationOfTheDocumentButThePublicOnesNeedsASession() {
        Map<String, Object> document = (Map<String, Object>) Json.parse(call(new FakeExchange("GET", "/openapi.json")).text());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            for (Map.Entry<String, Object> operation : path.getValue().entrySet()) {
                Map<String, Object> op = (Map<String, Object>) operation.getValue();
                if (List.of().equals(op.get("security"))) {
                    continue;
                }
                String concrete = path.getKey().replaceAll("\\{[a-z]+\\}", "x1");
                ApiResponse response = call(new FakeExchange(operation.getKey().toUpperCase(), concrete).json("{}"));
                assertEquals(401, response.status(), operation.getKey() + " " + concrete);
                assertTrue(response.text().startsWith("{\"error\":"), response.text());
                checked++;
            }
        }
        assertTrue(checked > 30, "operations checked: " + checked);
        assertEquals(401, call(new FakeExchange("GET", "/no/such/path")).status(), "unknown paths tell nothing either");
    }

    @Test
    void theDocumentDescribesExactlyTheRouteTable() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) ((Map<String, Object>) Json
                .parse(call(new FakeExchange("GET", "/openapi.json")).text())).get("paths");
        Set<String> documented = new HashSet<>();
        paths.forEach((path, operations) -> operations.keySet().forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        Set<String> routed = new HashSet<>();
        Set<String> operationIds = new HashSet<>();
        for (Route route : dispatcher.routes()) {
            assertTrue(routed.add(route.method() + " " + route.path()), "twice: " + route);
            assertTrue(operationIds.add(OpenApi.operationId(route)), "operationId twice: " + route);
        }
        assertEquals(routed, documented);
    }

    @Test
    void loginGivesASessionAndAWrongPasswordDoesNot() {
        String[] session = login("admin", adminPassword);
        ApiResponse me = call(new FakeExchange("GET", "/session").session(session[0], null));
        assertEquals(200, me.status());
        assertTrue(me.text().contains("\"role\":\"admin\""));
        ApiResponse wrong = call(new FakeExchange("POST", "/login").json("{\"user\":\"admin\",\"password\":\"nope\"}"));
        assertEquals(401, wrong.status());
        assertFalse(wrong.headers().containsKey("Set-Cookie"));
        assertEquals(415, call(new FakeExchange("POST", "/login").bytes("{}".getBytes())).status(),
                "a login must be JSON, which a cross-site form cannot send");
        assertEquals(400, call(new FakeExchange("POST", "/login").json("{\"user\":1}")).status());
    }

    @Test
    void loginAttemptsAreRateLimitedPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, call(new FakeExchange("POST", "/login").json("{\"user\":\"admin\",\"password\":\"x\"}")).status());
        }
        ApiResponse blocked = call(new FakeExchange("POST", "/login")
                .json("{\"user\":\"admin\",\"password\":\"" + adminPassword + "\"}"));
        assertEquals(429, blocked.status(), "even the right password waits");
        assertEquals("1", blocked.headers().get("Retry-After"));
        FakeExchange elsewhere = new FakeExchange("POST", "/login").json("{\"user\":\"admin\",\"password\":\"" + adminPassword + "\"}");
        elsewhere.address = "127.0.0.2";
        assertEquals(200, call(elsewhere).status());
        clock.advance(Duration.ofSeconds(1));
        login("admin", adminPassword);
    }

    @Test
    void changesNeedTheSessionsCsrfToken() {
        String[] admin = login("admin", adminPassword);
        String[] other = login("admin", adminPassword);
        String body = "{\"name\":\"blink\",\"source\":\"print(1)\"}";
        assertEquals(403, call(new FakeExchange("POST", "/apps").json(body).session(admin[0], null)).status());
        assertEquals(403, call(new FakeExchange("POST", "/apps").json(body).session(admin[0], other[1])).status(),
                "another session's token does not do");
        assertFalse(Files.exists(storage.resolve("apps/blink")));
        assertEquals(200, call(new FakeExchange("POST", "/apps").json(body).session(admin[0], admin[1])).status());
        assertTrue(Files.exists(storage.resolve("apps/blink/main.py")));
    }

    @Test
    void aViewerReadsButDoesNotChange() throws IOException {
        Files.createDirectories(storage.resolve("apps/blink"));
        Files.writeString(storage.resolve("apps/blink/main.py"), "print(1)");
        String[] viewer = login("viewer", "viewer-password");
        assertEquals(200, call(new FakeExchange("GET", "/apps").session(viewer[0], null)).status());
        ApiResponse start = call(new FakeExchange("POST", "/apps/blink/start").session(viewer[0], viewer[1]));
        assertEquals(403, start.status());
        assertTrue(start.text().contains("admin role"), start.text());
        assertEquals(403, call(new FakeExchange("GET", "/users").session(viewer[0], null)).status());
        assertEquals(403, call(new FakeExchange("PUT", "/files/content").query("path", "x").bytes(new byte[1])
                .session(viewer[0], viewer[1])).status());
        assertEquals(List.of(), apps.log);
    }

    @Test
    void anAppIsCreatedStartedAndItsLogRead() {
        String[] admin = login("admin", adminPassword);
        call(new FakeExchange("POST", "/apps").json("{\"name\":\"blink\",\"source\":\"print(1)\"}").session(admin[0], admin[1]));
        ApiResponse started = call(new FakeExchange("POST", "/apps/blink/start").session(admin[0], admin[1]));
        assertEquals("{\"result\":\"started blink\"}", started.text());
        ApiResponse log = call(new FakeExchange("GET", "/apps/blink/log").query("after", "0").session(admin[0], null));
        assertTrue(log.text().contains("\"lines\":[\"started blink\"],\"last\":1"), log.text());
        assertEquals(404, call(new FakeExchange("POST", "/apps/nothere/start").session(admin[0], admin[1])).status());
        assertEquals(400, call(new FakeExchange("POST", "/apps/bad..name/start").session(admin[0], admin[1])).status());
        assertEquals(400, call(new FakeExchange("GET", "/apps/blink/log").query("max", "0").session(admin[0], null)).status());
        assertEquals(409, call(new FakeExchange("POST", "/apps").json("{\"name\":\"blink\",\"source\":\"\"}")
                .session(admin[0], admin[1])).status());
    }

    @Test
    void uploadsAreLimitedAndConfined() throws IOException {
        String[] admin = login("admin", adminPassword);
        ApiResponse tooLarge = call(new FakeExchange("PUT", "/files/content").query("path", "big.bin")
                .bytes(new byte[(int) UPLOAD_LIMIT + 1]).session(admin[0], admin[1]));
        assertEquals(413, tooLarge.status());
        assertFalse(Files.exists(storage.resolve("big.bin")));
        assertEquals(400, call(new FakeExchange("PUT", "/files/content").query("path", "../escape")
                .bytes(new byte[1]).session(admin[0], admin[1])).status());
        assertEquals(403, call(new FakeExchange("GET", "/files/content").query("path", "state/" + UserStore.FILE)
                .session(admin[0], null)).status(), "the password hashes are out of reach");
        assertEquals(200, call(new FakeExchange("PUT", "/files/content").query("path", "data/x.txt")
                .bytes("hi".getBytes()).session(admin[0], admin[1])).status());
        assertEquals("hi", call(new FakeExchange("GET", "/files/content").query("path", "data/x.txt")
                .session(admin[0], null)).text());
        ApiResponse listing = call(new FakeExchange("GET", "/files").session(admin[0], null));
        assertTrue(listing.text().contains("\"name\":\"data\""), listing.text());
    }

    @Test
    void aZipWithAnEntryOutsideItsFolderIsRefused() throws IOException {
        String[] admin = login("admin", adminPassword);
        ApiResponse refused = call(new FakeExchange("PUT", "/apps/evil/upload").query("filename", "evil.zip")
                .bytes(zip(Map.of("main.py", "print(1)", "../../outside.py", "x"))).session(admin[0], admin[1]));
        assertEquals(400, refused.status(), refused.text());
        assertFalse(Files.exists(storage.resolve("outside.py")));
        ApiResponse taken = call(new FakeExchange("PUT", "/apps/good/upload").query("filename", "good.zip")
                .bytes(zip(Map.of("main.py", "print(2)", "lib/util.py", "x = 1"))).session(admin[0], admin[1]));
        assertEquals(200, taken.status(), taken.text());
        assertEquals("x = 1", Files.readString(storage.resolve("apps/good/lib/util.py")));
    }

    @Test
    void aRefusedConfigurationAnswers400WithTheGatewaysReasons() throws IOException {
        Files.createDirectories(storage.resolve("apps/blink"));
        Files.writeString(storage.resolve("apps/blink/main.py"), "print(1)");
        String[] admin = login("admin", adminPassword);
        ApiResponse refused = call(new FakeExchange("PUT", "/apps/blink/config")
                .json("{\"properties\":{\"bogus\":1}}").session(admin[0], admin[1]));
        assertEquals(400, refused.status());
        assertEquals("{\"error\":\"configuration refused\",\"reasons\":[\"unknown property 'bogus'\"]}", refused.text());
        ApiResponse wrongName = call(new FakeExchange("PUT", "/apps/blink/config")
                .json("{\"properties\":{\"name\":\"other\"}}").session(admin[0], admin[1]));
        assertEquals(400, wrongName.status());
    }

    @Test
    void logoutEndsTheSession() {
        String[] admin = login("admin", adminPassword);
        ApiResponse out = call(new FakeExchange("POST", "/logout").session(admin[0], admin[1]));
        assertEquals(200, out.status());
        assertTrue(out.headers().get("Set-Cookie").contains("Max-Age=0"));
        assertEquals(401, call(new FakeExchange("GET", "/session").session(admin[0], null)).status());
    }

    @Test
    void theHeapHistoryIsBounded() {
        HeapHistory history = new HeapHistory(3);
        for (int i = 0; i < 5; i++) {
            history.add(new HeapHistory.Sample(clock.instant(), i, i, i, Map.of("a", (long) i)));
        }
        List<Long> kept = new ArrayList<>();
        history.samples().forEach(s -> kept.add(s.jvmUsed()));
        assertEquals(List.of(2L, 3L, 4L), kept);
    }

    @Test
    void aSampleHoldsTheJvmHeapAndTheRunningAppsHeap() throws IOException {
        Files.createDirectories(storage.resolve("apps/blink"));
        Files.writeString(storage.resolve("apps/blink/main.py"), "print(1)");
        apps.start("blink");
        HeapHistory history = new HeapHistory(3);
        new GatewayRoutes(apps, history, "t", clock, Duration.ofSeconds(1)).sample();
        HeapHistory.Sample sample = history.samples().get(0);
        assertEquals(Map.of("blink", 1234L), sample.apps());
        assertTrue(sample.jvmUsed() > 0 && sample.jvmCommitted() >= sample.jvmUsed(), sample.toString());
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
