package dev.mica.repl.transport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import dev.mica.repl.ticket.ReplTicket;

/**
 * The tickets issued and not yet redeemed. Kept by their SHA-256 digest, so that neither a
 * lookup's timing nor a memory dump gives a usable value away; expired ones are dropped at each
 * call. At most {@code capacity} are outstanding: the oldest goes when a new one would pass it.
 */
final class TicketBook {
    /** 256 random bits: far beyond guessing within a ticket's life. */
    static final int TICKET_BYTES = 32;

    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;
    private final SecureRandom random;
    // guarded by this; insertion order is issue order
    private final Map<String, ReplTicket> byDigest = new java.util.LinkedHashMap<>();

    TicketBook(Clock clock, Duration lifetime, int capacity, SecureRandom random) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.random = random;
    }

    synchronized ReplTicket issue(String app, String holder, String origin) {
        expire();
        while (byDigest.size() >= capacity) {
            Iterator<String> oldest = byDigest.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ReplTicket ticket = new ReplTicket(value, app == null ? "" : app.strip(), holder, origin,
                clock.instant().plus(lifetime));
        byDigest.put(digest(value), ticket);
        return ticket;
    }

    /** The ticket with this value if it is outstanding; it is gone afterwards. */
    synchronized Optional<ReplTicket> redeem(String value) {
        expire();
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDigest.remove(digest(value)));
    }

    synchronized int outstanding() {
        expire();
        return byDigest.size();
    }

    private void expire() {
        Instant now = clock.instant();
        byDigest.values().removeIf(ticket -> !ticket.expires().isAfter(now));
    }

    private static String digest(String value) {
        return HexFormat.of().formatHex(WebReplConnection.digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
