package dev.mica.repl.transport;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import dev.mica.repl.ticket.ReplEndpoint;
import dev.mica.repl.ticket.ReplTicket;
import dev.mica.repl.ticket.ReplTickets;

/**
 * The WebREPL's ticket office: issues tickets to the console and redeems them for the
 * listeners, which announce themselves here while they listen.
 */
@Component(service = ReplTickets.class)
public class ReplTicketService implements ReplTickets {
    /** More outstanding tickets than any number of operators needs at once. */
    static final int CAPACITY = 256;

    private final TicketBook book;
    private final List<ReplEndpoint> endpoints = new CopyOnWriteArrayList<>();

    public ReplTicketService() {
        this(Clock.systemUTC());
    }

    ReplTicketService(Clock clock) {
        book = new TicketBook(clock, LIFETIME, CAPACITY, new SecureRandom());
    }

    @Override
    public ReplTicket issue(String app, String holder, String origin) {
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no WebREPL listener is running (see the log of dev.mica.repl.webrepl)");
        }
        return book.issue(app, holder, origin);
    }

    @Override
    public Optional<ReplTicket> redeem(String value) {
        return book.redeem(value);
    }

    @Override
    public List<ReplEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** A listener takes tickets from now on; closing the answer ends that. */
    AutoCloseable listening(ReplEndpoint endpoint) {
        endpoints.add(endpoint);
        return () -> endpoints.remove(endpoint);
    }
}
