package dev.mica.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for things the framework does on its own threads (FileInstall scans, SCR, apps). */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    /** Waits until the condition holds; fails with the description of what was seen last. */
    static void until(BooleanSupplier condition, Supplier<String> whatWasSeen) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("still not the case after " + TIMEOUT.toSeconds() + " s: " + whatWasSeen.get());
            }
            Thread.sleep(50);
        }
    }
}
