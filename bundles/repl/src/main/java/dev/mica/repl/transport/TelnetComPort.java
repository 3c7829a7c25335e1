package dev.mica.repl.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The server side of a telnet connection with the COM port control option (RFC 2217), as
 * pyserial's {@code rfc2217://} client expects of a serial port server: option negotiation
 * (BINARY, SGA, ECHO, COM-PORT-OPTION), answers to the port settings (baud rate, data size,
 * parity, stop bits, control lines, purge, line and modem state masks), and IAC escaping of
 * the data both ways. There is no real port behind it: the settings are remembered and
 * confirmed, the data is the REPL's.
 *
 * <p>{@link #input()} yields the data bytes the client sends (commands taken out);
 * {@link #output()} sends data bytes. Both may be used from different threads: every write to
 * the connection is made under one lock.
 */
final class TelnetComPort {
    static final int IAC = 255;
    static final int DONT = 254;
    static final int DO = 253;
    static final int WONT = 252;
    static final int WILL = 251;
    static final int SB = 250;
    static final int SE = 240;

    static final int BINARY = 0;
    static final int ECHO = 1;
    static final int SGA = 3;
    static final int COM_PORT_OPTION = 44;

    // COM-PORT-OPTION commands from the client; the server answers with the same + 100
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int NOTIFY_LINESTATE = 6;
    static final int NOTIFY_MODEMSTATE = 7;
    static final int FLOWCONTROL_SUSPEND = 8;
    static final int FLOWCONTROL_RESUME = 9;
    static final int SET_LINESTATE_MASK = 10;
    static final int SET_MODEMSTATE_MASK = 11;
    static final int PURGE_DATA = 12;
    static final int SERVER_OFFSET = 100;

    /** Carrier detect, data set ready and clear to send: a port with a board on the other end. */
    static final int MODEM_STATE = 0x80 | 0x20 | 0x10;

    // SET_CONTROL values: queries, and the states they report
    private static final int CONTROL_QUERY_FLOW = 0;
    private static final int CONTROL_FLOW_NONE = 1;
    private static final int CONTROL_QUERY_BREAK = 4;
    private static final int CONTROL_BREAK_OFF = 6;
    private static final int CONTROL_QUERY_DTR = 7;
    private static final int CONTROL_DTR_ON = 8;
    private static final int CONTROL_DTR_OFF = 9;
    private static final int CONTROL_QUERY_RTS = 10;
    private static final int CONTROL_RTS_ON = 11;
    private static final int CONTROL_RTS_OFF = 12;
    private static final int CONTROL_QUERY_INBOUND_FLOW = 13;
    private static final int CONTROL_INBOUND_FLOW_NONE = 14;

    /** Options this server agrees to enable on its side (WILL) and on the client's side (DO). */
    private static final boolean[] OURS = new boolean[256];
    private static final boolean[] THEIRS = new boolean[256];

    static {
        OURS[BINARY] = true;
        OURS[ECHO] = true;
        OURS[SGA] = true;
        OURS[COM_PORT_OPTION] = true;
        THEIRS[BINARY] = true;
        THEIRS[SGA] = true;
        THEIRS[COM_PORT_OPTION] = true;
    }

    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final boolean[] oursEnabled = new boolean[256];
    private final boolean[] theirsEnabled = new boolean[256];

    private long baudRate = 115200;
    private int dataSize = 8;
    private int parity = 1;
    private int stopSize = 1;
    private boolean dtr = true;
    private boolean rts = true;
    private boolean modemStateSent;

    private final InputStream input = new DataInput();
    private final OutputStream output = new DataOutput();

    TelnetComPort(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Offers what a COM port server offers at once: binary both ways, echo, SGA, the COM port option. */
    void negotiate() throws IOException {
        synchronized (writeLock) {
            for (int option : new int[] {BINARY, ECHO, SGA, COM_PORT_OPTION}) {
                oursEnabled[option] = true;
                out.write(new byte[] {(byte) IAC, (byte) WILL, (byte) option});
            }
            for (int option : new int[] {BINARY, SGA, COM_PORT_OPTION}) {
                theirsEnabled[option] = true;
                out.write(new byte[] {(byte) IAC, (byte) DO, (byte) option});
            }
            out.flush();
        }
        // pyserial takes these offers as the answers to its own requests and may then never ask
        // for the COM port option itself: tell the modem lines now, as pyserial reads CTS, DSR
        // and CD only from such a notification
        modemStateSent = true;
        answer(NOTIFY_MODEMSTATE, new byte[] {(byte) MODEM_STATE});
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    /** The baud rate the client set last (it paces nothing: no UART is behind the port). */
    synchronized long baudRate() {
        return baudRate;
    }

    /** Reads the next data byte, answering every command met on the way; -1 at the end. */
    private int readData() throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b != IAC) {
                if (b == '\r' && !theirsEnabled[BINARY]) {
                    dropNulAfterCarriageReturn();
                }
                return b;
            }
            int command = in.read();
            switch (command) {
                case -1:
                    return -1;
                case IAC:
                    return IAC;
                case DO:
                case DONT:
                case WILL:
                case WONT: {
                    int option = in.read();
                    if (option < 0) {
                        return -1;
                    }
                    answerOption(command, option);
                    break;
                }
                case SB:
                    if (!subnegotiation()) {
                        return -1;
                    }
                    break;
                default:
                    // NOP, AYT, break and the like: nothing to do for a REPL
                    break;
            }
        }
    }

    /** A telnet client without BINARY sends CR NUL for a bare carriage return: the NUL is no data. */
    private void dropNulAfterCarriageReturn() throws IOException {
        if (in.markSupported()) {
            in.mark(1);
            if (in.read() != 0) {
                in.reset();
            }
        }
    }

    /**
     * Agrees to what this server supports and refuses the rest; a request for the state an
     * option has is not answered. Once the client speaks the COM port option, it is told the
     * modem lines: pyserial reads CTS, DSR and CD from that notification.
     */
    private void answerOption(int command, int option) throws IOException {
        answerOptionRequest(command, option);
        if (option == COM_PORT_OPTION && (command == DO || command == WILL) && !modemStateSent) {
            modemStateSent = true;
            answer(NOTIFY_MODEMSTATE, new byte[] {(byte) MODEM_STATE});
        }
    }

    private void answerOptionRequest(int command, int option) throws IOException {
        int reply;
        switch (command) {
            case DO:
                if (OURS[option]) {
                    if (oursEnabled[option]) {
                        return;
                    }
                    oursEnabled[option] = true;
                    reply = WILL;
                } else {
                    reply = WONT;
                }
                break;
            case DONT:
                if (!oursEnabled[option]) {
                    return;
                }
                oursEnabled[option] = false;
                reply = WONT;
                break;
            case WILL:
                if (THEIRS[option]) {
                    if (theirsEnabled[option]) {
                        return;
                    }
                    theirsEnabled[option] = true;
                    reply = DO;
                } else {
                    reply = DONT;
                }
                break;
            default: // WONT
                if (!theirsEnabled[option]) {
                    return;
                }
                theirsEnabled[option] = false;
                reply = DONT;
                break;
        }
        send(new byte[] {(byte) IAC, (byte) reply, (byte) option});
    }

    /** Reads IAC SB ... IAC SE and answers it; false at the end of input. */
    private boolean subnegotiation() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            if (b == IAC) {
                int next = in.read();
                if (next < 0) {
                    return false;
                }
                if (next == SE) {
                    break;
                }
                body.write(next); // IAC IAC inside the body is one 0xFF
            } else {
                body.write(b);
            }
        }
        byte[] bytes = body.toByteArray();
        if (bytes.length >= 2 && (bytes[0] & 0xff) == COM_PORT_OPTION) {
            comPortCommand(bytes[1] & 0xff, java.util.Arrays.copyOfRange(bytes, 2, bytes.length));
        }
        return true;
    }

    /** Answers a COM-PORT-OPTION command as a serial port server does; a value of 0 asks for the current one. */
    private void comPortCommand(int command, byte[] value) throws IOException {
        switch (command) {
            case SET_BAUDRATE: {
                long requested = value.length == 4 ? ((value[0] & 0xffL) << 24) | ((value[1] & 0xff) << 16)
                        | ((value[2] & 0xff) << 8) | (value[3] & 0xff) : 0;
                long current;
                synchronized (this) {
                    if (requested != 0) {
                        baudRate = requested;
                    }
                    current = baudRate;
                }
                answer(command, new byte[] {(byte) (current >> 24), (byte) (current >> 16), (byte) (current >> 8),
                        (byte) current});
                break;
            }
            case SET_DATASIZE:
                dataSize = setting(value, dataSize);
                answer(command, new byte[] {(byte) dataSize});
                break;
            case SET_PARITY:
                parity = setting(value, parity);
                answer(command, new byte[] {(byte) parity});
                break;
            case SET_STOPSIZE:
                stopSize = setting(value, stopSize);
                answer(command, new byte[] {(byte) stopSize});
                break;
            case SET_CONTROL:
                answer(command, new byte[] {(byte) control(value.length > 0 ? value[0] & 0xff : CONTROL_QUERY_FLOW)});
                break;
            case NOTIFY_MODEMSTATE:
                // a client polling the modem lines
                answer(NOTIFY_MODEMSTATE, new byte[] {(byte) MODEM_STATE});
                break;
            case NOTIFY_LINESTATE:
                answer(NOTIFY_LINESTATE, new byte[] {0});
                break;
            case SET_LINESTATE_MASK:
            case PURGE_DATA:
                answer(command, value);
                break;
            case SET_MODEMSTATE_MASK:
                answer(command, value);
                answer(NOTIFY_MODEMSTATE, new byte[] {(byte) MODEM_STATE});
                break;
            case FLOWCONTROL_SUSPEND:
            case FLOWCONTROL_RESUME:
            default:
                break;
        }
    }

    private static int setting(byte[] value, int current) {
        int requested = value.length > 0 ? value[0] & 0xff : 0;
        return requested == 0 ? current : requested;
    }

    /** The control state after a SET_CONTROL command: queries report, settings are taken as asked. */
    private int control(int request) {
        switch (request) {
            case CONTROL_QUERY_FLOW:
                return CONTROL_FLOW_NONE;
            case CONTROL_QUERY_BREAK:
                return CONTROL_BREAK_OFF;
            case CONTROL_QUERY_DTR:
                return dtr ? CONTROL_DTR_ON : CONTROL_DTR_OFF;
            case CONTROL_QUERY_RTS:
                return rts ? CONTROL_RTS_ON : CONTROL_RTS_OFF;
            case CONTROL_QUERY_INBOUND_FLOW:
                return CONTROL_INBOUND_FLOW_NONE;
            case CONTROL_DTR_ON:
            case CONTROL_DTR_OFF:
                dtr = request == CONTROL_DTR_ON;
                return request;
            case CONTROL_RTS_ON:
            case CONTROL_RTS_OFF:
                rts = request == CONTROL_RTS_ON;
                return request;
            default:
                return request;
        }
    }

    /** IAC SB COM-PORT-OPTION (command + 100) value IAC SE, with IAC in the value doubled. */
    private void answer(int command, byte[] value) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.write(IAC);
        reply.write(SB);
        reply.write(COM_PORT_OPTION);
        reply.write(command + SERVER_OFFSET);
        for (byte b : value) {
            reply.write(b);
            if ((b & 0xff) == IAC) {
                reply.write(IAC);
            }
        }
        reply.write(IAC);
        reply.write(SE);
        send(reply.toByteArray());
    }

    private void send(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
        }
    }

    private final class DataInput extends InputStream {
        @Override
        public int read() throws IOException {
            return readData();
        }
    }

    /** Data out, with each 0xFF doubled so that the client does not take it for a command. */
    private final class DataOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            synchronized (writeLock) {
                out.write(b);
                if ((b & 0xff) == IAC) {
                    out.write(b);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (writeLock) {
                int start = off;
                int end = off + len;
                for (int i = off; i < end; i++) {
                    if ((b[i] & 0xff) == IAC) {
                        out.write(b, start, i + 1 - start);
                        start = i; // the 0xFF goes out a second time
                    }
                }
                out.write(b, start, end - start);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (writeLock) {
                out.flush();
            }
        }
    }
}
