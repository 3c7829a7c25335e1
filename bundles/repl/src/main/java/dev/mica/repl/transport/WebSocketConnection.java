package dev.mica.repl.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The frames of a WebSocket connection after the handshake (RFC 6455 section 5), server side.
 * Reading gives the payloads of data frames one frame at a time, each with the type of the
 * message it belongs to (a fragmented message is not put together: the WebREPL treats both
 * kinds of data as streams), and answers pings and the closing handshake itself. Writing may
 * come from several threads; each frame goes out whole.
 *
 * <p>Two leniencies keep MicroPython's clients working: frames from the client may come
 * unmasked ({@code webrepl_cli.py} sends them so, and MicroPython's server accepts them), and
 * text payloads are not checked for UTF-8 ({@code webrepl_cli.py} sends what is typed byte by
 * byte, so one character may span frames).
 */
final class WebSocketConnection {
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_POLICY_VIOLATION = 1008;
    static final int CLOSE_TOO_BIG = 1009;

    /** The largest payload in one frame this side sends: {@code webrepl_cli.py} reads 16-bit lengths only. */
    static final int MAX_SENT_PAYLOAD = 65535;

    /** A broken rule of the protocol: the connection is closed with this status. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;
        final int closeCode;

        ProtocolException(int closeCode, String message) {
            super(message);
            this.closeCode = closeCode;
        }
    }

    /** The payload of one data frame and the type (text or binary) of its message. */
    record DataFrame(int type, byte[] payload) {
        boolean text() {
            return type == OP_TEXT;
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final int maxPayload;
    private final Object sending = new Object();
    /** The type of the fragmented message being received, or -1 between messages. */
    private int messageType = -1;
    private volatile boolean closeSent;

    /**
     * @param maxPayload the largest frame payload accepted from the client; a larger frame
     *        closes the connection with 1009
     */
    WebSocketConnection(InputStream in, OutputStream out, int maxPayload) {
        this.in = in;
        this.out = out;
        this.maxPayload = maxPayload;
    }

    /**
     * The next data frame; pings are answered and pongs dropped on the way. Null when the client
     * closed the connection (its close frame is answered) or the input ended.
     *
     * @throws ProtocolException when the client broke the protocol (the caller closes with its code)
     */
    DataFrame read() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int second = readByte();
            boolean fin = (first & 0x80) != 0;
            if ((first & 0x70) != 0) {
                throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "reserved bits set without an extension");
            }
            int opcode = first & 0x0F;
            boolean masked = (second & 0x80) != 0;
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
                if (length < 0) {
                    throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a negative payload length");
                }
            }
            boolean control = (opcode & 0x8) != 0;
            if (control && (length > 125 || !fin)) {
                throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a control frame fragmented or over 125 bytes");
            }
            if (length > maxPayload) {
                throw new ProtocolException(CLOSE_TOO_BIG, "a frame of " + length + " bytes (at most " + maxPayload + ")");
            }
            byte[] mask = masked ? readFully(4) : null;
            byte[] payload = readFully((int) length);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            switch (opcode) {
                case OP_PING:
                    send(OP_PONG, payload, 0, payload.length);
                    break;
                case OP_PONG:
                    break;
                case OP_CLOSE:
                    answerClose(payload);
                    return null;
                case OP_TEXT:
                case OP_BINARY:
                    if (messageType >= 0) {
                        throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a new message inside a fragmented one");
                    }
                    if (!fin) {
                        messageType = opcode;
                    }
                    return new DataFrame(opcode, payload);
                case OP_CONTINUATION:
                    if (messageType < 0) {
                        throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a continuation frame outside a message");
                    }
                    int type = messageType;
                    if (fin) {
                        messageType = -1;
                    }
                    return new DataFrame(type, payload);
                default:
                    throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "unknown opcode " + opcode);
            }
        }
    }

    /** Sends bytes as text frames (split into frames of at most {@link #MAX_SENT_PAYLOAD} bytes). */
    void sendText(byte[] data, int offset, int length) throws IOException {
        sendSplit(OP_TEXT, data, offset, length);
    }

    /** Sends bytes as binary frames (split into frames of at most {@link #MAX_SENT_PAYLOAD} bytes). */
    void sendBinary(byte[] data, int offset, int length) throws IOException {
        sendSplit(OP_BINARY, data, offset, length);
    }

    void sendText(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sendText(bytes, 0, bytes.length);
    }

    /** Starts the closing handshake with this status (sent once; later calls do nothing). */
    void close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        try {
            sendClose(payload);
        } catch (IOException e) {
            // the connection is gone already
        }
    }

    boolean closeSent() {
        return closeSent;
    }

    private void answerClose(byte[] payload) throws IOException {
        if (payload.length == 1) {
            throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a close frame with a one-byte body");
        }
        // echo the client's status, as RFC 6455 5.5.1 suggests; none given: none echoed
        sendClose(payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
    }

    private void sendClose(byte[] payload) throws IOException {
        synchronized (sending) {
            if (closeSent) {
                return;
            }
            closeSent = true;
            writeFrame(OP_CLOSE, payload, 0, payload.length);
        }
    }

    private void sendSplit(int opcode, byte[] data, int offset, int length) throws IOException {
        do {
            int part = Math.min(length, MAX_SENT_PAYLOAD);
            send(opcode, data, offset, part);
            offset += part;
            length -= part;
        } while (length > 0);
    }

    private void send(int opcode, byte[] data, int offset, int length) throws IOException {
        synchronized (sending) {
            if (closeSent) {
                throw new IOException("the WebSocket is closing");
            }
            writeFrame(opcode, data, offset, length);
        }
    }

    /** One unmasked, final frame (a server never masks). */
    private void writeFrame(int opcode, byte[] data, int offset, int length) throws IOException {
        byte[] header;
        if (length < 126) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) length};
        } else if (length <= 0xFFFF) {
            header = new byte[] {(byte) (0x80 | opcode), 126, (byte) (length >> 8), (byte) length};
        } else {
            header = new byte[10];
            header[0] = (byte) (0x80 | opcode);
            header[1] = 127;
            for (int i = 0; i < 8; i++) {
                header[9 - i] = (byte) ((long) length >> (8 * i));
            }
        }
        out.write(header);
        out.write(data, offset, length);
        out.flush();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a frame");
        }
        return b;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the connection ended inside a frame");
        }
        return bytes;
    }
}
