package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The web console in a real headless Chromium: log in, see the simulated display on the board
 * page, type into the REPL terminal (the WebREPL with a console ticket), create and start an
 * app, watch its log (server-sent events), and swap the simulated board's driver bundle through
 * the console while the app runs. With
 * {@code MICA_REQUIRE_BROWSER=1} (bin/mica-test) a missing browser is a failure, else a skip.
 */
@ExtendWith(ServiceExtension.class)
class ConsoleBrowserTest {
    private static final String WEBREPL_PID = "dev.mica.repl.webrepl";
    /** WebDriver's code of the Enter key. */
    private static final String ENTER = "\uE007";

    static final String PROGRAM = String.join("\n",
            "import time",
            "from machine import Pin",
            "n = 0",
            "while True:",
            "    try:",
            "        Pin(2, Pin.OUT).value(n % 2)",
            "        print('tick', n)",
            "    except OSError as e:",
            "        print('no pin', e)",
            "    n += 1",
            "    time.sleep(0.1)",
            "");

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configurationAdmin;

    @TempDir
    Path storage;
    GatewayFixture gateway;
    WebDriverClient browser;
    SimBoards sim;

    @BeforeEach
    void start() throws Exception {
        if (!WebDriverClient.available()) {
            String missing = "no " + WebDriverClient.CHROMIUM + " or " + WebDriverClient.CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("MICA_REQUIRE_BROWSER"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        sim = new SimBoards();
        sim.addChip(Map.of("type", "ssd1306", "bus", "1"));
        gateway = new GatewayFixture(storage);
        gateway.useStorage();
        // the WebREPL without a password (console tickets only), on a free port rather than 8266
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        configurationAdmin.getConfiguration(WEBREPL_PID, "?").update(new Hashtable<>(
                Map.of("port", String.valueOf(port), "storage", storage.resolve("repl").toString())));
        browser = new WebDriverClient();
    }

    @AfterEach
    void stop() throws Exception {
        configurationAdmin.getConfiguration(WEBREPL_PID, "?").delete();
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (gateway != null) {
                    gateway.close();
                }
            } finally {
                if (sim != null) {
                    sim.close();
                }
            }
        }
    }

    @Test
    void loginDeployStartWatchTheLogAndSwapTheDriverWhileTheAppRuns() throws Exception {
        String password = ConsoleTest.awaitFirstPassword(gateway, storage);
        String base = ConsoleClient.endpoint();
        browser.open(base + "/console/");
        browser.type("#login-user", "admin");
        browser.type("#login-password", password);
        browser.click("#login-submit");
        browser.await("#nav-apps");
        browser.awaitText("#whoami", "admin (admin)");

        // the board page shows the simulated SSD1306's picture, 128x64 pixels before CSS scaling
        browser.click("#nav-board");
        browser.await("#board-displays figure img");
        browser.awaitText("#board-displays", "ssd1306");
        String naturalSize = "const i = document.querySelector('#board-displays figure img');"
                + " return i.complete ? i.naturalWidth + 'x' + i.naturalHeight : 'loading';";
        WebDriverClient.awaitCondition(() -> {
            try {
                return browser.script(naturalSize).contains("\"128x64\"");
            } catch (Exception e) {
                return false;
            }
        }, () -> {
            try {
                return "the display's image: " + browser.script(naturalSize);
            } catch (Exception e) {
                return e.toString();
            }
        });

        // the REPL terminal: a ticket from the console, the WebREPL underneath
        browser.click("#nav-repl");
        WebDriverClient.awaitCondition(() -> scriptValue("document.getElementById('repl-connect').disabled === false"),
                () -> browser.safeText("#repl-status"));
        browser.click("#repl-connect");
        browser.awaitText("#repl-screen", "WebREPL connected");
        browser.awaitText("#repl-status", "Connected to a fresh interpreter");
        browser.keys("#repl-screen", "1+2" + ENTER);
        browser.awaitText("#repl-screen", "1+2\n3\n>>>");
        // line editing: Home, a character, End, Backspace, Tab completion
        browser.keys("#repl-screen", "0*7" + "\uE011" + "1" + "\uE010" + "\uE003" + "8" + ENTER);
        browser.awaitText("#repl-screen", "10*8\n80\n>>>");
        browser.keys("#repl-screen", "impo" + "\uE004" + "sys" + ENTER);
        browser.awaitText("#repl-screen", "import sys\n>>>");
        browser.keys("#repl-screen", "sys.maxsi" + "\uE004" + " > 0" + ENTER);
        browser.awaitText("#repl-screen", "sys.maxsize > 0\nTrue\n>>>");

        browser.click("#nav-apps");
        browser.click("#app-create summary");
        browser.type("#app-create-name", "ticker");
        browser.type("#app-create-source", PROGRAM);
        browser.click("#app-create-submit");
        browser.awaitText("#message", "created ticker");
        browser.click("button[data-action=start][data-app=ticker]");
        browser.awaitText("#log-view", "tick 5");
        browser.awaitText("#apps-table", "RUNNING");
        assertTrue(scriptValue("document.getElementById('log-view').dataset.mode === 'stream'"),
                "the log came through the event stream");

        Bundle sim = Bundles.bundle("dev.mica.driver.sim");
        long modifiedBefore = sim.getLastModified();
        Path jar = jarOf(sim);
        browser.click("#nav-bundles");
        browser.await("button[data-action=update][data-bundle='dev.mica.driver.sim']");
        browser.click("button[data-action=update][data-bundle='dev.mica.driver.sim']");
        browser.chooseFile("#bundle-update-file", jar);
        browser.click("#bundle-update-submit");
        browser.awaitText("#message", "dev.mica.driver.sim: updated; refreshed");
        assertNotEquals(modifiedBefore, sim.getLastModified(), "the driver bundle was updated");
        assertEquals(Bundle.ACTIVE, sim.getState());

        // the app outlives the swap: its Pin finds the new driver's service and it keeps ticking
        browser.click("#nav-apps");
        browser.click("button[data-action=open][data-app=ticker]");
        String after = browser.text("#log-view");
        int lastTick = lastTick(after);
        WebDriverClient.awaitCondition(() -> lastTick(browser.safeText("#log-view")) >= lastTick + 5,
                () -> browser.safeText("#log-view"));
        browser.awaitText("#apps-table", "RUNNING");
        browser.click("button[data-action=stop][data-app=ticker]");
        browser.awaitText("#message", "stopped ticker");
        assertTrue(gateway.log.ofApp("ticker").stream().anyMatch(line -> line.startsWith("tick")), "the app's output reached the log");
    }

    /** Whether a script expression is true in the page. */
    private boolean scriptValue(String expression) {
        try {
            return browser.script("return " + expression + ";").contains("\"value\":true");
        } catch (Exception e) {
            return false;
        }
    }

    private static int lastTick(String log) {
        int last = -1;
        for (String line : log.split("\n")) {
            int at = line.lastIndexOf(" out tick ");
            if (at >= 0) {
                last = Math.max(last, Integer.parseInt(line.substring(at + " out tick ".length()).trim()));
            }
        }
        return last;
    }

    /** The jar file a bundle was installed from (the tester installs bundles by file reference). */
    private static Path jarOf(Bundle bundle) throws Exception {
        String location = bundle.getLocation();
        String target = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        return target.startsWith("file:") ? Path.of(java.net.URI.create(target)) : Path.of(target);
    }
}
