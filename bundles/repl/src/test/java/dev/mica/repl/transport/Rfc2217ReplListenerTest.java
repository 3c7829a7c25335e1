package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
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
 * The RFC 2217 listener on a real TCP port, driven by a client written here that does what
 * pyserial's {@code rfc2217://} port and pyboard.py do: telnet negotiation, port settings,
 * raw REPL, exec, eval, a file written and read back as {@code mpremote fs cp} does.
 */
class Rfc2217ReplListenerTest {
    private static final int IAC = 255;

    @TempDir
    Path storage;
    private Rfc2217ReplListener listener;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Data bytes received (telnet commands taken out), not consumed yet. */
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream commands = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        listener = new Rfc2217ReplListener();
        listener.factory = new MicaInterpreterFactory();
        listener.activate(configuration(storage.toString()));
        socket = new Socket("127.0.0.1", listener.port());
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        listener.deactivate();
    }

    @Test
    void pyboardStyleSessionOverTelnet() throws IOException {
        // pyserial: DO ECHO, WILL SGA, DO SGA, WILL COM-PORT-OPTION, DO COM-PORT-OPTION
        send(IAC, 253, 1, IAC, 251, 3, IAC, 253, 3, IAC, 251, 44, IAC, 253, 44);
        // SET-BAUDRATE 115200, SET-DATASIZE 8, SET-PARITY NONE, SET-STOPSIZE 1, SET-CONTROL DTR ON
        send(IAC, 250, 44, 1, 0, 1, 0xc2, 0, IAC, 240);
        send(IAC, 250, 44, 2, 8, IAC, 240, IAC, 250, 44, 3, 1, IAC, 240, IAC, 250, 44, 4, 1, IAC, 240);
        send(IAC, 250, 44, 5, 8, IAC, 240);
        // pyboard.py's enter_raw_repl with a soft reset
        sendText("\r\u0003");
        sendText("\r\u0001");
        readUntil("raw REPL; CTRL-B to exit\r\n>");
        sendText("\u0004");
        readUntil("soft reboot\r\n");
        readUntil("raw REPL; CTRL-B to exit\r\n");

        // exec and eval, with raw-paste as mpremote asks for it first
        readUntil(">");
        sendText("\u0005A\u0001");
        String reply = readBytes(2);
        assertEquals("R\u0001", reply);
        readBytes(3); // window size and the first increment
        sendText("x = 6 * 7\nprint(x)\u0004");
        readUntil("\u0004"); // end of the program acknowledged
        assertEquals("42\r\n\u0004", readUntil("\u0004"));
        assertEquals("\u0004", readUntil("\u0004"));

        // the plain raw REPL, as pyboard.py without raw-paste: eval
        readUntil(">");
        sendText("print(repr(x + 1))\u0004");
        assertEquals("OK", readBytes(2));
        assertEquals("43\r\n\u0004", readUntil("\u0004"));
        assertEquals("\u0004", readUntil("\u0004"));

        // a file written and read back, as mpremote's fs cp does it, with a 0xFF byte on the way
        exec("f=open('data.bin','wb')\nw=f.write");
        exec("w(b'abc\\xff\\n')");
        exec("f.close()");
        assertTrue(Files.exists(storage.resolve("data.bin")));
        assertEquals(5, Files.size(storage.resolve("data.bin")));
        exec("f=open('data.bin','rb')\nr=f.read");
        assertEquals("b'abc\\xff\\n'\r\n", exec("print(repr(r(256)))"));
        // a 0xFF byte of output reaches the client once (doubled on the wire)
        assertEquals("\u00ff\r\n", exec("f.close()\nimport sys\nsys.stdout.buffer.write(b'\\xff\\n')"));
        assertEquals("['data.bin']\r\n", exec("import os\nprint(os.listdir(''))"));

        // errors after the first end marker, and paths outside the storage are refused
        readUntil(">");
        sendText("open('../outside', 'w')\u0004");
        assertEquals("OK", readBytes(2));
        assertEquals("\u0004", readUntil("\u0004"));
        String error = readUntil("\u0004");
        assertTrue(error.contains("OSError"), error);

        // every port setting was answered (SERVER-SET-... = command + 100), the modem state told
        String answers = commands.toString(StandardCharsets.ISO_8859_1);
        for (int command : new int[] {101, 102, 103, 104, 105, 107}) {
            assertTrue(answers.contains("" + (char) IAC + (char) 250 + (char) 44 + (char) command), "answer " + command);
        }
        assertTrue(answers.contains("" + (char) IAC + (char) 251 + (char) 0), "WILL BINARY");
        assertTrue(answers.contains("" + (char) IAC + (char) 253 + (char) 44), "DO COM-PORT-OPTION");
    }

    /** Runs code in the raw REPL (not raw-paste); returns its output, failing on error text. */
    private String exec(String code) throws IOException {
        readUntil(">");
        sendText(code + "\u0004");
        assertEquals("OK", readBytes(2));
        String output = readUntil("\u0004");
        String errors = readUntil("\u0004");
        assertEquals("\u0004", errors, "no error text expected");
        return output.substring(0, output.length() - 1);
    }

    private void send(int... bytes) throws IOException {
        for (int b : bytes) {
            out.write(b);
        }
        out.flush();
    }

    /** Sends text as a pyserial client sends data: each 0xFF doubled. */
    private void sendText(String text) throws IOException {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            if ((b & 0xff) == IAC) {
                out.write(b);
            }
        }
        out.flush();
    }

    private String readBytes(int n) throws IOException {
        while (data.size() < n) {
            receive();
        }
        return take(n);
    }

    private String readUntil(String ending) throws IOException {
        while (true) {
            String pending = data.toString(StandardCharsets.ISO_8859_1);
            int at = pending.indexOf(ending);
            if (at >= 0) {
                return take(at + ending.length());
            }
            receive();
        }
    }

    private String take(int n) {
        byte[] all = data.toByteArray();
        data.reset();
        data.write(all, n, all.length - n);
        return new String(all, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Reads one data byte or one telnet command (kept apart). */
    private void receive() throws IOException {
        int b = next();
        if (b != IAC) {
            data.write(b);
            return;
        }
        int command = next();
        if (command == IAC) {
            data.write(IAC);
        } else if (command == 250) {
            commands.write(IAC);
            commands.write(250);
            for (int c = next(); ; c = next()) {
                if (c == IAC) {
                    int after = next();
                    if (after == 240) {
                        break;
                    }
                    commands.write(after);
                } else {
                    commands.write(c);
                }
            }
        } else {
            commands.write(IAC);
            commands.write(command);
            commands.write(next());
        }
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed; data so far: " + data.toString(StandardCharsets.ISO_8859_1));
        }
        return b;
    }

    private static Rfc2217ReplConfiguration configuration(String storage) {
        return new Rfc2217ReplConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Rfc2217ReplConfiguration.class;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public String app() {
                return "";
            }

            @Override
            public String storage() {
                return storage;
            }

            @Override
            public int max_connections() {
                return 2;
            }
        };
    }
}
