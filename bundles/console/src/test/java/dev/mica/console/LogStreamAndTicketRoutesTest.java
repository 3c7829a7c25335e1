package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.repl.ticket.ReplEndpoint;
import dev.mica.repl.ticket.ReplTicket;
import dev.mica.repl.ticket.ReplTickets;

/** The log stream (server-sent events) and the WebREPL ticket routes, through the dispatcher as the servlet drives them. */
class LogStreamAndTicketRoutesTest {
    @TempDir
    Path storage;
    MutableClock clock;
    FakeAppControl apps;
    Sessions sessions;
    LogStreams streams;
    ApiDispatcher dispatcher;
    String adminPassword;
    final FakeTickets tickets = new FakeTickets();

    /** What a client received. */
    static final class CollectingSink implements EventStream.Sink {
        final StringBuilder received = new StringBuilder();
        boolean ready = true;
        boolean closed;

        @Override
        public boolean ready() {
            return ready && !closed;
        }

        @Override
        public void send(String text) {
            received.append(text);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class FakeTickets implements ReplTickets {
        final List<ReplEndpoint> endpoints = new ArrayList<>();
        final List<ReplTicket> issued = new ArrayList<>();

        @Override
        public ReplTicket issue(String app, String holder, String origin) {
            ReplTicket ticket = new ReplTicket("t" + issued.size(), app, holder, origin, Instant.now().plus(LIFETIME));
            issued.add(ticket);
            return ticket;
        }

        @Override
        public Optional<ReplTicket> redeem(String value) {
            return Optional.empty();
        }

        @Override
        public List<ReplEndpoint> endpoints() {
            return endpoints;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        clock = new MutableClock();
        apps = new FakeAppControl(storage);
        Files.createDirectories(storage.resolve("apps/ticker"));
        Files.writeString(storage.resolve("apps/ticker/main.py"), "pass\n");
        Path usersFile = storage.resolve("state").resolve(UserStore.FILE);
        UserStore users = new UserStore(usersFile, new PasswordHasher(1000, new SecureRandom()), new SecureRandom());
        adminPassword = users.load().orElseThrow();
        users.put("viewer", Role.VIEWER, "viewer-password".toCharArray());
        sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12), 100, new SecureRandom());
        streams = new LogStreams(apps, sessions, clock, 2, 3);
        List<Route> more = new ArrayList<>(new ReplTicketRoutes(apps, () -> tickets).routes());
        more.addAll(new LogStreamRoutes(apps, streams).routes());
        dispatcher = new ApiDispatcher(ConsoleApi.routes(new SessionRoutes(users, sessions,
                new LoginThrottle(clock, 3, Duration.ofMinutes(15), 100), Duration.ofHours(12)),
                new GatewayRoutes(apps, new HeapHistory(10), "test", clock, Duration.ofSeconds(5)),
                new AppRoutes(apps, 4096), new ConfigRoutes(null, apps), new FileRoutes(new ConfinedPaths(storage), usersFile),
                new BundleRoutes(null), new BoardRoutes(null), "test", more),
                sessions, 4096, (message, failure) -> { throw new AssertionError(message, failure); });
    }

