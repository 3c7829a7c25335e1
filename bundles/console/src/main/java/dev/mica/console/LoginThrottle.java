package dev.mica.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate limit of login attempts per client address: after {@code freeFailures} failed attempts
 * in a row, the address must wait before its next attempt, one second doubled with every further
 * failure, up to {@code maxWait}. A success clears the address. At most {@code capacity}
 * addresses are remembered (least recently failed forgotten first), so a flood of addresses
 * cannot exhaust memory.
 */
final class LoginThrottle {
    private record Failures(int count, Instant blockedUntil) {
    }

    private final Clock clock;
    private final int freeFailures;
    private final Duration maxWait;
    private final int capacity;
    // guarded by this; access order, so the eldest entry is the least recently failed
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(Clock clock, int freeFailures, Duration maxWait, int capacity) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.maxWait = maxWait;
        this.capacity = capacity;
    }

    /** How long the address must still wait before it may try; zero when it may try now. */
    synchronized Duration waitFor(String address) {
        Failures failures = byAddress.get(address);
        if (failures == null || failures.blockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), failures.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    synchronized void failed(String address) {
        Failures previous = byAddress.get(address);
        int count = previous == null ? 1 : previous.count() + 1;
        Instant blockedUntil = null;
        if (count >= freeFailures) {
            int doublings = Math.min(count - freeFailures, 30);
            Duration wait = Duration.ofSeconds(1L << doublings);
            blockedUntil = clock.instant().plus(wait.compareTo(maxWait) > 0 ? maxWait : wait);
        }
        byAddress.put(address, new Failures(count, blockedUntil));
        if (byAddress.size() > capacity) {
            Iterator<String> eldest = byAddress.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }
}
