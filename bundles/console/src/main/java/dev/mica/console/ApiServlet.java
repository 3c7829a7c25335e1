package dev.mica.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.gateway.api.AppControl;
import dev.mica.repl.ticket.ReplTickets;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The REST API at {@code /api/*} on the OSGi servlet whiteboard. On its first start over a
 * storage folder it makes the {@code admin} user with a random password, which it shows once
 * on the gateway's console and in its log. The sessions live as long as this component: a
 * restart of the gateway (new configuration, a swapped VM) logs everybody out.
 */
@Component(service = Servlet.class, configurationPid = ConsoleConfiguration.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=mica-console-api",
        // the log streams (server-sent events) are written after service() returns
        "osgi.http.whiteboard.servlet.asyncSupported:Boolean=true"})
@Designate(ocd = ConsoleConfiguration.class)
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String LOGGER = "dev.mica.console";
    /** How much of an unneeded body is read so that the connection can be kept. */
    static final long DRAIN_LIMIT = 64 * 1024;

    @Reference
    private transient AppControl apps;

    @Reference
    private transient ConfigurationAdmin configurationAdmin;

    private transient volatile LoggerFactory loggers;
    /** The WebREPL's tickets (the repl bundle), when it runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ReplTickets replTickets;
    private transient ApiDispatcher dispatcher;
    private transient ScheduledExecutorService sampler;
    private transient LogStreams logStreams;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLoggerFactory(LoggerFactory factory) {
        loggers = factory;
    }

    void unbindLoggerFactory(LoggerFactory factory) {
        if (loggers == factory) {
            loggers = null;
        }
    }

    @Activate
    void activate(BundleContext context, ConsoleConfiguration config) throws IOException {
        SecureRandom random = new SecureRandom();
        Path usersFile = apps.storage().resolve("state").resolve(UserStore.FILE);
        UserStore users = new UserStore(usersFile, new PasswordHasher(), random);
        Optional<String> firstPassword = users.load();
        firstPassword.ifPresent(password -> announce(usersFile, password));

        Clock clock = Clock.systemUTC();
        Duration lifetime = Duration.ofHours(Math.max(1, config.session_lifetime_hours()));
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(Math.max(1, config.session_idle_minutes())),
                lifetime, 1000, random);
        LoginThrottle throttle = new LoginThrottle(clock, Math.max(1, config.login_free_failures()),
                Duration.ofSeconds(Math.max(1, config.login_max_wait_seconds())), 10_000);
        long uploadLimit = Math.max(1024, config.upload_max_bytes());
        Duration sampleInterval = Duration.ofSeconds(Math.max(1, config.heap_sample_seconds()));
        String version = gatewayVersion(context);
        GatewayRoutes gateway = new GatewayRoutes(apps, new HeapHistory(Math.max(1, config.heap_history_samples())),
                version, clock, sampleInterval);
        logStreams = new LogStreams(apps, sessions, clock, LogStreams.PER_SESSION, LogStreams.OVERALL);
        List<Route> more = new ArrayList<>();
        more.addAll(new ReplTicketRoutes(apps, () -> replTickets).routes());
        more.addAll(new LogStreamRoutes(apps, logStreams).routes());
        dispatcher = new ApiDispatcher(ConsoleApi.routes(
                new SessionRoutes(users, sessions, throttle, lifetime),
                gateway,
                new AppRoutes(apps, uploadLimit),
                new ConfigRoutes(configurationAdmin, apps),
                new FileRoutes(new ConfinedPaths(apps.storage()), usersFile),
                new BundleRoutes(context),
                new BoardRoutes(context),
                version, more), sessions, uploadLimit, this::logError);
        logStreams.start();

        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mica-console-heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> {
            try {
                gateway.sample();
            } catch (RuntimeException e) {
                logError("console: heap sample failed", e);
            }
        }, 0, sampleInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
        logStreams.stop();
    }

    /** Shows the generated admin password once: on the gateway's console and in its log. */
    private void announce(Path usersFile, String password) {
        String message = "Mica console: first start, user 'admin' has the password " + password
                + " (shown only now; change it in the console. Delete " + usersFile + " and restart for a new one)";
        System.out.println(message);
        Logger logger = logger();
        if (logger != null) {
            logger.warn(message);
        }
    }

    private Logger logger() {
        LoggerFactory factory = loggers;
        return factory == null ? null : factory.getLogger(LOGGER);
    }

    private void logError(String message, Throwable failure) {
        Logger logger = logger();
        if (logger != null) {
            logger.error(message, failure);
        } else {
            System.err.println(message + ": " + failure);
        }
    }

    private static String gatewayVersion(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if ("dev.mica.gateway".equals(bundle.getSymbolicName())) {
                String implementation = bundle.getHeaders("").get("Implementation-Version");
                return implementation != null ? implementation : bundle.getVersion().toString();
            }
        }
        return context.getBundle().getVersion().toString();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiResponse answer = dispatcher.dispatch(new ServletExchange(request));
        drainOrClose(request, response);
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        answer.headers().forEach(response::setHeader);
        if (answer.events() != null) {
            stream(request, response, answer.events());
            return;
        }
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(answer.body());
            }
        }
    }

    /** Hands the connection to an event stream, which writes it without blocking until either side ends. */
    private static void stream(HttpServletRequest request, HttpServletResponse response, EventStream events)
            throws IOException {
        // proxies must not hold the events back
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        ServletEventSink sink = new ServletEventSink(async, out, events);
        async.addListener(sink);
        out.setWriteListener(sink);
    }

    /**
     * Reads what is left of a body the answer did not need (a refused request's), before the
     * answer is sent: a connection closed with a body unread would otherwise break the client's
     * next request on it. A large rest is not read: the connection is closed instead, and said so.
     */
    private static void drainOrClose(HttpServletRequest request, HttpServletResponse response) {
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
            if (left <= 0) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            response.setHeader("Connection", "close");
        }
    }

    /** The servlet request as the dispatcher sees it; query parameters are read from the query string only. */
    private static final class ServletExchange implements ApiExchange {
        private final HttpServletRequest request;
        private Map<String, String> query;

        ServletExchange(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            String path = request.getPathInfo();
            return path == null || path.isEmpty() ? "/" : path;
        }

        @Override
        public String query(String name) {
            if (query == null) {
                query = parseQuery(request.getQueryString());
            }
            return query.get(name);
        }

        @Override
        public String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public String cookie(String name) {
            Cookie[] cookies = request.getCookies();
            if (cookies != null) {
                for (Cookie cookie : cookies) {
                    if (cookie.getName().equals(name)) {
                        return cookie.getValue();
                    }
                }
            }
            return null;
        }

        @Override
        public String clientAddress() {
            return request.getRemoteAddr();
        }

        @Override
        public boolean secure() {
            return request.isSecure();
        }

        @Override
        public long contentLength() {
            return request.getContentLengthLong();
        }

        @Override
        public InputStream body() throws IOException {
            return request.getInputStream();
        }
    }

    static Map<String, String> parseQuery(String queryString) {
        Map<String, String> out = new java.util.HashMap<>();
        if (queryString == null) {
            return out;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is left out, and the handler says it is missing
            }
        }
        return out;
    }
}
