package dev.mica.console;

import jakarta.servlet.http.HttpServletResponse;

/** Headers on every answer of the console: no framing, no sniffing, no referrer, scripts and styles from the console only. */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        apply(response, java.util.List.of());
    }

    /** The headers, with more places the page's scripts may connect to (the WebREPL's WebSocket). */
    static void apply(HttpServletResponse response, java.util.List<String> connectSources) {
        String policy = connectSources.isEmpty() ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' " + String.join(" ", connectSources));
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
