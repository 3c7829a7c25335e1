package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
    private final PasswordHasher fastHasher = new PasswordHasher(1000, new SecureRandom());

    @Test
    void hashesAreSaltedAndVerifyOnlyTheRightPassword() {
        String first = fastHasher.hash("correct horse".toCharArray());
        String second = fastHasher.hash("correct horse".toCharArray());
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(first.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(fastHasher.verify("correct horse".toCharArray(), first));
        assertFalse(fastHasher.verify("correct horsE".toCharArray(), first));
        assertFalse(fastHasher.verify("".toCharArray(), first));
        assertFalse(fastHasher.verify("x".toCharArray(), "pbkdf2-sha256$1000$bad"));
        assertFalse(fastHasher.verify("x".toCharArray(), "md5$1$AA$AA"));
        assertFalse(fastHasher.verify("x".toCharArray(), null));
    }

    @Test
    void theIterationCountIsReadFromTheStoredHash() {
        String stored = new PasswordHasher(2000, new SecureRandom()).hash("pw-pw-pw-pw".toCharArray());
        assertTrue(fastHasher.verify("pw-pw-pw-pw".toCharArray(), stored));
        assertTrue(new PasswordHasher().hash("a".toCharArray()).startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    void firstStartMakesAnAdminWhosePasswordIsStoredOnlyAsAHash(@TempDir Path storage) throws IOException {
        Path file = storage.resolve("state").resolve(UserStore.FILE);
        UserStore store = new UserStore(file, fastHasher, new SecureRandom());
        Optional<String> password = store.load();
        assertTrue(password.isPresent());
        assertTrue(password.get().length() >= 20);
        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(content.contains(password.get()), "the password itself is never stored");
        assertTrue(content.contains("admin=admin\\:pbkdf2-sha256$") || content.contains("admin=admin:pbkdf2-sha256$"), content);

        UserStore again = new UserStore(file, fastHasher, new SecureRandom());
        assertEquals(Optional.empty(), again.load(), "the second start shows no password");
        assertEquals(Role.ADMIN, again.authenticate("admin", password.get().toCharArray()).orElseThrow().role());
        assertTrue(again.authenticate("admin", "wrong-password".toCharArray()).isEmpty());
        assertTrue(again.authenticate("nobody", password.get().toCharArray()).isEmpty());
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(1, leftovers.count(), "no temporary file is left by the atomic write");
        }
    }

    @Test
    void usersAreCheckedAndTheLastAdminIsKept(@TempDir Path storage) throws IOException {
        UserStore store = new UserStore(storage.resolve("users"), fastHasher, new SecureRandom());
        store.load();
        store.put("olga", Role.VIEWER, "viewer-password".toCharArray());
        assertEquals(Role.VIEWER, store.authenticate("olga", "viewer-password".toCharArray()).orElseThrow().role());
        assertThrows(IllegalArgumentException.class, () -> store.put("bob", Role.VIEWER, "short".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> store.put("../x", Role.VIEWER, "long-enough-pw".toCharArray()));
        assertThrows(IllegalStateException.class, () -> store.remove("admin"));
        assertThrows(IllegalStateException.class, () -> store.put("admin", Role.VIEWER, "long-enough-pw".toCharArray()));
        assertTrue(store.remove("olga"));
        assertFalse(store.remove("olga"));
    }

    @Test
    void sessionsExpireWhenIdleAndAfterTheirLifetime() {
        MutableClock clock = new MutableClock();
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(2), 3, new SecureRandom());
        Sessions.Session session = sessions.open("admin", Role.ADMIN);
        assertNotEquals(session.id(), session.csrfToken());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.touch(session.id()).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.touch(session.id()).isPresent(), "each request restarts the idle time");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.touch(session.id());
        }
        assertTrue(sessions.touch(session.id()).isEmpty(), "the lifetime ends a busy session too");
        Sessions.Session idle = sessions.open("admin", Role.ADMIN);
        clock.advance(Duration.ofMinutes(30));
        assertTrue(sessions.touch(idle.id()).isEmpty());
        assertTrue(sessions.touch(null).isEmpty());
        assertTrue(sessions.touch("made-up").isEmpty());
    }

    @Test
    void sessionsAreBoundedAndClosedPerUser() {
        Sessions sessions = new Sessions(new MutableClock(), Duration.ofMinutes(30), Duration.ofHours(2), 2, new SecureRandom());
        Sessions.Session a = sessions.open("a", Role.ADMIN);
        Sessions.Session b = sessions.open("b", Role.VIEWER);
        sessions.open("b", Role.VIEWER);
        assertEquals(2, sessions.size());
        assertTrue(sessions.touch(a.id()).isEmpty(), "the oldest session went first");
        sessions.closeAllOf("b");
        assertTrue(sessions.touch(b.id()).isEmpty());
        assertEquals(0, sessions.size());
    }

    @Test
    void csrfTokensMatchOnlyTheirSession() {
        Sessions sessions = new Sessions(new MutableClock(), Duration.ofMinutes(30), Duration.ofHours(2), 10, new SecureRandom());
        Sessions.Session one = sessions.open("a", Role.ADMIN);
        Sessions.Session two = sessions.open("a", Role.ADMIN);
        assertTrue(one.csrfMatches(one.csrfToken()));
        assertFalse(one.csrfMatches(two.csrfToken()));
        assertFalse(one.csrfMatches(null));
        assertFalse(one.csrfMatches(""));
    }

    @Test
    void failedLoginsMakeTheAddressWaitLongerAndLonger() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofSeconds(10), 100);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"), "the first failures are free");
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.2"), "other addresses are not held up");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"));
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(2), throttle.waitFor("10.0.0.1"));
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(4), throttle.waitFor("10.0.0.1"));
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(10), throttle.waitFor("10.0.0.1"), "capped");
        throttle.succeeded("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"));
    }

    @Test
    void theThrottleForgetsTheLeastRecentlyFailedAddressesBeyondItsCapacity() {
        LoginThrottle throttle = new LoginThrottle(new MutableClock(), 1, Duration.ofSeconds(10), 2);
        throttle.failed("a");
        throttle.failed("b");
        throttle.failed("c");
        assertEquals(Duration.ZERO, throttle.waitFor("a"));
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("c"));
    }
}
