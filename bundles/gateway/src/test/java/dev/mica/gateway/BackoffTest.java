package dev.mica.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(60));

    @Test
    void delaysDoubleUpToTheMaximum() {
        assertEquals(Duration.ofMillis(500), backoff.delayBefore(1));
        assertEquals(Duration.ofMillis(1000), backoff.delayBefore(2));
        assertEquals(Duration.ofMillis(2000), backoff.delayBefore(3));
        assertEquals(Duration.ofMillis(3000), backoff.delayBefore(4));
        assertEquals(Duration.ofMillis(3000), backoff.delayBefore(1000), "no overflow after many restarts");
    }

    @Test
    void aRunAsLongAsTheResetPeriodIsHealthy() {
        assertFalse(backoff.wasHealthy(Duration.ofSeconds(59)));
        assertTrue(backoff.wasHealthy(Duration.ofSeconds(60)));
    }

    @Test
    void inconsistentDelaysAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void policiesNameTheirConfigurationValues() {
        assertEquals(RestartPolicy.ON_FAILURE, RestartPolicy.parse("on-failure").orElseThrow());
        assertTrue(RestartPolicy.parse("sometimes").isEmpty());
        assertTrue(RestartPolicy.ALWAYS.restartsAfter(false));
        assertFalse(RestartPolicy.ON_FAILURE.restartsAfter(false));
        assertTrue(RestartPolicy.ON_FAILURE.restartsAfter(true));
        assertFalse(RestartPolicy.NEVER.restartsAfter(true));
    }
}
