package dev.mica.repl.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

/**
 * A TCP listener whose connections are REPL sessions in a board's style, spoken over telnet
 * with the COM port option (RFC 2217) so that pyserial's {@code rfc2217://} ports, and with
 * them mpremote, pyboard.py and Thonny, take it for a board's serial port. Only exists when
 * configured; bound to the loopback address unless configured otherwise, since the protocol
 * has no authentication.
 */
@Component(configurationPid = Rfc2217ReplListener.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rfc2217ReplConfiguration.class, factory = true)
public class Rfc2217ReplListener {
    static final String PID = "dev.mica.repl.rfc2217";

    @Reference
    InterpreterFactory factory;
    private volatile AppInterpreters apps;

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;
    private final ConnectionWorkers workers = new ConnectionWorkers();
    private int maxConnections;
    private InterpreterSource interpreters;
    private String banner;

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
    void activate(Rfc2217ReplConfiguration config) throws IOException {
        maxConnections = Math.max(1, config.max_connections());
        String app = config.app();
        interpreters = (stdin, stdout, stderr) -> SessionInterpreters.of(app, config.storage(), factory, apps)
                .open(stdin, stdout, stderr);
        banner = SessionInterpreters.banner(factory);
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()));
        String target = app.isBlank() ? "fresh interpreters over " + config.storage() : "app " + app.strip();
        TransportLog.info("REPL over RFC 2217 on " + config.host() + ":" + server.getLocalPort() + " (" + target + ")");
        acceptor = new Thread(this::accept, "mica-repl-rfc2217-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port it listens on (the configured one, or the one the system chose for port 0). */
    int port() {
        return server.getLocalPort();
    }

    @Deactivate
    void deactivate() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        workers.awaitEnd(WebReplListener.STOP_WAIT_MILLIS);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    TransportLog.warning("REPL listener: " + e.getMessage());
                }
                continue;
            }
            if (connections.size() >= maxConnections) {
                refuse(socket);
                continue;
            }
            connections.add(socket);
            workers.start("mica-repl-" + socket.getRemoteSocketAddress(), () -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            TelnetComPort port = new TelnetComPort(new BufferedInputStream(socket.getInputStream()),
                    new BufferedOutputStream(socket.getOutputStream()));
            port.negotiate();
            ReplConnection.serve(port.input(), port.output(), banner, interpreters);
        } catch (IOException e) {
            // the client went away during the negotiation
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    private void refuse(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("all " + maxConnections + " REPL connections are in use\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // refused anyway
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (SocketException e) {
            // closed already
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
