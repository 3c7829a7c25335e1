package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The board driver bundle updated under a running app: the app's Pin and I2C objects raise
 * OSError(ENODEV) while no driver serves them, and work again, with their settings, once the
 * new revision's services are bound, without the app being restarted.
 */
class BoardDriverSwapTest {
    private static final String APP = "toggler";

    @TempDir
    Path storage;

    private SimBoards sim;
    private GatewayFixture gateway;

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimBoards();
        gateway = new GatewayFixture(storage);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        sim.close();
    }

    @Test
    void anAppKeepsRunningThroughAnUpdateOfTheBoardDriver() throws Exception {
        sim.configureBoard(Map.of("wire", "5->6"));
        sim.addChip(Map.of("type", "bme280", "bus", "1"));
        sim.awaitChip("bme280", "1");
        gateway.writeApp(APP, """
                import time
                from machine import Pin, I2C
                out = Pin(5, Pin.OUT, value=0)
                inp = Pin(6, Pin.IN, Pin.PULL_DOWN)
                i2c = I2C(1)
                ok = 0
                in_gap = False
                gaps = 0
                while True:
                    try:
                        out.toggle()
                        level = out.value()
                        seen = inp.value()
                        chip = i2c.readfrom_mem(0x76, 0xD0, 1)[0]
                        if seen != level or chip != 0x60:
                            print('wrong', level, seen, hex(chip))
                        else:
                            ok += 1
                            if in_gap:
                                in_gap = False
                                print('back', gaps, 'after', time.ticks_diff(time.ticks_ms(), gap_start), 'ms')
                            if ok % 100 == 0:
                                print('ok', ok)
                    except OSError as e:
                        if e.errno != 19:
                            print('unexpected errno', e.errno)
                        elif not in_gap:
                            in_gap = True
                            gap_start = time.ticks_ms()
                            gaps += 1
                            print('gap', gaps, 'errno', e.errno)
                    time.sleep_ms(1)
                """);
        gateway.useStorage();
        gateway.log.awaitApp(APP, "ok 200");

        Bundle driver = Bundles.bundle(SimBoards.BUNDLE);
        long revisionBefore = driver.getLastModified();
        Bundles.updateAndRefresh(driver);
        assertTrue(driver.getLastModified() > revisionBefore, "the driver bundle was updated");

        gateway.log.awaitApp(APP, "back 1 ");
        int okBefore = okCount(gateway.log.ofApp(APP));
        Await.until(() -> okCount(gateway.log.ofApp(APP)) >= okBefore + 300, () -> gateway.log.ofApp(APP).toString());

        List<String> out = gateway.log.ofApp(APP);
        assertEquals(1, gateway.starts(APP), "the app was not restarted: " + out);
        assertTrue(out.stream().noneMatch(l -> l.startsWith("unexpected") || l.startsWith("wrong")
                || l.contains("Traceback")), out.toString());
        // gaps in the service, seen as ENODEV, each followed by working calls: the update starts
        // the new revision, and the refresh stops and starts it once more
        List<String> gaps = out.stream().filter(l -> l.startsWith("gap") || l.startsWith("back")).toList();
        assertTrue(gaps.size() == 2 || gaps.size() == 4, gaps.toString());
        for (int n = 1; n <= gaps.size() / 2; n++) {
            assertEquals("gap " + n + " errno 19", gaps.get(2 * n - 2), gaps.toString());
            assertTrue(gaps.get(2 * n - 1).startsWith("back " + n + " after "), gaps.toString());
        }
    }

    private static int okCount(List<String> out) {
        int last = 0;
        for (String line : out) {
            if (line.startsWith("ok ")) {
                last = Integer.parseInt(line.substring(3).trim());
            }
        }
        return last;
    }
}
