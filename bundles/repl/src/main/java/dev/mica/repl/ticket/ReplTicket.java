package dev.mica.repl.ticket;

import java.time.Instant;

/**
 * A ticket to one WebREPL login.
 *
 * @param value what the client sends instead of the password (URL-safe base64, no padding)
 * @param app the app whose interpreter the session runs, or the empty string for a fresh one
 * @param holder who it was issued to
 * @param origin the web origin allowed to use it, or null for any
 * @param expires when it can no longer be redeemed
 */
public record ReplTicket(String value, String app, String holder, String origin, Instant expires) {
    /** Whether a client that sent this {@code Origin} header (null: none, as non-browser clients) may use it. */
    public boolean allowsOrigin(String clientOrigin) {
        return origin == null || clientOrigin == null || origin.equalsIgnoreCase(clientOrigin.strip());
    }

    @Override
    public String toString() {
        // never the value: tickets must not reach logs
        return "ReplTicket[app=" + app + ", holder=" + holder + ", origin=" + origin + ", expires=" + expires + "]";
    }
}
