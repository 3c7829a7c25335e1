package dev.mica.repl.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.mica.interp.Interpreter;
import dev.mica.repl.InterpreterSource;
import dev.mica.repl.ticket.ReplTicket;
import dev.mica.repl.ticket.ReplTickets;

/**
 * One WebREPL client: the WebSocket handshake, the password (or a ticket), then the REPL session
 * on the text frames and file transfers on the binary frames, until either side ends.
 */
final class WebReplConnection {
    static final String PASSWORD_PROMPT = "Password: ";
    static final String CONNECTED = "\r\nWebREPL connected\r\n>>> ";
    static final String DENIED = "\r\nAccess denied\r\n";
    /** Longer entries are never right (a password has at most 9 characters, a ticket 43). */
    private static final int MAX_PASSWORD_ENTRY = 64;
    /** How long a file transfer waits for the session's first interpreter. */
    private static final long INTERPRETER_WAIT_MILLIS = 30_000;
    private static final int TERMINAL_INPUT_BUFFER = 4096;

    /**
     * What every connection of a listener shares.
     *
     * @param passwordDigest the password's digest, or null when only tickets log in
     * @param interpreters the interpreters of password logins
     * @param tickets the ticket office, or null when tickets are not taken
     * @param ticketInterpreters the interpreters of a ticket's target (an app's name, or "" for fresh ones)
     */
    record Settings(byte[] passwordDigest, String banner, InterpreterSource interpreters, ReplTickets tickets,
            Function<String, InterpreterSource> ticketInterpreters, LoginThrottle throttle,
            long failureDelayMillis, int loginTimeoutMillis, int maxFramePayload, long maxUpload,
            byte[] versionBytes, String page, ScheduledExecutorService deadlines) {}

    private final Socket socket;
    private final Settings settings;

    WebReplConnection(Socket socket, Settings settings) {
        this.socket = socket;
        this.settings = settings;
    }

