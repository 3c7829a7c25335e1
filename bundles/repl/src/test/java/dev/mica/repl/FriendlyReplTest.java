package dev.mica.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The friendly REPL in both styles: prompts, continuation lines, paste mode, Ctrl-C, Ctrl-D. */
class FriendlyReplTest {
    @Test
    void boardStyleBannerPromptsAndLastValue() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, null)) {
            String banner = host.expectEndingWith(">>> ");
            assertTrue(banner.startsWith("MicroPython v"), banner);
            assertTrue(banner.endsWith(" test\r\nType \"help()\" for more information.\r\n>>> "), banner);
            host.send("6 * 7\r");
            assertEquals("6 * 7\r\n42\r\n>>> ", host.expectEndingWith(">>> "));
            host.send("_ + 1\r");
            assertEquals("_ + 1\r\n43\r\n>>> ", host.expectEndingWith(">>> "));
        }
    }

    @Test
    void continuationLinesAreIndentedAutomatically() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, null)) {
            host.expectEndingWith(">>> ");
            host.send("for i in range(2):\r");
            assertEquals("for i in range(2):\r\n...     ", host.expectEndingWith("...     "));
            host.send("print(i * 10)\r");
            host.expectEndingWith("...     ");
            // as MicroPython's: the indent stays for one more empty line, then the block can be ended
            host.send("\r");
            assertEquals("\r\n...     ", host.expectEndingWith("...     "));
            host.send("\r");
            assertEquals("\r\n... ", host.expectEndingWith("... "));
            host.send("\r");
            assertEquals("\r\n0\r\n10\r\n>>> ", host.expectEndingWith(">>> "));
        }
    }

    @Test
    void pasteModeRunsTheBlockAsAFile() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, null)) {
            host.expectEndingWith(">>> ");
            host.send("\u0005");
            assertEquals("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ",
                    host.expectEndingWith("=== "));
            host.send("def f():\r    return 5\rprint(f())\r\u0004");
            assertEquals("def f():\r\n===     return 5\r\n=== print(f())\r\n=== \r\n5\r\n>>> ",
                    host.expectEndingWith(">>> "));
        }
    }

    @Test
    void ctrlCInterruptsARunningProgramAndClearsALine() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, null)) {
            host.expectEndingWith(">>> ");
            host.send("import time\r");
            host.expectEndingWith(">>> ");
            host.send("time.sleep(60)\r");
            host.expectEndingWith("time.sleep(60)\r\n");
            Thread.sleep(300);
            host.send("\u0003");
            String interrupted = host.expectEndingWith(">>> ");
            assertTrue(interrupted.contains("KeyboardInterrupt: \r\n"), SessionDriver.visible(interrupted));
            host.send("abc\u0003");
            assertEquals("abc\r\n>>> ", host.expectEndingWith(">>> "));
            host.send("1 + 1\r");
            assertEquals("1 + 1\r\n2\r\n>>> ", host.expectEndingWith(">>> "));
        }
    }

    @Test
    void boardStyleCtrlDSoftResets() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, null)) {
            host.expectEndingWith(">>> ");
            host.send("z = 1\r");
            host.expectEndingWith(">>> ");
            host.send("\u0004");
            String reset = host.expectEndingWith(">>> ");
            assertTrue(reset.startsWith("\r\nMPY: soft reboot\r\nMicroPython v"), SessionDriver.visible(reset));
            host.send("'z' in globals()\r");
            assertEquals("'z' in globals()\r\nFalse\r\n>>> ", host.expectEndingWith(">>> "));
        }
    }

    @Test
    void unixStyleCtrlDLeavesAndSystemExitGivesItsCode() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.UNIX_PORT, null)) {
            assertTrue(host.expectEndingWith(">>> ").endsWith("\nUse Ctrl-D to exit, Ctrl-E for paste mode\n>>> "));
            host.send("\u0001");
            // no raw REPL on the unix port
            assertEquals("\n>>> ", host.expectEndingWith(">>> "));
            host.send("import sys\r");
            host.expectEndingWith(">>> ");
            host.send("sys.exit(3)\r");
            host.awaitEnd();
            assertEquals(3, host.exitStatus);
        }
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.UNIX_PORT, null)) {
            host.expectEndingWith(">>> ");
            host.send("\u0004");
            host.awaitEnd();
            assertEquals(0, host.exitStatus);
        }
    }

    @Test
    void tabCompletesNamesOfTheSessionsInterpreter() throws Exception {
        try (SessionDriver host = new SessionDriver(ReplOptions.Style.BOARD, null)) {
            host.expectEndingWith(">>> ");
            host.send("unique_name = 1\r");
            host.expectEndingWith(">>> ");
            host.send("uniq\t\r");
            assertEquals("uniq" + "ue_name\r\n1\r\n>>> ", host.expectEndingWith(">>> "));
        }
    }
}
