package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The WebREPL of the repl bundle in the framework, configured through Config Admin on an app:
 * a client logs in over a WebSocket, puts a file, which lands in the app's folder, and reads it
 * back through the app's interpreter on the terminal.
 */
@ExtendWith(ServiceExtension.class)
class WebReplGatewayTest {
    private static final String WEBREPL_PID = "dev.mica.repl.webrepl";

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configurationAdmin;

    @TempDir
    Path storage;

    @AfterEach
    void restoreTheDefaults() throws Exception {
        configurationAdmin.getConfiguration(WEBREPL_PID, "?").delete();
        Bundle gateway = Bundles.bundle(Bundles.GATEWAY);
        gateway.stop();
        configurationAdmin.getConfiguration(GatewayFixture.GATEWAY_PID, "?").delete();
        gateway.start();
    }

    @Test
    void aClientPutsAFileIntoTheAppAndItsInterpreterReadsIt() throws Exception {
        Path app = Files.createDirectories(storage.resolve("apps").resolve("webapp"));
        Files.writeString(app.resolve("main.py"), "pass\n");
        configurationAdmin.getConfiguration(GatewayFixture.GATEWAY_PID, "?")
                .update(new Hashtable<>(Map.of("storage", storage.toString())));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        configurationAdmin.getConfiguration(WEBREPL_PID, "?").update(new Hashtable<>(
                Map.of("port", String.valueOf(port), "password", "itest42", "app", "webapp")));

        Client client = Client.connect(port);
        client.awaitText("Password: ");
        client.socket.sendText("itest42\r", true).get(10, TimeUnit.SECONDS);
        client.awaitText("\r\nWebREPL connected\r\n>>> ");

        byte[] content = "written over the WebREPL\n".getBytes(StandardCharsets.UTF_8);
        client.socket.sendBinary(ByteBuffer.wrap(request(1, content.length, "notes.txt")), true).get(10, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {'W', 'B', 0, 0}, client.awaitBinary(4));
        client.socket.sendBinary(ByteBuffer.wrap(content), true).get(10, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {'W', 'B', 0, 0}, client.awaitBinary(4));
        assertEquals("written over the WebREPL\n", Files.readString(app.resolve("notes.txt")));

        client.socket.sendText("print(open('notes.txt').read().upper())\r", true).get(10, TimeUnit.SECONDS);
        client.awaitText("WRITTEN OVER THE WEBREPL\r\n");
        client.socket.sendBinary(ByteBuffer.wrap(request(1, 1, "../escape.txt")), true).get(10, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {'W', 'B', 1, 0}, client.awaitBinary(4));
        assertTrue(Files.notExists(storage.resolve("apps").resolve("escape.txt")));
        client.socket.abort();
    }

    private static byte[] request(int op, int size, String name) {
        byte[] fileName = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(82).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'W').put((byte) 'A').put((byte) op)
                .put((byte) 0).putLong(0).putInt(size).putShort((short) fileName.length).put(fileName).array();
    }

    /** A WebSocket client keeping what it receives, text and binary apart. */
    private static final class Client implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private int binaryRead;
        WebSocket socket;

        /** Connects once the listener is up (Config Admin and DS start it asynchronously). */
        static Client connect(int port) throws Exception {
            Client client = new Client();
            long deadline = System.currentTimeMillis() + Await.TIMEOUT.toMillis();
            while (true) {
                try {
                    client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), client).get(10, TimeUnit.SECONDS);
                    return client;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            ws.request(1);
            return null;
        }

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            ws.request(1);
            return null;
        }

        void awaitText(String expected) throws InterruptedException {
            Await.until(() -> {
                synchronized (this) {
                    return text.indexOf(expected) >= 0;
                }
            }, () -> {
                synchronized (this) {
                    return text.toString();
                }
            });
        }

        byte[] awaitBinary(int count) throws InterruptedException {
            Await.until(() -> {
                synchronized (this) {
                    return binary.size() - binaryRead >= count;
                }
            }, () -> binary.size() - binaryRead + " binary bytes");
            synchronized (this) {
                byte[] all = binary.toByteArray();
                byte[] next = java.util.Arrays.copyOfRange(all, binaryRead, binaryRead + count);
                binaryRead += count;
                return next;
            }
        }
    }
}
