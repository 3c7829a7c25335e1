package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mica.vm.MicaInterpreterFactory;

/** wss://: the listener with a keystore (made here with the JDK's keytool) speaks TLS only. */
class WebReplTlsTest {
    @TempDir
    Path home;

    @Test
    void aWssClientLogsInAndAPlainOneGetsNothing() throws Exception {
        Path keystore = home.resolve("webrepl.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "webrepl", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), keytoolOutput);

        Path storage = Files.createDirectories(home.resolve("storage"));
        WebReplSettings settings = new WebReplSettings(storage.toString());
        settings.keystore = keystore.toString();
        settings.keystorePassword = "changeit";
        WebReplListener listener = new WebReplListener();
        listener.factory = new MicaInterpreterFactory();
        listener.activate(settings, WebReplSettings.CONFIGURED);
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trusted.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
            try (WebSocketTestClient client = new WebSocketTestClient(http, "wss://127.0.0.1:" + listener.port() + "/")) {
                client.login("secret1");
                client.sendBinary(WebSocketTestClient.request(WebReplFileTransfer.OP_GET_VERSION, 0, ""));
                assertArrayEquals(new byte[] {1, 24, 1}, client.readBinary(3));
                client.sendText("print('over tls')\r");
                client.readTextUntil("over tls\r\n>>> ");
            }
            // a plain WebSocket request is not answered in clear text
            try (Socket plain = new Socket("127.0.0.1", listener.port())) {
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: foo\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] answer = readQuietly(plain.getInputStream());
                assertThrows(AssertionError.class, () -> assertStartsWithHttp(answer));
            }
        } finally {
            listener.deactivate();
        }
    }

    private static byte[] readQuietly(InputStream in) {
        try {
            return in.readNBytes(12);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void assertStartsWithHttp(byte[] answer) {
        assertEquals("HTTP/1.1", new String(answer, 0, Math.min(8, answer.length), StandardCharsets.US_ASCII));
    }
}
