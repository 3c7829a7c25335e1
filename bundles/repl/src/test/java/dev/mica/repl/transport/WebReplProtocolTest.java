package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.vm.MicaInterpreterFactory;

/**
 * The WebSocket layer on a raw socket: the handshake and unmasked frames as
 * {@code webrepl_cli.py} sends them, and frames that break the protocol, which close the
 * connection without harming the listener.
 */
class WebReplProtocolTest {
    @TempDir
    Path storage;
    private WebReplListener listener;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    @BeforeEach
    void start() throws Exception {
        listener = new WebReplListener();
        listener.factory = new MicaInterpreterFactory();
        listener.failureDelayMillis = 0;
        WebReplSettings settings = new WebReplSettings(storage.toString());
        settings.maxFrame = 4096;
        listener.activate(settings, WebReplSettings.CONFIGURED);
    }

    @AfterEach
    void stop() throws IOException {
        if (socket != null) {
            socket.close();
        }
        listener.deactivate();
    }

    private void open() throws IOException {
        socket = new Socket("127.0.0.1", listener.port());
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** webrepl_cli.py's handshake: a key that is not base64 of 16 bytes, no version header. */
    private String handshake() throws IOException {
        open();
        out.write("GET / HTTP/1.1\r\nHost: echo.websocket.org\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: foo\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return readHead();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** An unmasked frame, as webrepl_cli.py writes them. */
    private void frame(int first, byte[] payload) throws IOException {
        if (payload.length < 126) {
            out.write(new byte[] {(byte) first, (byte) payload.length});
        } else {
            out.write(new byte[] {(byte) first, 126, (byte) (payload.length >> 8), (byte) payload.length});
        }
        out.write(payload);
        out.flush();
    }

    /** The next frame from the server: opcode byte, then payload. */
    private byte[][] readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = in.read();
        assertEquals(0, length & 0x80, "a server never masks");
        if (length == 126) {
            length = in.read() << 8 | in.read();
        }
        return new byte[][] {{(byte) first}, in.readNBytes(length)};
    }

    private String readText() throws IOException {
        byte[][] frame = readFrame();
        assertEquals((byte) 0x81, frame[0][0]);
        return new String(frame[1], StandardCharsets.UTF_8);
    }

    private byte[] readBinaryFrame() throws IOException {
        while (true) {
            byte[][] frame = readFrame();
            if (frame[0][0] == (byte) 0x82) {
                return frame[1];
            }
        }
    }

    /** The status of the close frame that ends the connection. */
    private int readCloseStatus() throws IOException {
        while (true) {
            byte[][] frame = readFrame();
            if (frame == null) {
                return -1;
            }
            if (frame[0][0] == (byte) 0x88) {
                return (frame[1][0] & 0xFF) << 8 | (frame[1][1] & 0xFF);
            }
        }
    }

    @Test
    void webreplCliStyleSession() throws IOException {
        String head = handshake();
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        assertTrue(head.contains("Sec-WebSocket-Accept: " + WebSocketHandshake.acceptKey("foo") + "\r\n"), head);
        assertEquals("Password: ", readText());
        frame(0x82, "secret1\r".getBytes(StandardCharsets.US_ASCII));
        assertEquals(WebReplConnection.CONNECTED, readText());
        byte[] request = WebSocketTestClient.request(WebReplFileTransfer.OP_GET_VERSION, 0, "");
        frame(0x82, request);
        assertArrayEquals(new byte[] {1, 24, 1}, readBinaryFrame());

        byte[] put = WebSocketTestClient.request(WebReplFileTransfer.OP_PUT, 5, "/a.txt");
        frame(0x82, java.util.Arrays.copyOfRange(put, 0, 10));
        frame(0x82, java.util.Arrays.copyOfRange(put, 10, put.length));
        assertArrayEquals(new byte[] {'W', 'B', 0, 0}, readBinaryFrame());
        frame(0x82, "hello".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {'W', 'B', 0, 0}, readBinaryFrame());
        assertEquals("hello", Files.readString(storage.resolve("a.txt")));

        // a ping is answered with its payload; a close with the same status
        frame(0x89, new byte[] {1, 2, 3});
        byte[][] pong;
        do {
            pong = readFrame();
        } while (pong[0][0] != (byte) 0x8A);
        assertArrayEquals(new byte[] {1, 2, 3}, pong[1]);
        frame(0x88, new byte[] {0x03, (byte) 0xE8});
        assertEquals(1000, readCloseStatus());
    }

    @Test
    void aFragmentedTextMessageReachesTheTerminal() throws IOException {
        handshake();
        readText();
        frame(0x81, "secret1\r".getBytes(StandardCharsets.US_ASCII));
        assertEquals(WebReplConnection.CONNECTED, readText());
        frame(0x01, "print(".getBytes(StandardCharsets.US_ASCII));
        frame(0x89, new byte[0]); // a control frame may come between fragments
        frame(0x00, "'frag'".getBytes(StandardCharsets.US_ASCII));
        frame(0x80, ")\r".getBytes(StandardCharsets.US_ASCII));
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("frag\r\n>>> ")) {
            byte[][] frame = readFrame();
            if (frame[0][0] == (byte) 0x81) {
                text.append(new String(frame[1], StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void badFramesCloseTheConnectionOnly() throws IOException {
        int[][] cases = {
            {0xC1, WebSocketConnection.CLOSE_PROTOCOL_ERROR}, // a reserved bit
            {0x83, WebSocketConnection.CLOSE_PROTOCOL_ERROR}, // an unknown opcode
            {0x80, WebSocketConnection.CLOSE_PROTOCOL_ERROR}, // a continuation outside a message
            {0x09, WebSocketConnection.CLOSE_PROTOCOL_ERROR}, // a fragmented ping
        };
        for (int[] c : cases) {
            handshake();
            readText();
            frame(c[0], new byte[] {1});
            assertEquals(c[1], readCloseStatus(), Integer.toHexString(c[0]));
            socket.close();
        }
        // too large: refused from the header, before the payload is read
        handshake();
        readText();
        out.write(new byte[] {(byte) 0x82, 127, 0, 0, 0, 1, 0, 0, 0, 0});
        out.flush();
        assertEquals(WebSocketConnection.CLOSE_TOO_BIG, readCloseStatus());
        socket.close();
        // a control frame over 125 bytes
        handshake();
        readText();
        frame(0x89, new byte[200]);
        assertEquals(WebSocketConnection.CLOSE_PROTOCOL_ERROR, readCloseStatus());
        socket.close();
        // garbage instead of a handshake gets an HTTP error, and the listener goes on
        open();
        out.write("\u0000\u0001 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(readHead().startsWith("HTTP/1.1 400"));
        socket.close();
        handshake();
        assertEquals("Password: ", readText());
    }

    @Test
    void plainHttpGetsAPage() throws IOException {
        open();
        out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = readHead();
        assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
        assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("WebREPL"));
    }

    @Test
    void anotherWebSocketVersionIsRefused() throws IOException {
        open();
        out.write(("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead();
        assertTrue(head.startsWith("HTTP/1.1 426"), head);
        assertTrue(head.contains("Sec-WebSocket-Version: 13"), head);
    }

    @Test
    void acceptKeyOfTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
