package dev.mica.repl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.gateway.api.AppInterpreters;
import dev.mica.interp.InterpreterFactory;
import dev.mica.repl.InterpreterSource;
import dev.mica.repl.ticket.ReplEndpoint;
import dev.mica.repl.ticket.ReplTickets;

/**
 * MicroPython's WebREPL: a WebSocket listener (ws://, or wss:// with a configured keystore)
 * whose clients log in with a password, then get a REPL in a board's style on text frames and
 * file transfers on binary frames, as MicroPython's {@code webrepl.html} and
 * {@code webrepl_cli.py} expect. A one-time ticket of {@link ReplTickets} (the web console's
 * terminal) is taken where the password is. Runs without a configuration too: then, as with
 * any configuration without a valid password, only tickets log in. Bound to the loopback
 * address unless configured otherwise.
 */
@Component(configurationPid = WebReplListener.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = WebReplConfiguration.class, factory = true)
public class WebReplListener {
    static final String PID = "dev.mica.repl.webrepl";
    /** MicroPython's limits for a WebREPL password ({@code webrepl_setup} and {@code _webrepl.password}). */
    static final int MIN_PASSWORD = 4;
    static final int MAX_PASSWORD = 9;
    private static final long FAILURE_DELAY_MILLIS = 1000;

    @Reference
    InterpreterFactory factory;
    /** The ticket office of this bundle (null in tests without tickets: then a password is needed). */
    @Reference(target = "(component.name=dev.mica.repl.transport.ReplTicketService)")
    ReplTickets tickets;
    private volatile AppInterpreters apps;
    private AutoCloseable ticketRegistration;

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ConnectionWorkers workers = new ConnectionWorkers();
    private ServerSocket server;
    private int maxConnections;
    private WebReplConnection.Settings settings;
    /** Closes connections that do not log in in time. */
    private ScheduledExecutorService deadlines;
    /** The pause after a wrong password; shorter in tests. */
    long failureDelayMillis = FAILURE_DELAY_MILLIS;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindApps(AppInterpreters service) {
        apps = service;
    }

    void unbindApps(AppInterpreters service) {
        if (apps == service) {
            apps = null;
        }
    }

    @Activate
    void activate(WebReplConfiguration config, Map<String, Object> properties)
            throws IOException, GeneralSecurityException {
        // without a configuration of its own the listener serves the console's tickets on the default port
        boolean configured = properties.containsKey(Constants.SERVICE_PID);
        String password = config.password() == null ? "" : config.password();
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        boolean passwordValid = password.length() >= MIN_PASSWORD && bytes <= MAX_PASSWORD;
        if (!passwordValid && tickets == null) {
            TransportLog.warning("configuration " + PID + " needs a password of " + MIN_PASSWORD + " to "
                    + MAX_PASSWORD + " characters: no WebREPL");
            return;
        }
        if (!passwordValid && !password.isEmpty()) {
            TransportLog.warning("configuration " + PID + " needs a password of " + MIN_PASSWORD + " to "
                    + MAX_PASSWORD + " characters: the WebREPL takes only the console's tickets");
        }
        maxConnections = Math.max(1, config.max_connections());
        deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mica-webrepl-login-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        String app = config.app();
        String storage = config.storage();
        InterpreterSource interpreters = (stdin, stdout, stderr) -> SessionInterpreters
                .of(app, storage, factory, apps).open(stdin, stdout, stderr);
        Function<String, InterpreterSource> ticketInterpreters = target -> (stdin, stdout, stderr) -> SessionInterpreters
                .of(target, storage, factory, apps).open(stdin, stdout, stderr);
        settings = new WebReplConnection.Settings(
                passwordValid ? WebReplConnection.digest(password.getBytes(StandardCharsets.UTF_8)) : null,
                SessionInterpreters.banner(factory), interpreters, tickets, ticketInterpreters,
                new LoginThrottle(config.login_attempts(), config.login_block_seconds() * 1000L, System::currentTimeMillis),
                failureDelayMillis, Math.max(1, config.login_timeout_seconds()) * 1000,
                Math.max(1024, config.max_frame_size()), Math.max(0, config.max_upload_size()),
                versionBytes(factory.version()), page(config.client_url()), deadlines);
        boolean tls = !config.tls_keystore().isBlank();
        try {
            server = tls ? tlsServerSocket(config) : new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            deadlines.shutdownNow();
            if (server != null) {
                server.close();
                server = null;
            }
            if (!configured) {
                TransportLog.warning("WebREPL for the console's terminal: cannot listen on " + config.host() + ":"
                        + config.port() + " (" + e.getMessage() + "); configure " + PID + " with another port");
                return;
            }
            throw e;
        }
        String target = app.isBlank() ? "fresh interpreters over " + storage : "app " + app.strip();
        TransportLog.info("WebREPL on " + (tls ? "wss" : "ws") + "://" + config.host() + ":" + server.getLocalPort()
                + "/ (" + target + (passwordValid ? "" : "; console tickets only") + ")");
        if (tickets instanceof ReplTicketService office) {
            ticketRegistration = office.listening(new ReplEndpoint(config.host(), server.getLocalPort(), tls,
                    passwordValid, app.strip()));
        }
        Thread acceptor = new Thread(this::accept, "mica-webrepl-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port it listens on (the configured one, or the one the system chose for port 0); -1 when not listening. */
    int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    @Deactivate
    void deactivate() {
        if (server == null) {
            return;
        }
        if (ticketRegistration != null) {
            try {
                ticketRegistration.close();
            } catch (Exception e) {
                // only a list entry
            }
        }
        deadlines.shutdownNow();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // closed already
            }
        }
        workers.awaitEnd(STOP_WAIT_MILLIS);
    }

