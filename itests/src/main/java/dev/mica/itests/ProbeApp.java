package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A gateway app that keeps running and, each time the test asks, reports what its {@code state()}
 * function sees now: the running program's view of a swap. The test writes a new number into the
 * app's {@code ping} file; the app answers with a line {@code pong N: STATE} in its log.
 */
final class ProbeApp {
    private static final String LOOP = """

            import time

            def _ping():
                try:
                    with open('ping') as f:
                        return f.read()
                except OSError:
                    return None

            # a run answers the question there is when it starts too: one asked while the
            # app was being restarted would otherwise stay unanswered
            _asked = None
            print('probe up')
            while True:
                _n = _ping()
                if _n and _n != _asked:
                    _asked = _n
                    print('pong ' + _n + ': ' + state())
                time.sleep_ms(20)
            """;

    private final GatewayFixture gateway;
    private final String name;
    private int asked;

    /** Writes the app: {@code program} defines {@code state()}, a function giving a one-line string. */
    ProbeApp(GatewayFixture gateway, String name, String program) throws Exception {
        this.gateway = gateway;
        this.name = name;
        gateway.writeApp(name, program + LOOP);
    }

    Path folder() {
        return gateway.appFolder(name);
    }

    /** What {@code state()} gives now in the running app. */
    String ask() throws Exception {
        asked++;
        String prefix = "pong " + asked + ": ";
        Path staged = folder().resolve("ping.tmp");
        Files.writeString(staged, Integer.toString(asked));
        Files.move(staged, folder().resolve("ping"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Await.until(() -> gateway.log.ofApp(name).stream().anyMatch(l -> l.startsWith(prefix)),
                () -> name + " did not answer " + prefix + gateway.log.ofApp(name));
        // the latest answer: a run that started since answers an earlier question once more
        return gateway.log.ofApp(name).stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElseThrow()
                .substring(prefix.length());
    }

    /**
     * Asks until the app sees the expected state: the framework finishes a swap on its own
     * threads (services come back after a refresh a little later).
     */
    String awaitState(String expected) throws Exception {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        String seen = ask();
        while (!seen.equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail(name + " still sees '" + seen + "', not '" + expected + "'");
            }
            Thread.sleep(50);
            seen = ask();
        }
        return seen;
    }

    /** How many times the app was started. */
    long starts() {
        return gateway.starts(name);
    }

    String log() {
        return gateway.log.ofApp(name).toString();
    }
}
