package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * machine.WDT in the gateway: an app that stops feeding its watchdog is reset, which starts it
 * again at once in a new interpreter, even with the default restart policy (never); an app that
 * feeds it runs on.
 */
class WatchdogAppTest {
    @TempDir
    Path storage;

    private GatewayFixture gateway;

    @BeforeEach
    void setUp() throws Exception {
        gateway = new GatewayFixture(storage);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    @Test
    void anAppThatStopsFeedingItsWatchdogIsStartedAgain() throws Exception {
        gateway.writeApp("hung", """
                import machine
                print('up')
                machine.WDT(timeout=300)
                while True:
                    pass
                """);
        gateway.writeApp("fed", """
                import time, machine
                wdt = machine.WDT(timeout=300)
                n = 0
                while True:
                    time.sleep_ms(50)
                    wdt.feed()
                    n += 1
                    if n % 10 == 0:
                        print('alive', n)
                """);
        gateway.useStorage();
        gateway.log.awaitApp("hung", "up", 3);
        gateway.log.awaitApp("hung", "was reset (watchdog timeout (300 ms)); starting again", 2);
        gateway.log.awaitApp("fed", "alive 30");
        assertTrue(gateway.starts("fed") == 1, gateway.log.ofApp("fed").toString());
        assertTrue(gateway.starts("hung") >= 3, gateway.log.ofApp("hung").toString());
    }
}