    /** How long a stopping listener waits for its sessions to end. */
    static final long STOP_WAIT_MILLIS = 2000;

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    TransportLog.warning("WebREPL listener: " + e.getMessage());
                }
                continue;
            }
            if (connections.size() >= maxConnections) {
                // as a board refuses a second WebREPL client: closed without a word
                try {
                    socket.close();
                } catch (IOException e) {
                    // refused anyway
                }
                continue;
            }
            connections.add(socket);
            workers.start("mica-webrepl-" + socket.getRemoteSocketAddress(), () -> {
                try {
                    new WebReplConnection(socket, settings).serve();
                } finally {
                    connections.remove(socket);
                }
            });
        }
    }

    /** A server socket for wss://, with the key and certificate of the configured keystore. */
    private static ServerSocket tlsServerSocket(WebReplConfiguration config) throws IOException, GeneralSecurityException {
        char[] secret = config.tls_keystore_password().toCharArray();
        KeyStore keys = KeyStore.getInstance(config.tls_keystore_type());
        try (InputStream in = Files.newInputStream(Path.of(config.tls_keystore()))) {
            keys.load(in, secret);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, secret);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context.getServerSocketFactory().createServerSocket();
    }

    /** The three version bytes of GET_VER, from a version such as {@code 1.24.1}. */
    static byte[] versionBytes(String version) {
        byte[] bytes = new byte[3];
        String[] parts = version.split("[^0-9]+");
        int filled = 0;
        for (String part : parts) {
            if (filled == 3) {
                break;
            }
            if (!part.isEmpty()) {
                bytes[filled++] = (byte) Math.min(255, Integer.parseInt(part.length() > 3 ? "255" : part));
            }
        }
        return bytes;
    }

    /** What a browser gets at http://HOST:PORT/: the WebREPL client, from where the configuration says. */
    private static String page(String clientUrl) {
        if (clientUrl == null || clientUrl.isBlank()) {
            return "<!DOCTYPE html><title>WebREPL</title><p>This port speaks MicroPython's WebREPL: "
                    + "connect to it with webrepl.html or webrepl_cli.py.</p>\n";
        }
        String base = clientUrl.strip().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        return "<!DOCTYPE html><base href=\"" + base + "\"><script src=\"webrepl_content.js\"></script>\n";
    }
}
