package dev.mica.repl.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server's side of the WebSocket opening handshake (RFC 6455 section 4.2), as lenient as
 * MicroPython's own server where its clients need it: {@code webrepl_cli.py} sends a key that is
 * not 16 bytes of base64 and no {@code Sec-WebSocket-Version}, so the key is taken as it comes
 * and a missing version means 13. Requests that are not a WebSocket upgrade get a small page.
 */
final class WebSocketHandshake {
    /** The GUID RFC 6455 appends to the client's key. */
    private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private WebSocketHandshake() {}

    /** A request that cannot be upgraded (malformed, or not a WebSocket request). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Reads the client's request and answers it: 101 for a WebSocket upgrade, after which the
     * streams carry frames.
     *
     * @return the request's headers, names in lower case (repeated ones joined with ", ")
     * @param page the HTML sent to a plain HTTP request (a browser opening the address)
     * @throws Refused when the request was answered without an upgrade
     * @throws IOException when the connection fails
     */
    static Map<String, String> accept(InputStream in, OutputStream out, String page) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            throw new Refused("the connection ended before a request");
        }
        Map<String, String> headers = new HashMap<>();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new Refused("the connection ended in the request's headers");
            }
            if (line.isEmpty()) {
                break;
            }
            if (headers.size() >= MAX_HEADERS) {
                answer(out, "431 Request Header Fields Too Large", "");
                throw new Refused("too many headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                answer(out, "400 Bad Request", "");
                throw new Refused("malformed header line");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        String[] request = requestLine.split(" ");
        if (request.length != 3 || !request[2].startsWith("HTTP/")) {
            answer(out, "400 Bad Request", "");
            throw new Refused("malformed request line");
        }
        boolean upgrade = hasToken(headers.get("connection"), "upgrade")
                && hasToken(headers.get("upgrade"), "websocket");
        String key = headers.get("sec-websocket-key");
        if (!request[0].equals("GET") || !upgrade || key == null || key.isEmpty()) {
            if (request[0].equals("GET") || request[0].equals("HEAD")) {
                answer(out, "200 OK", request[0].equals("GET") ? page : "");
            } else {
                answer(out, "405 Method Not Allowed", "");
            }
            throw new Refused("not a WebSocket request");
        }
        String version = headers.get("sec-websocket-version");
        if (version != null && !version.equals("13")) {
            out.write(("HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            throw new Refused("WebSocket version " + version + " is not 13");
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return headers;
    }

    /** The {@code Sec-WebSocket-Accept} value for a client's key. */
    static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + KEY_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static void answer(OutputStream out, String status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** A header line without its CRLF (a bare LF ends one too); null at the end of input. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new Refused("a request line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
