package dev.mica.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import dev.mica.gateway.api.AppControl;
import dev.mica.repl.ticket.ReplEndpoint;
import dev.mica.repl.ticket.ReplTicket;
import dev.mica.repl.ticket.ReplTickets;

/**
 * The terminal's way into the WebREPL: an admin's page asks for a one-time ticket (CSRF-checked
 * POST) and sends it to the WebREPL listener where a WebREPL client sends the password. The
 * ticket is bound to the chosen target and to the page's origin.
 */
final class ReplTicketRoutes {
    private final AppControl apps;
    private final Supplier<ReplTickets> tickets;

    ReplTicketRoutes(AppControl apps, Supplier<ReplTickets> tickets) {
        this.apps = apps;
        this.tickets = tickets;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/repl", Access.ADMIN,
                        "Whether the WebREPL takes the console's tickets, and its listeners (port, tls)",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, this::describe),
                new Route("POST", "/repl/ticket", Access.ADMIN,
                        "A one-time ticket to the WebREPL for {app} (an app's name, or \"\" for a fresh interpreter): "
                                + "send it as the WebREPL password within " + ReplTickets.LIFETIME.toSeconds()
                                + " s, from a page of the console's origin; answers the listener to connect to",
                        Route.Body.JSON, List.of(), Route.Produces.JSON, this::issue));
    }

    private Object describe(ApiCall call) {
        ReplTickets office = tickets.get();
        Map<String, Object> out = new LinkedHashMap<>();
        List<ReplEndpoint> endpoints = office == null ? List.of() : office.endpoints();
        out.put("available", !endpoints.isEmpty());
        out.put("endpoints", endpoints.stream().map(ReplTicketRoutes::json).toList());
        if (endpoints.isEmpty()) {
            out.put("reason", office == null ? "the repl bundle's ticket service is not running"
                    : "no WebREPL listener is running (see the gateway's log, configuration dev.mica.repl.webrepl)");
        }
        return out;
    }

    private Object issue(ApiCall call) throws Exception {
        Map<String, Object> body = call.jsonBody();
        Object requested = body.getOrDefault("app", "");
        if (!(requested instanceof String app)) {
            throw new ApiException(400, "'app' must be a string (\"\" for a fresh interpreter)");
        }
        if (!app.isEmpty()) {
            apps.app(app).orElseThrow(() -> new NoSuchElementException("no app " + app));
        }
        ReplTickets office = tickets.get();
        if (office == null) {
            throw new ApiException(503, "the repl bundle's ticket service is not running");
        }
        boolean secure = call.exchange().secure();
        // a page served over https may only open wss:// connections
        ReplEndpoint endpoint = office.endpoints().stream().filter(e -> e.tls() || !secure).findFirst()
                .orElseThrow(() -> new ApiException(409, secure
                        ? "the console is served over https but no WebREPL listener has TLS (a browser refuses ws:// "
                                + "from an https page)"
                        : "no WebREPL listener is running", List.of(
                        "configuration dev.mica.repl.webrepl" + (secure ? ": tls.keystore" : ""))));
        ReplTicket ticket;
        try {
            ticket = office.issue(app, call.session().user(), origin(call.exchange()));
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticket", ticket.value());
        out.put("app", ticket.app());
        out.put("expiresInSeconds", Math.max(0, Duration.between(Instant.now(), ticket.expires()).toSeconds()));
        out.putAll(json(endpoint));
        return out;
    }

    /** The page's origin: the browser's Origin header, or what the request says of itself. */
    static String origin(ApiExchange exchange) {
        String origin = exchange.header("Origin");
        if (origin != null && !origin.isBlank() && !origin.equals("null")) {
            return origin.strip();
        }
        String host = exchange.header("Host");
        return host == null ? null : (exchange.secure() ? "https://" : "http://") + host.strip();
    }

    private static Map<String, Object> json(ReplEndpoint endpoint) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", endpoint.host());
        out.put("port", endpoint.port());
        out.put("tls", endpoint.tls());
        out.put("passwordLogin", endpoint.passwordLogin());
        return out;
    }
}
