package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.vm.MicaInterpreterFactory;

/**
 * The WebREPL listener on a real port, driven by the JDK's WebSocket client as a browser's
 * webrepl.html drives a board: password, terminal, raw REPL, file transfers.
 */
class WebReplListenerTest {
    @TempDir
    Path home;
    private WebReplListener listener;

    private WebReplListener start(WebReplSettings settings) throws Exception {
        listener = new WebReplListener();
        listener.factory = new MicaInterpreterFactory();
        listener.failureDelayMillis = 0;
        listener.activate(settings, WebReplSettings.CONFIGURED);
        return listener;
    }

    private WebReplSettings settings() throws Exception {
        Path storage = home.resolve("storage");
        Files.createDirectories(storage);
        return new WebReplSettings(storage.toString());
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.deactivate();
        }
    }

    @Test
    void noPasswordNoListener() throws Exception {
        WebReplSettings settings = settings();
        settings.password = "";
        assertEquals(-1, start(settings).port());
        listener = null;
        settings.password = "abc";
        assertEquals(-1, start(settings).port(), "shorter than 4");
        listener = null;
        settings.password = "abcdefghij";
        assertEquals(-1, start(settings).port(), "longer than 9");
        listener = null;
        settings.password = "abcdefghi";
        assertTrue(start(settings).port() > 0);
    }

    @Test
    void withoutAPasswordOnlyTicketsLogIn() throws Exception {
        WebReplSettings settings = settings();
        settings.password = "";
        settings.loginAttempts = 10;
        ReplTicketService office = new ReplTicketService();
        listener = new WebReplListener();
        listener.factory = new MicaInterpreterFactory();
        listener.tickets = office;
        listener.failureDelayMillis = 0;
        listener.activate(settings, WebReplSettings.CONFIGURED);
        assertTrue(listener.port() > 0);
        assertEquals(1, office.endpoints().size());
        assertFalse(office.endpoints().get(0).passwordLogin());
        assertEquals(listener.port(), office.endpoints().get(0).port());

        String ticket = office.issue("", "admin", "http://127.0.0.1:8080").value();
        try (WebSocketTestClient client = connect("http://127.0.0.1:8080").login(ticket)) {
            client.sendText("1+2\r");
            client.expectText("1+2\r\n3\r\n>>> ");
        }
        // used once: the same ticket again is a wrong password, as is an empty one or a made-up one
        for (String entry : new String[] {ticket, "", "secret1", "x".repeat(43)}) {
            try (WebSocketTestClient client = connect(null)) {
                client.expectText("Password: ");
                client.sendText(entry + "\r");
                client.expectText("\r\nAccess denied\r\n");
                assertEquals(WebSocketConnection.CLOSE_POLICY_VIOLATION, client.awaitClose());
            }
        }
        // a page of another origin cannot use a ticket issued to the console's
        String stolen = office.issue("", "admin", "http://127.0.0.1:8080").value();
        try (WebSocketTestClient client = connect("http://evil.example")) {
            client.expectText("Password: ");
            client.sendText(stolen + "\r");
            client.expectText("\r\nAccess denied\r\n");
        }
        assertFalse(office.redeem(stolen).isPresent(), "a refused ticket is spent too");
        // the ticket names the session's target: here an app, which this listener cannot reach
        String appTicket = office.issue("nosuch", "admin", null).value();
        try (WebSocketTestClient client = connect(null).login(appTicket)) {
            client.readTextUntil("no REPL: ");
            client.readTextUntil("nosuch");
        }
        listener.deactivate();
        listener = null;
        assertTrue(office.endpoints().isEmpty(), "a stopped listener takes no tickets");
    }

    @Test
    void thePasswordAndTicketsBothLogIn() throws Exception {
        ReplTicketService office = new ReplTicketService();
        listener = new WebReplListener();
        listener.factory = new MicaInterpreterFactory();
        listener.tickets = office;
        listener.failureDelayMillis = 0;
        listener.activate(settings(), WebReplSettings.CONFIGURED);
        assertTrue(office.endpoints().get(0).passwordLogin());
        try (WebSocketTestClient client = connect(null).login("secret1")) {
            client.sendText("print('by password')\r");
            client.readTextUntil("by password\r\n>>> ");
        }
        try (WebSocketTestClient client = connect(null).login(office.issue("", "admin", null).value())) {
            client.sendText("print('by ticket')\r");
            client.readTextUntil("by ticket\r\n>>> ");
        }
    }

    private WebSocketTestClient connect(String origin) throws Exception {
        return new WebSocketTestClient(java.net.http.HttpClient.newHttpClient(), "ws://127.0.0.1:" + listener.port() + "/",
                origin);
    }

    @Test
    void wrongPasswordIsDeniedAndClosed() throws Exception {
        start(settings());
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port())) {
            client.expectText("Password: ");
            client.sendText("secret2\r");
            client.expectText("\r\nAccess denied\r\n");
            assertEquals(WebSocketConnection.CLOSE_POLICY_VIOLATION, client.awaitClose());
        }
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port())) {
            client.expectText("Password: ");
            // a longer entry that starts with the password is wrong too
            client.sendText("secret1secret1\r");
            client.expectText("\r\nAccess denied\r\n");
        }
    }

    @Test
    void failedLoginsBlockTheAddress() throws Exception {
        WebReplSettings settings = settings();
        settings.loginAttempts = 2;
        start(settings);
        for (int i = 0; i < 2; i++) {
            try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port())) {
                client.expectText("Password: ");
                client.sendText("guess" + i + "\r");
                client.expectText("\r\nAccess denied\r\n");
            }
        }
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port())) {
            String refusal = client.readTextUntil("try again in ");
            assertTrue(refusal.contains("Too many failed logins"), refusal);
            assertEquals(WebSocketConnection.CLOSE_POLICY_VIOLATION, client.awaitClose());
        }
    }

    @Test
    void aClientThatDoesNotLogInInTimeIsDisconnected() throws Exception {
        WebReplSettings settings = settings();
        settings.loginTimeoutSeconds = 1;
        start(settings);
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port())) {
            client.expectText("Password: ");
            client.sendText("sec");
            long started = System.currentTimeMillis();
            client.awaitClose();
            assertTrue(System.currentTimeMillis() - started < 10_000);
        }
    }

    @Test
    void anUnknownAppIsReportedAndItsFilesAreOutOfReach() throws Exception {
        WebReplSettings settings = settings();
        settings.app = "nosuch";
        start(settings);
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            client.readTextUntil("no REPL: ");
            client.readTextUntil("nosuch");
            assertEquals(WebSocketConnection.CLOSE_NORMAL, client.awaitClose());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        WebReplSettings settings = settings();
        settings.maxConnections = 1;
        start(settings);
        try (WebSocketTestClient first = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> WebSocketTestClient.connect(listener.port()));
            assertTrue(refused instanceof java.util.concurrent.ExecutionException, refused.toString());
            first.sendText("print('first still served')\r");
            first.readTextUntil("first still served\r\n>>> ");
        }
    }

    @Test
    void terminalRunsTheFriendlyAndTheRawRepl() throws Exception {
        start(settings());
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            client.sendText("print(6 * 7)\r");
            client.expectText("print(6 * 7)\r\n42\r\n>>> ");
            client.sendText("for i in range(2): print(i)\r");
            client.expectText("for i in range(2): print(i)\r\n... ");
            client.sendText("\r");
            client.readTextUntil("0\r\n1\r\n>>> ");
            // the raw REPL, as pyboard.py and mpremote drive it
            client.sendText("\u0001");
            client.readTextUntil("raw REPL; CTRL-B to exit\r\n>");
            client.sendText("print('raw')\u0004");
            client.expectText("OKraw\r\n\u0004\u0004>");
            client.sendText("1/0\u0004");
            String error = client.readTextUntil("\u0004>");
            assertTrue(error.startsWith("OK\u0004Traceback"), WebSocketTestClient.escape(error));
            assertTrue(error.contains("ZeroDivisionError"), error);
            client.sendText("\u0002");
            client.readTextUntil(">>> ");
            // Ctrl-C interrupts a running program
            client.sendText("while True: pass\r\r");
            client.readTextUntil("while True: pass\r\n... \r\n");
            Thread.sleep(200);
            client.sendText("\u0003");
            client.readTextUntil("KeyboardInterrupt: \r\n>>> ");
        }
    }

    @Test
    void putAndGetRoundTrip() throws Exception {
        WebReplSettings settings = settings();
        start(settings);
        byte[] content = new byte[3000];
        new Random(7).nextBytes(content);
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            byte[] put = WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, content.length, "/data.bin");
            // webrepl_cli.py sends the request in two frames
            client.sendBinary(Arrays.copyOfRange(put, 0, 10));
            client.sendBinary(Arrays.copyOfRange(put, 10, put.length));
            assertEquals(0, client.readStatus());
            for (int offset = 0; offset < content.length; offset += 1024) {
                client.sendBinary(Arrays.copyOfRange(content, offset, Math.min(content.length, offset + 1024)));
            }
            assertEquals(0, client.readStatus());
            assertArrayEquals(content, Files.readAllBytes(Path.of(settings.storage, "data.bin")));
            try (var leftovers = Files.list(Path.of(settings.storage))) {
                assertEquals(1, leftovers.count(), "no temporary file is left");
            }

            // the program sees the file
            client.sendText("print(len(open('data.bin', 'rb').read()))\r");
            client.readTextUntil("3000\r\n>>> ");

            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_GET, 0, "data.bin"));
            assertEquals(0, client.readStatus());
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            while (true) {
                client.sendBinary(new byte[] {0});
                byte[] length = client.readBinary(2);
                int size = (length[0] & 0xFF) | (length[1] & 0xFF) << 8;
                if (size == 0) {
                    break;
                }
                received.writeBytes(client.readBinary(size));
            }
            assertEquals(0, client.readStatus());
            assertArrayEquals(content, received.toByteArray());

            // an empty file, and a file replaced by a new upload
            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, 0, "data.bin"));
            assertEquals(0, client.readStatus());
            assertEquals(0, client.readStatus());
            assertEquals(0, Files.size(Path.of(settings.storage, "data.bin")));
        }
    }

    @Test
    void getVersionAnswersMicroPythonsVersion() throws Exception {
        start(settings());
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_GET_VERSION, 0, ""));
            assertArrayEquals(new byte[] {1, 24, 1}, client.readBinary(3));
        }
    }

    @Test
    void namesOutsideTheStorageAreRefused() throws Exception {
        WebReplSettings settings = settings();
        settings.maxUpload = 100;
        start(settings);
        Files.writeString(home.resolve("secret.txt"), "outside");
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            for (String name : new String[] {"../escape.txt", "/../escape.txt", "sub/../../escape.txt"}) {
                client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, 3, name));
                assertEquals(WebReplFileTransfer.STATUS_FAILED, client.readStatus(), name);
            }
            assertFalse(Files.exists(home.resolve("escape.txt")));
            for (String name : new String[] {"../secret.txt", "/../secret.txt", home.resolve("secret.txt").toString(),
                    "missing.txt", "/"}) {
                client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_GET, 0, name));
                assertEquals(WebReplFileTransfer.STATUS_FAILED, client.readStatus(), name);
            }
            // too large, into a missing folder, an unknown operation, a bad signature
            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, 101, "big.bin"));
            assertEquals(WebReplFileTransfer.STATUS_FAILED, client.readStatus());
            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, 3, "nofolder/x.txt"));
            assertEquals(WebReplFileTransfer.STATUS_FAILED, client.readStatus());
            client.sendBinary(WebSocketTestClient.request(9, 0, "x"));
            assertEquals(WebReplFileTransfer.STATUS_FAILED, client.readStatus());
            byte[] bad = WebSocketTestClient.request(WebReplFileTransfer.OP_GET_VERSION, 0, "");
            bad[0] = 'X';
            client.sendBinary(bad);
            assertEquals(WebReplFileTransfer.STATUS_FAILED, client.readStatus());
            // the connection still works
            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_GET_VERSION, 0, ""));
            assertArrayEquals(new byte[] {1, 24, 1}, client.readBinary(3));
            client.sendText("print('still here')\r");
            client.readTextUntil("still here\r\n>>> ");
        }
        try (var files = Files.list(Path.of(settings.storage))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anInterruptedUploadLeavesNothing() throws Exception {
        WebReplSettings settings = settings();
        start(settings);
        Files.writeString(Path.of(settings.storage, "kept.txt"), "old");
        try (WebSocketTestClient client = WebSocketTestClient.connect(listener.port()).login("secret1")) {
            client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, 1000, "kept.txt"));
            assertEquals(0, client.readStatus());
            client.sendBinary("only part".getBytes(StandardCharsets.US_ASCII));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (var files = Files.list(Path.of(settings.storage))) {
                if (files.count() == 1 || System.currentTimeMillis() > deadline) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        assertEquals("old", Files.readString(Path.of(settings.storage, "kept.txt")));
        try (var files = Files.list(Path.of(settings.storage))) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
    }
}
