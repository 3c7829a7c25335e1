package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebREPL client on the JDK's WebSocket (masked frames, as a browser sends them): what comes
 * back is kept, text and binary apart, and awaited.
 */
final class WebSocketTestClient implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 20_000;

    final WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private int textConsumed;
    private int binaryConsumed;
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    WebSocketTestClient(HttpClient http, String uri) throws Exception {
        this(http, uri, null);
    }

    /** A client whose handshake carries an {@code Origin} header, as a browser's (null: none). */
    WebSocketTestClient(HttpClient http, String uri, String origin) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(URI.create(uri), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                synchronized (WebSocketTestClient.this) {
                    text.append(data);
                    WebSocketTestClient.this.notifyAll();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                synchronized (WebSocketTestClient.this) {
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    binary.writeBytes(bytes);
                    WebSocketTestClient.this.notifyAll();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                synchronized (WebSocketTestClient.this) {
                    WebSocketTestClient.this.notifyAll();
                }
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
                synchronized (WebSocketTestClient.this) {
                    WebSocketTestClient.this.notifyAll();
                }
            }
        }).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    static WebSocketTestClient connect(int port) throws Exception {
        return new WebSocketTestClient(HttpClient.newHttpClient(), "ws://127.0.0.1:" + port + "/");
    }

    /** Logs in and checks the board's answer. */
    WebSocketTestClient login(String password) throws Exception {
        expectText("Password: ");
        sendText(password + "\r");
        expectText(WebReplConnection.CONNECTED);
        return this;
    }

    void sendText(String s) throws Exception {
        socket.sendText(s, true).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Waits until the text received so far ends at an occurrence of {@code expected}; returns what came before it. */
    synchronized String readTextUntil(String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (true) {
            int at = text.indexOf(expected, textConsumed);
            if (at >= 0) {
                String before = text.substring(textConsumed, at);
                textConsumed = at + expected.length();
                return before;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                fail("expected " + escape(expected) + ", got " + escape(text.substring(textConsumed)));
            }
            wait(Math.min(left, 200));
        }
    }

    /** The next text is exactly this. */
    void expectText(String expected) throws InterruptedException {
        assertEquals("", escape(readTextUntil(expected)), "text before " + escape(expected));
    }

    /** The next {@code count} binary bytes. */
    synchronized byte[] readBinary(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (binary.size() - binaryConsumed < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                fail("expected " + count + " binary bytes, got " + (binary.size() - binaryConsumed));
            }
            wait(Math.min(left, 200));
        }
        byte[] all = binary.toByteArray();
        byte[] next = java.util.Arrays.copyOfRange(all, binaryConsumed, binaryConsumed + count);
        binaryConsumed += count;
        return next;
    }

    /** The status of a {@code "WB"} answer. */
    int readStatus() throws InterruptedException {
        byte[] answer = readBinary(4);
        assertEquals('W', answer[0]);
        assertEquals('B', answer[1]);
        return (answer[2] & 0xFF) | (answer[3] & 0xFF) << 8;
    }

    int awaitClose() throws Exception {
        return closed.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A file transfer request as webrepl_cli.py and webrepl.js build it. */
    static byte[] request(int op, long size, String name) {
        byte[] fileName = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(WebReplFileTransfer.REQUEST_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        request.put((byte) 'W').put((byte) 'A').put((byte) op).put((byte) 0).putLong(0).putInt((int) size)
                .putShort((short) fileName.length).put(fileName, 0, Math.min(64, fileName.length));
        return request.array();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 32 || c == 127) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
