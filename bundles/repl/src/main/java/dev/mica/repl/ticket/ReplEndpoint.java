package dev.mica.repl.ticket;

/**
 * A WebREPL listener that takes tickets.
 *
 * @param host the address it is bound to
 * @param port its TCP port
 * @param tls whether it speaks wss:// (then clients must use wss://; a browser page served over
 *        https cannot open a plain ws:// connection)
 * @param passwordLogin whether it also takes its own password (false: tickets only)
 * @param app the app its password logins get, or the empty string for fresh interpreters
 */
public record ReplEndpoint(String host, int port, boolean tls, boolean passwordLogin, String app) {
}
