package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private long now = 1_000_000;

    @Test
    void blocksAfterTheAttemptsAndDoublesTheBlock() throws Exception {
        LoginThrottle throttle = new LoginThrottle(3, 60_000, () -> now);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertFalse(throttle.failed(a));
        assertFalse(throttle.failed(a));
        assertEquals(0, throttle.blockedFor(a));
        assertTrue(throttle.failed(a));
        assertEquals(60_000, throttle.blockedFor(a));
        assertEquals(0, throttle.blockedFor(b), "other addresses are not concerned");
        now += 60_000;
        assertEquals(0, throttle.blockedFor(a));
        // one more failure after the block blocks again, twice as long
        assertTrue(throttle.failed(a));
        assertEquals(120_000, throttle.blockedFor(a));
        now += 120_000;
        throttle.succeeded(a);
        assertFalse(throttle.failed(a), "a successful login starts afresh");
    }
}
