package dev.mica.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw REPL and raw-paste mode, as pyboard.py and mpremote drive them. */
class RawReplTest {
    private static final String RAW = "raw REPL; CTRL-B to exit\r\n>";

    private static SessionDriver enterRaw(Path root) {
        SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, root);
        host.expectEndingWith("for more information.\r\n>>> ");
        host.send("\r\u0003");
        host.send("\r\u0001");
        host.expectEndingWith("\r\n" + RAW);
        return host;
    }

    @Test
    void programOutputAndErrorsComeBackEachEndedByCtrlD() throws Exception {
        try (SessionDriver host = enterRaw(null)) {
            host.send("print('hi')\nx = 6 * 7\u0004");
            assertEquals("OKhi\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
            host.send("print(x)\u0004");
            assertEquals("OK42\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
            host.send("1/0\u0004");
            assertEquals("OK\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                    + "ZeroDivisionError: divide by zero\r\n\u0004>", host.expectEndingWith("\u0004>"));
            // an expression statement prints nothing in the raw REPL
            host.send("x\u0004");
            assertEquals("OK\u0004\u0004>", host.expectEndingWith("\u0004>"));
        }
    }

    @Test
    void ctrlDAtAnEmptyPromptSoftResetsToAFreshInterpreter() throws Exception {
        try (SessionDriver host = enterRaw(null)) {
            host.send("y = 1\u0004");
            host.expectEndingWith("\u0004\u0004>");
            host.send("\u0004");
            assertEquals("OK\r\nMPY: soft reboot\r\n" + RAW, host.expectEndingWith(RAW));
            assertEquals(2, host.interpretersOpened);
            host.send("print('y' in globals())\u0004");
            assertEquals("OKFalse\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
        }
    }

    @Test
    void ctrlCClearsTheLineAndCtrlBGoesBackToTheFriendlyRepl() throws Exception {
        try (SessionDriver host = enterRaw(null)) {
            host.send("print('dropped')\u0003print(2)\u0004");
            assertEquals("OK2\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
            host.send("\u0002");
            String back = host.expectEndingWith(">>> ");
            assertTrue(back.startsWith("\r\nMicroPython v"), back);
        }
    }

    @Test
    void rawPasteHonoursTheFlowControlWindow() throws Exception {
        try (SessionDriver host = enterRaw(null)) {
            StringBuilder program = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                program.append("a").append(i).append(" = ").append(i).append('\n');
            }
            program.append("print(a59 + 1)\n");
            byte[] bytes = program.toString().getBytes(StandardCharsets.UTF_8);
            assertTrue(bytes.length > 3 * ReplSession.RAW_PASTE_WINDOW);

            host.send("\u0005A\u0001");
            assertArrayEquals(new byte[] {'R', 1}, host.read(2));
            byte[] window = host.read(2);
            int windowSize = (window[0] & 0xff) | (window[1] & 0xff) << 8;
            assertEquals(ReplSession.RAW_PASTE_WINDOW, windowSize);
            // the size announces one free window; the 0x01 that follows a second one
            assertArrayEquals(new byte[] {1}, host.read(1));
            int allowance = 2 * windowSize;
            int sent = 0;
            while (sent < bytes.length) {
                if (allowance == 0) {
                    assertArrayEquals(new byte[] {1}, host.read(1), "a window increment");
                    allowance += windowSize;
                }
                int n = Math.min(allowance, bytes.length - sent);
                host.send(java.util.Arrays.copyOfRange(bytes, sent, sent + n));
                sent += n;
                allowance -= n;
            }
            host.send("\u0004");
            String rest = host.expectEndingWith("\u0004>");
            // the increments still due, the end acknowledged, then output as in the raw REPL
            assertEquals("60\r\n\u0004\u0004>", rest.replace("\u0001", "").substring(1));
            assertEquals('\u0004', rest.replace("\u0001", "").charAt(0));
        }
    }

    @Test
    void rawPasteAnswersUnknownCommandsWithR0() throws Exception {
        try (SessionDriver host = enterRaw(null)) {
            host.send("\u0005B\u0001");
            assertEquals("R\u0000>", host.expectEndingWith("R\u0000>"));
            host.send("print(3)\u0004");
            assertEquals("OK3\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
        }
    }

    @Test
    void filesWrittenAndReadBackAsMpremoteDoesStayInTheStorageRoot(@TempDir Path root) throws Exception {
        try (SessionDriver host = enterRaw(root)) {
            host.send("f=open('x.py','wb')\nw=f.write\u0004");
            assertEquals("OK\u0004\u0004>", host.expectEndingWith("\u0004>"));
            host.send("w(b'print(\\'from file\\')\\n')\u0004");
            host.expectEndingWith("\u0004\u0004>");
            host.send("f.close()\u0004");
            host.expectEndingWith("\u0004\u0004>");
            assertEquals("print('from file')\n", Files.readString(root.resolve("x.py")));

            host.send("f=open('x.py','rb')\nr=f.read\u0004");
            host.expectEndingWith("\u0004\u0004>");
            host.send("print(repr(r(256)))\u0004");
            assertEquals("OKb\"print('from file')\\n\"\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
            host.send("f.close()\nimport os\nprint(os.listdir(''))\u0004");
            assertEquals("OK['x.py']\r\n\u0004\u0004>", host.expectEndingWith("\u0004>"));
        }
    }
}
