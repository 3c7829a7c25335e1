package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of the gateway's apps through {@code mica:apps}: a crashing app is
 * restarted with growing delays and given up on after its {@code restart.limit}; a running
 * app's heap in use is listed beside its limit and follows what the program holds.
 */
class AppPolicyTest {
    @TempDir
    Path storage;

    private GatewayFixture gateway;

    @BeforeEach
    void fixture() throws Exception {
        gateway = new GatewayFixture(storage);
    }

    @AfterEach
    void stopTheGateway() throws Exception {
        gateway.close();
    }

    @Test
    void aCrashingAppIsGivenUpAfterItsRestartLimit() throws Exception {
        Files.createDirectories(storage.resolve("apps"));
        Files.writeString(storage.resolve("apps").resolve("crashy.py"), "print('trying')\nraise OSError(5)\n");
        gateway.configureApp(Map.of("name", "crashy", "restart", "on-failure", "restart.delay", "100",
                "restart.limit", "3"));
        gateway.useStorage();
        gateway.log.awaitApp("crashy", "given up after 3 restarts in a row (restart.limit 3)");
        assertEquals(4, gateway.starts("crashy"), "the first run and three restarts: " + gateway.log.ofApp("crashy"));
        assertEquals(1, gateway.log.countOfApp("crashy", "restart 1 in a row in 100 ms"));
        assertEquals(1, gateway.log.countOfApp("crashy", "restart 2 in a row in 200 ms"));
        assertEquals(1, gateway.log.countOfApp("crashy", "restart 3 in a row in 400 ms"));
        Thread.sleep(1000);
        assertEquals(4, gateway.starts("crashy"), "no restart after giving up");
        String row = row("crashy");
        assertTrue(row.contains("FAILED") && row.contains("given up after 3 restarts in a row"), row);

        // started by hand, it gets its restarts again
        assertEquals("started crashy", gateway.command("start", "crashy"));
        gateway.log.awaitApp("crashy", "given up after 3 restarts in a row", 2);
        assertEquals(8, gateway.starts("crashy"));
    }

    @Test
    void theAppsListShowsTheHeapARunningAppHolds() throws Exception {
        ProbeApp probe = new ProbeApp(gateway, "holder", """
                held = []

                def state():
                    held.append(bytearray(100_000))
                    return 'holding %d' % len(held)
                """);
        gateway.configureApp(Map.of("name", "holder", "heapsize", "1m"));
        Files.writeString(storage.resolve("apps").resolve("idle.py"), "print('done')\n");
        gateway.useStorage();
        gateway.log.awaitApp("holder", "probe up");
        gateway.log.awaitApp("idle", "done");
        long before = used("holder");
        assertEquals("holding 1", probe.ask());
        assertEquals("holding 2", probe.ask());
        long after = used("holder");
        assertTrue(after >= before + 200_000, before + " -> " + after + "\n" + gateway.command("apps"));
        assertTrue(row("holder").contains(" 1m "), row("holder"));
        assertTrue(row("idle").matches("idle +FINISHED +.* 2m +- .*"), row("idle"));
    }

    @Test
    void aStorageSettingConfinesTheAppsFilesToAFolderWhileItsCodeStaysImportable() throws Exception {
        Path folder = gateway.writeApp("store", """
                import helper, os
                with open('note.txt', 'w') as f:
                    f.write(helper.TEXT)
                print('files', sorted(os.listdir('/')))
                """).getParent();
        Files.writeString(folder.resolve("helper.py"), "TEXT = 'kept apart'\n");
        gateway.configureApp(Map.of("name", "store", "storage", "data"));
        gateway.useStorage();
        gateway.log.awaitApp("store", "files ['note.txt']");
        assertEquals("kept apart", Files.readString(folder.resolve("data").resolve("note.txt")));
        assertTrue(Files.notExists(folder.resolve("note.txt")));
    }

    /** The heap in use that {@code mica:apps} lists for a running app, in bytes (from its USED column). */
    private long used(String name) throws Exception {
        String[] columns = row(name).split(" +");
        String used = columns[7];
        return used.endsWith("k") ? Long.parseLong(used.substring(0, used.length() - 1)) * 1024 : Long.parseLong(used);
    }

    private String row(String name) throws Exception {
        String listing = gateway.command("apps");
        Optional<String> row = listing.lines().filter(l -> l.startsWith(name + " ")).findFirst();
        assertTrue(row.isPresent(), listing);
        return row.get();
    }
}
