package dev.mica.repl.ticket;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One-time tickets to the WebREPL, for clients authenticated by another part of the gateway
 * (the web console). A ticket is random (256 bits), good for one login within
 * {@link #LIFETIME}, and bound to the REPL target it was issued for and, for browsers, to the
 * web origin that asked for it. The WebREPL listeners accept a ticket wherever they accept
 * their password, also when they have no password (then tickets are the only way in).
 */
@ProviderType
public interface ReplTickets {
    /** How long an issued ticket can be redeemed. */
    Duration LIFETIME = Duration.ofSeconds(30);

    /**
     * Issues a ticket for one WebREPL login.
     *
     * @param app the app whose interpreter the session runs (made like the app's), or the empty
     *        string for a fresh interpreter over the listener's storage folder
     * @param holder who it is for, as the WebREPL's log names the connection
     * @param origin the web origin ({@code scheme://host[:port]}) whose pages may use it: a
     *        client that sends a different {@code Origin} header is refused; null for any
     * @throws IllegalStateException when no WebREPL listener takes tickets now
     */
    ReplTicket issue(String app, String holder, String origin);

    /**
     * Takes a ticket: the first call with the value of a ticket that has not expired returns
     * it; the ticket is gone after that, whatever the caller does with it.
     */
    Optional<ReplTicket> redeem(String value);

    /** The WebREPL listeners that take tickets now, in the order they started. */
    List<ReplEndpoint> endpoints();
}
