package dev.mica.repl.transport;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed password attempts counted per client address: after {@code attempts} failures in a
 * row an address may not log in for {@code blockMillis} (not even with the right password, so
 * that guessing cannot go on), and each further failure after a block doubles the next block,
 * up to a day. A successful login forgets the address.
 */
final class LoginThrottle {
    private static final long MAX_BLOCK_MILLIS = 24L * 60 * 60 * 1000;
    /** Beyond this many addresses, those no longer blocked are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private static final class Record {
        int failures;
        long blockedUntil;
        long nextBlockMillis;
    }

    private final int attempts;
    private final long blockMillis;
    private final LongSupplier clock;
    private final Map<InetAddress, Record> records = new ConcurrentHashMap<>();

    LoginThrottle(int attempts, long blockMillis, LongSupplier clock) {
        this.attempts = Math.max(1, attempts);
        this.blockMillis = Math.max(0, blockMillis);
        this.clock = clock;
    }

    /** How many milliseconds the address must still wait before it may try again (0: it may). */
    long blockedFor(InetAddress address) {
        Record record = records.get(address);
        if (record == null) {
            return 0;
        }
        synchronized (record) {
            return Math.max(0, record.blockedUntil - clock.getAsLong());
        }
    }

    /** Counts a failed attempt; returns true when it starts a block. */
    boolean failed(InetAddress address) {
        if (records.size() > PRUNE_ABOVE) {
            long now = clock.getAsLong();
            records.values().removeIf(r -> {
                synchronized (r) {
                    return r.blockedUntil < now && r.failures < attempts;
                }
            });
        }
        Record record = records.computeIfAbsent(address, a -> new Record());
        synchronized (record) {
            record.failures++;
            if (record.failures < attempts) {
                return false;
            }
            long block = record.nextBlockMillis == 0 ? blockMillis : record.nextBlockMillis;
            record.blockedUntil = clock.getAsLong() + block;
            record.nextBlockMillis = Math.min(MAX_BLOCK_MILLIS, Math.max(1, block) * 2);
            // after the block one more attempt is allowed before the next, longer one
            record.failures = attempts - 1;
            return true;
        }
    }

    /** A successful login: the address starts afresh. */
    void succeeded(InetAddress address) {
        records.remove(address);
    }
}
