package dev.mica.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logged-in sessions, in memory: a random session id (the cookie) and a random CSRF token per
 * session, which the page sends back in a header with every request that changes anything.
 * A session ends after {@code idle} without a request, after {@code lifetime} in any case, at
 * logout, and when its user is changed or removed. At most {@code capacity} sessions are kept;
 * the oldest goes first.
 */
final class Sessions {
    record Session(String id, String user, Role role, String csrfToken, Instant created, Instant lastSeen) {
        /** Whether the token is this session's, compared in constant time. */
        boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private final int capacity;
    private final SecureRandom random;
    // guarded by this; insertion order is creation order
    private final Map<String, Session> byId = new LinkedHashMap<>();

    Sessions(Clock clock, Duration idle, Duration lifetime, int capacity, SecureRandom random) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.random = random;
    }

    synchronized Session open(String user, Role role) {
        expire();
        while (byId.size() >= capacity) {
            Iterator<String> oldest = byId.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Instant now = clock.instant();
        Session session = new Session(token(), user, role, token(), now, now);
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle time restarted; empty if there is none. */
    synchronized Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        expire();
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Session touched = new Session(session.id(), session.user(), session.role(), session.csrfToken(),
                session.created(), clock.instant());
        byId.put(id, touched);
        return Optional.of(touched);
    }

    /** Whether the session with this id is live, without restarting its idle time (a stream's check). */
    synchronized boolean isLive(String id) {
        expire();
        return id != null && byId.containsKey(id);
    }

    synchronized void close(String id) {
        byId.remove(id);
    }

    /** Ends every session of a user (their password or role changed, or they were removed). */
    synchronized void closeAllOf(String user) {
        byId.values().removeIf(session -> session.user().equals(user));
    }

    synchronized int size() {
        expire();
        return byId.size();
    }

    Duration idle() {
        return idle;
    }

    private void expire() {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !s.lastSeen().plus(idle).isAfter(now) || !s.created().plus(lifetime).isAfter(now));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
