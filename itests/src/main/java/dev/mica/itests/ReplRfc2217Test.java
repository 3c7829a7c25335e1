package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The REPL bundle's RFC 2217 listener in the framework, configured through Config Admin, driven
 * over TCP by a client that does what pyboard.py does on a pyserial {@code rfc2217://} port:
 * enter the raw REPL with a soft reset, exec, eval, a file written and read back as
 * mpremote's {@code fs cp} does, and a listener on an app's interpreter.
 */
@ExtendWith(ServiceExtension.class)
class ReplRfc2217Test {
    private static final String LISTENER_PID = "dev.mica.repl.rfc2217";
    private static final int IAC = 255;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configurationAdmin;

    @TempDir
    Path storage;

    private Configuration listener;
    private GatewayFixture gateway;

    @AfterEach
    void removeListener() throws Exception {
        if (listener != null) {
            listener.delete();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void freshInterpreterOverItsStorageFolder() throws Exception {
        Path replFiles = storage.resolve("repl");
        int port = configureListener(Map.of("storage", replFiles.toString()));
        try (Client board = Client.connect(port)) {
            board.enterRawReplWithSoftReset();
            assertEquals("3\r\n", board.exec("print(1 + 2)"));
            assertEquals("42\r\n", board.exec("x = 6 * 7\nprint(repr(x))"));
            board.exec("f=open('x.py','wb')\nw=f.write");
            board.exec("w(b'print(\\'hello\\')\\n')");
            board.exec("f.close()");
            assertEquals("print('hello')\n", Files.readString(replFiles.resolve("x.py")));
            board.exec("f=open('x.py','rb')\nr=f.read");
            assertEquals("b\"print('hello')\\n\"\r\n", board.exec("print(repr(r(256)))"));
            board.exec("f.close()");
            String[] escape = board.execWithErrors("open('../outside.txt', 'w')");
            assertTrue(escape[1].contains("OSError"), escape[1]);
            assertTrue(!Files.exists(storage.resolve("outside.txt")));
        }
    }

    @Test
    void interpreterMadeLikeAnApp() throws Exception {
        gateway = new GatewayFixture(storage);
        Path app = gateway.writeApp("sensor", "print('sensor running')\n");
        Files.writeString(app.getParent().resolve("settings.py"), "VALUE = 41\n");
        gateway.useStorage();
        int port = configureListener(Map.of("app", "sensor"));
        try (Client board = Client.connect(port)) {
            board.enterRawReplWithSoftReset();
            assertEquals("42 ['main.py', 'settings.py']\r\n",
                    board.exec("import settings, os\nprint(settings.VALUE + 1, sorted(os.listdir('')))"));
        }
    }

    /** Configures a listener on a free port and waits until it accepts connections. */
    private int configureListener(Map<String, String> settings) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Hashtable<String, Object> properties = new Hashtable<>(settings);
        properties.put("port", port);
        listener = configurationAdmin.getFactoryConfiguration(LISTENER_PID, "itest", "?");
        listener.update(properties);
        int listening = port;
        Await.until(() -> {
            try (Socket socket = new Socket("127.0.0.1", listening)) {
                return true;
            } catch (ConnectException e) {
                return false;
            } catch (IOException e) {
                return false;
            }
        }, () -> "no REPL listener on port " + listening);
        return port;
    }

    /** The client side: telnet commands kept apart from data, as pyserial's rfc2217 port does. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        static Client connect(int port) throws IOException {
            Client client = new Client(new Socket("127.0.0.1", port));
            // as pyserial: DO ECHO, WILL SGA, DO SGA, WILL COM-PORT-OPTION, DO COM-PORT-OPTION, SET-BAUDRATE 115200
            client.send(IAC, 253, 1, IAC, 251, 3, IAC, 253, 3, IAC, 251, 44, IAC, 253, 44);
            client.send(IAC, 250, 44, 1, 0, 1, 0xc2, 0, IAC, 240);
            return client;
        }

        /** pyboard.py's enter_raw_repl(soft_reset=True). */
        void enterRawReplWithSoftReset() throws IOException {
            sendText("\r\u0003");
            sendText("\r\u0001");
            readUntil("raw REPL; CTRL-B to exit\r\n>");
            sendText("\u0004");
            readUntil("soft reboot\r\n");
            readUntil("raw REPL; CTRL-B to exit\r\n");
        }

        /** pyboard.py's exec_raw: the output, failing on error text. */
        String exec(String code) throws IOException {
            String[] result = execWithErrors(code);
            assertEquals("", result[1], "error text of " + code);
            return result[0];
        }

        String[] execWithErrors(String code) throws IOException {
            readUntil(">");
            sendText(code + "\u0004");
            String ok = readUntil("OK");
            assertTrue(ok.endsWith("OK"), ok);
            String output = readUntil("\u0004");
            String errors = readUntil("\u0004");
            return new String[] {output.substring(0, output.length() - 1), errors.substring(0, errors.length() - 1)};
        }

        private void send(int... bytes) throws IOException {
            for (int b : bytes) {
                out.write(b);
            }
            out.flush();
        }

        private void sendText(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private String readUntil(String ending) throws IOException {
            while (true) {
                String pending = data.toString(StandardCharsets.ISO_8859_1);
                int at = pending.indexOf(ending);
                if (at >= 0) {
                    byte[] all = data.toByteArray();
                    data.reset();
                    data.write(all, at + ending.length(), all.length - at - ending.length());
                    return pending.substring(0, at + ending.length());
                }
                receive();
            }
        }

        /** One data byte, or a telnet command skipped whole. */
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
                while (true) {
                    int c = next();
                    if (c == IAC && next() == 240) {
                        break;
                    }
                }
            } else if (command >= 251) {
                next();
            }
        }

        private int next() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + data.toString(StandardCharsets.ISO_8859_1));
            }
            return b;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