    String[] login(String user, String password) {
        ApiResponse response = dispatcher.dispatch(new FakeExchange("POST", "/login")
                .json("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"));
        assertEquals(200, response.status(), response.text());
        String cookie = response.headers().get("Set-Cookie");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(response.text());
        return new String[] {cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')), (String) body.get("csrfToken")};
    }

    /** Opens a stream as the servlet does and returns what the client gets. */
    CollectingSink stream(String[] session, String lastEventId) {
        FakeExchange request = new FakeExchange("GET", "/apps/ticker/log/stream").session(session[0], null);
        if (lastEventId != null) {
            request.headers.put("Last-Event-ID", lastEventId);
        }
        ApiResponse answer = dispatcher.dispatch(request);
        assertEquals(200, answer.status(), answer.text());
        assertEquals(ApiResponse.EVENT_STREAM, answer.contentType());
        assertNotNull(answer.events());
        CollectingSink sink = new CollectingSink();
        answer.events().start(sink);
        return sink;
    }

    @Test
    void linesComeAsEventsNumberedByLineAndAResumedStreamStartsAfterTheLastId() {
        String[] viewer = login("viewer", "viewer-password");
        apps.log.add("line one");
        apps.log.add("line two");
        CollectingSink sink = stream(viewer, null);
        streams.tickAll();
        String first = sink.received.toString();
        assertTrue(first.startsWith("retry: 2000\n\n"), first);
        assertTrue(first.contains("id: 1\ndata: line one\n\nid: 2\ndata: line two\n\n"), first);
        assertTrue(first.contains("event: state\ndata: {\"state\":\"STOPPED\""), first);

        apps.start("ticker"); // logs "started ticker" and changes the state
        sink.received.setLength(0);
        streams.tickAll();
        String second = sink.received.toString();
        assertTrue(second.startsWith("id: 3\ndata: started ticker\n\nevent: state\ndata: {\"state\":\"RUNNING\""), second);

        // nothing new: a heartbeat only after its interval
        sink.received.setLength(0);
        streams.tickAll();
        assertEquals("", sink.received.toString());
        clock.advance(LogStreams.HEARTBEAT);
        streams.tickAll();
        assertEquals(": heartbeat\n\n", sink.received.toString());

        // a slow client is passed over; the lines wait for it
        apps.log.add("multi\nline");
        sink.ready = false;
        sink.received.setLength(0);
        streams.tickAll();
        assertEquals("", sink.received.toString());
        sink.ready = true;
        streams.tickAll();
        assertTrue(sink.received.toString().contains("id: 4\ndata: multi\ndata: line\n\n"), sink.received.toString());

        CollectingSink resumed = stream(viewer, "3");
        streams.tickAll();
        assertTrue(resumed.received.toString().contains("id: 4\n"), resumed.received.toString());
        assertFalse(resumed.received.toString().contains("id: 3\n"), resumed.received.toString());
        ApiResponse bad = dispatcher.dispatch(new FakeExchange("GET", "/apps/ticker/log/stream").session(viewer[0], null)
                .query("after", "x"));
        assertEquals(400, bad.status());
        assertEquals(404, dispatcher.dispatch(new FakeExchange("GET", "/apps/nosuch/log/stream")
                .session(viewer[0], null)).status());
        assertEquals(401, dispatcher.dispatch(new FakeExchange("GET", "/apps/ticker/log/stream")).status());
    }

    @Test
    void streamsAreBoundedPerSessionAndOverallAndEndWithTheSession() {
        String[] admin = login("admin", adminPassword);
        String[] viewer = login("viewer", "viewer-password");
        CollectingSink a1 = stream(admin, null);
        stream(admin, null);
        ApiResponse third = dispatcher.dispatch(new FakeExchange("GET", "/apps/ticker/log/stream").session(admin[0], null));
        assertEquals(429, third.status(), third.text());
        assertTrue(third.text().contains("this session streams 2 logs already"), third.text());
        CollectingSink v1 = stream(viewer, null);
        ApiResponse full = dispatcher.dispatch(new FakeExchange("GET", "/apps/ticker/log/stream").session(viewer[0], null));
        assertEquals(503, full.status(), full.text());

        assertEquals(200, dispatcher.dispatch(new FakeExchange("POST", "/logout").session(viewer[0], viewer[1])).status());
        streams.tickAll();
        assertTrue(v1.received.toString().endsWith("event: end\ndata: session ended\n\n"), v1.received.toString());
        assertTrue(v1.closed);
        assertFalse(a1.closed);
        assertEquals(2, streams.size(), "the ended stream gave its place back");

        // a session that times out ends its streams too
        clock.advance(Duration.ofMinutes(31));
        streams.tickAll();
        assertTrue(a1.closed);
        assertEquals(0, streams.size());
        streams.stop();
    }

    @Test
    void adminsGetTicketsBoundToTheirTargetAndOrigin() {
        String[] admin = login("admin", adminPassword);
        String[] viewer = login("viewer", "viewer-password");
        FakeExchange noListener = new FakeExchange("POST", "/repl/ticket").json("{\"app\":\"\"}").session(admin[0], admin[1]);
        assertEquals(409, dispatcher.dispatch(noListener).status());
        ApiResponse described = dispatcher.dispatch(new FakeExchange("GET", "/repl").session(admin[0], null));
        assertTrue(described.text().contains("\"available\":false"), described.text());

        tickets.endpoints.add(new ReplEndpoint("127.0.0.1", 8266, false, false, ""));
        FakeExchange request = new FakeExchange("POST", "/repl/ticket").json("{\"app\":\"ticker\"}").session(admin[0], admin[1]);
        request.headers.put("Origin", "http://127.0.0.1:8080");
        ApiResponse issued = dispatcher.dispatch(request);
        assertEquals(200, issued.status(), issued.text());
        assertTrue(issued.text().contains("\"ticket\":\"t0\""), issued.text());
        assertTrue(issued.text().contains("\"port\":8266") && issued.text().contains("\"tls\":false"), issued.text());
        assertEquals("ticker", tickets.issued.get(0).app());
        assertEquals("admin", tickets.issued.get(0).holder());
        assertEquals("http://127.0.0.1:8080", tickets.issued.get(0).origin());

        FakeExchange fresh = new FakeExchange("POST", "/repl/ticket").json("{}").session(admin[0], admin[1]);
        fresh.headers.put("Host", "gateway.local:8080");
        assertEquals(200, dispatcher.dispatch(fresh).status());
        assertEquals("", tickets.issued.get(1).app());
        assertEquals("http://gateway.local:8080", tickets.issued.get(1).origin(), "without Origin: the request's own");

        assertEquals(404, dispatcher.dispatch(new FakeExchange("POST", "/repl/ticket").json("{\"app\":\"nosuch\"}")
                .session(admin[0], admin[1])).status());
        assertEquals(403, dispatcher.dispatch(new FakeExchange("POST", "/repl/ticket").json("{}")
                .session(admin[0], null)).status(), "no CSRF token");
        assertEquals(403, dispatcher.dispatch(new FakeExchange("POST", "/repl/ticket").json("{}")
                .session(viewer[0], viewer[1])).status(), "viewers get no REPL");
        assertEquals(403, dispatcher.dispatch(new FakeExchange("GET", "/repl").session(viewer[0], null)).status());
        assertEquals(2, tickets.issued.size(), "refused requests issued nothing");
    }
}