    /** SHA-256 of a password, the form in which entries are compared (equal lengths: constant time). */
    static byte[] digest(byte[] password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Serves the client until the connection ends; never throws. */
    void serve() {
        InetAddress address = socket.getInetAddress();
        ScheduledFuture<?> loginDeadline = null;
        try {
            // the read timeout alone would let a client that sends a byte now and then stay forever
            loginDeadline = settings.deadlines().schedule(this::closeSocket, settings.loginTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(settings.loginTimeoutMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Map<String, String> request = WebSocketHandshake.accept(in, out, settings.page());
            WebSocketConnection ws = new WebSocketConnection(in, out, settings.maxFramePayload());
            try {
                long blocked = settings.throttle().blockedFor(address);
                if (blocked > 0) {
                    ws.sendText("\r\nToo many failed logins from " + address.getHostAddress() + ": try again in "
                            + ((blocked + 999) / 1000) + " s\r\n");
                    ws.close(WebSocketConnection.CLOSE_POLICY_VIOLATION, "too many failed logins");
                    return;
                }
                ws.sendText(PASSWORD_PROMPT);
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                int[] restType = new int[1];
                InterpreterSource target = login(ws, rest, restType, address, request.get("origin"));
                if (target == null) {
                    return;
                }
                if (!loginDeadline.cancel(false)) {
                    return;
                }
                socket.setSoTimeout(0);
                session(ws, rest.toByteArray(), restType[0], target);
            } catch (WebSocketConnection.ProtocolException e) {
                ws.close(e.closeCode, e.getMessage());
            }
        } catch (WebSocketHandshake.Refused | SocketTimeoutException e) {
            // not a WebSocket client, or one that did not log in in time
        } catch (IOException e) {
            // the client went away
        } catch (RuntimeException e) {
            // a failure of this side must end the connection, not the listener
            TransportLog.warning("WebREPL connection from " + address.getHostAddress() + " failed: " + e);
        } finally {
            if (loginDeadline != null) {
                loginDeadline.cancel(false);
            }
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /**
     * Reads the password (up to a CR or LF, from frames of either kind, as a board does) and
     * answers it. Bytes after the line end in the same frame are kept in {@code rest}.
     *
     * @return the interpreters of the session the entry opens, or null when it was refused
     */
    private InterpreterSource login(WebSocketConnection ws, ByteArrayOutputStream rest, int[] restType,
            InetAddress address, String origin) throws IOException {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        boolean overlong = false;
        while (true) {
            WebSocketConnection.DataFrame frame = ws.read();
            if (frame == null) {
                return null;
            }
            byte[] payload = frame.payload();
            for (int i = 0; i < payload.length; i++) {
                byte b = payload[i];
                if (b == '\r' || b == '\n') {
                    rest.write(payload, i + 1, payload.length - i - 1);
                    restType[0] = frame.type();
                    return answerPassword(ws, entry.toByteArray(), overlong, address, origin);
                }
                if (entry.size() < MAX_PASSWORD_ENTRY) {
                    entry.write(b);
                } else {
                    overlong = true;
                }
            }
        }
    }

    /**
     * Takes the entry as the password or, failing that, as a ticket; a failure is answered as
     * MicroPython's WebREPL answers a wrong password, whichever was tried.
     */
    private InterpreterSource answerPassword(WebSocketConnection ws, byte[] entry, boolean overlong,
            InetAddress address, String origin) throws IOException {
        byte[] entered = digest(entry);
        String asTicket = overlong ? null : new String(entry, StandardCharsets.US_ASCII);
        Arrays.fill(entry, (byte) 0);
        InterpreterSource target = null;
        String who = null;
        if (settings.passwordDigest() != null && !overlong && MessageDigest.isEqual(entered, settings.passwordDigest())) {
            target = settings.interpreters();
            who = "with the password";
        } else if (settings.tickets() != null && asTicket != null) {
            Optional<ReplTicket> ticket = settings.tickets().redeem(asTicket);
            if (ticket.isPresent() && !ticket.get().allowsOrigin(origin)) {
                TransportLog.warning("WebREPL: a ticket of " + ticket.get().holder() + " came from the page of "
                        + origin + ", not of " + ticket.get().origin() + ": refused");
            } else if (ticket.isPresent()) {
                target = settings.ticketInterpreters().apply(ticket.get().app());
                who = "with a ticket of " + ticket.get().holder() + " ("
                        + (ticket.get().app().isEmpty() ? "fresh interpreter" : "app " + ticket.get().app()) + ")";
            }
        }
        if (target != null) {
            settings.throttle().succeeded(address);
            TransportLog.info("WebREPL connection from " + address.getHostAddress() + " " + who);
            ws.sendText(CONNECTED);
            return target;
        }
        boolean blocks = settings.throttle().failed(address);
        TransportLog.warning("WebREPL: wrong password or ticket from " + address.getHostAddress()
                + (blocks ? "; further logins from there are refused for a while" : ""));
        try {
            // a pause before the answer slows guessing even below the limit
            Thread.sleep(settings.failureDelayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ws.sendText(DENIED);
        ws.close(WebSocketConnection.CLOSE_POLICY_VIOLATION, "access denied");
        return null;
    }

    /** The REPL on the text frames and file transfers on the binary ones, until either side ends. */
    private void session(WebSocketConnection ws, byte[] rest, int restType, InterpreterSource interpreters)
            throws IOException {
        BytePipe terminalInput = new BytePipe(TERMINAL_INPUT_BUFFER);
        SessionInterpreter current = new SessionInterpreter();
        OutputStream terminal = new PrefixDroppingOutput(new TerminalFrameOutput(ws),
                (settings.banner() + "\r\nType \"help()\" for more information.\r\n>>> ").getBytes(StandardCharsets.UTF_8));
        InterpreterSource source = (stdin, stdout, stderr) -> current.opened(interpreters.open(stdin, stdout, stderr));
        Thread repl = new Thread(() -> {
            try {
                ReplConnection.serve(terminalInput, terminal, settings.banner(), source);
            } finally {
                current.ended();
                // the session is over (its interpreter could not be made, or the output failed)
                ws.close(WebSocketConnection.CLOSE_NORMAL, "REPL ended");
                try {
                    socket.close();
                } catch (IOException e) {
                    // closed already
                }
            }
        }, "mica-webrepl-session-" + socket.getRemoteSocketAddress());
        repl.setDaemon(true);
        repl.start();
        WebReplFileTransfer files = new WebReplFileTransfer(ws::sendBinary,
                () -> current.await(INTERPRETER_WAIT_MILLIS), settings.maxUpload(), settings.versionBytes());
        try {
            if (rest.length > 0) {
                dispatch(restType, rest, terminalInput, files);
            }
            while (true) {
                WebSocketConnection.DataFrame frame = ws.read();
                if (frame == null) {
                    break;
                }
                dispatch(frame.type(), frame.payload(), terminalInput, files);
            }
        } finally {
            files.close();
            // the end of input interrupts a running program and ends the session
            terminalInput.close();
        }
    }

    private static void dispatch(int type, byte[] payload, BytePipe terminal, WebReplFileTransfer files)
            throws IOException {
        if (type == WebSocketConnection.OP_TEXT) {
            terminal.put(payload, 0, payload.length);
        } else {
            files.accept(payload);
        }
    }

    /** The interpreter the session runs now, for file transfers, which take names as it does. */
    private static final class SessionInterpreter {
        private Interpreter interpreter;
        private boolean ended;

        synchronized Interpreter opened(Interpreter opened) {
            interpreter = opened;
            notifyAll();
            return opened;
        }

        synchronized void ended() {
            ended = true;
            notifyAll();
        }

        /** The current interpreter, waiting for the first one; null when the session has none. */
        synchronized Interpreter await(long timeoutMillis) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (interpreter == null && !ended) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return ended ? null : interpreter;
        }
    }
}
