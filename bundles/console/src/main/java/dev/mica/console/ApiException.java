package dev.mica.console;

import java.util.List;

/** A request that cannot be served, with the HTTP status and the reason the client gets. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final List<String> reasons;

    ApiException(int status, String message) {
        this(status, message, List.of());
    }

    ApiException(int status, String message, List<String> reasons) {
        super(message, null, false, false);
        this.status = status;
        this.reasons = List.copyOf(reasons);
    }

    int status() {
        return status;
    }

    List<String> reasons() {
        return reasons;
    }
}
