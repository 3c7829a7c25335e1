package dev.mica.repl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.mica.repl.ticket.ReplEndpoint;
import dev.mica.repl.ticket.ReplTicket;
import dev.mica.repl.ticket.ReplTickets;

class TicketBookTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final TicketBook book = new TicketBook(clock, Duration.ofSeconds(30), 4, new SecureRandom());

    @Test
    void aTicketIsRandomLongAndRedeemedOnlyOnce() {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ReplTicket ticket = book.issue("", "admin", null);
            assertTrue(values.add(ticket.value()));
            assertTrue(Base64.getUrlDecoder().decode(ticket.value()).length * 8 >= 128, ticket.value());
            assertTrue(book.redeem(ticket.value()).isPresent());
            assertFalse(book.redeem(ticket.value()).isPresent(), "single use");
        }
        assertFalse(book.redeem("").isPresent());
        assertFalse(book.redeem(null).isPresent());
        assertFalse(book.redeem("not-a-ticket").isPresent());
        assertEquals(0, book.outstanding());
    }

    @Test
    void aTicketExpires() {
        ReplTicket early = book.issue("", "admin", null);
        clock.now = clock.now.plusSeconds(20);
        ReplTicket late = book.issue("", "admin", null);
        assertEquals(clock.now.plusSeconds(30), late.expires());
        clock.now = clock.now.plusSeconds(10);
        assertFalse(book.redeem(early.value()).isPresent(), "30 s after it was issued");
        assertTrue(book.redeem(late.value()).isPresent(), "10 s after it was issued");
    }

    @Test
    void aTicketCarriesItsTargetHolderAndOrigin() {
        ReplTicket ticket = book.issue(" blinky ", "olga", "http://127.0.0.1:8080");
        ReplTicket redeemed = book.redeem(ticket.value()).orElseThrow();
        assertEquals("blinky", redeemed.app());
        assertEquals("olga", redeemed.holder());
        assertTrue(redeemed.allowsOrigin("http://127.0.0.1:8080"));
        assertTrue(redeemed.allowsOrigin(null), "clients that are not browsers send no origin");
        assertFalse(redeemed.allowsOrigin("http://evil.example"));
        assertFalse(redeemed.toString().contains(ticket.value()), "the value stays out of logs");
        assertTrue(book.issue(null, "admin", null).allowsOrigin("http://anywhere.example"));
    }

    @Test
    void theOldestOutstandingTicketGivesWayBeyondTheCapacity() {
        ReplTicket first = book.issue("", "a", null);
        ReplTicket second = book.issue("", "a", null);
        for (int i = 0; i < 3; i++) {
            book.issue("", "a", null);
        }
        assertEquals(4, book.outstanding());
        assertFalse(book.redeem(first.value()).isPresent());
        assertTrue(book.redeem(second.value()).isPresent());
    }

    @Test
    void theServiceIssuesOnlyWhileAListenerTakesTickets() throws Exception {
        ReplTicketService office = new ReplTicketService(clock);
        assertThrows(IllegalStateException.class, () -> office.issue("", "admin", null));
        ReplEndpoint endpoint = new ReplEndpoint("127.0.0.1", 8266, false, false, "");
        AutoCloseable registration = office.listening(endpoint);
        assertEquals(java.util.List.of(endpoint), office.endpoints());
        ReplTicket ticket = office.issue("", "admin", null);
        assertNotEquals(ticket.value(), office.issue("", "admin", null).value());
        assertTrue(office.redeem(ticket.value()).isPresent());
        ReplTicket unused = office.issue("", "admin", null);
        clock.now = clock.now.plus(ReplTickets.LIFETIME);
        assertFalse(office.redeem(unused.value()).isPresent(), "expired after the service's lifetime");
        registration.close();
        assertTrue(office.endpoints().isEmpty());
        assertThrows(IllegalStateException.class, () -> office.issue("", "admin", null));
    }
}
