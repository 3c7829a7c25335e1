package dev.mica.console;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/**
 * The API's front door. Every request goes through the same checks, in this order: a public
 * route (login) runs at once; any other request needs a live session (else 401, whatever the
 * path, so that nothing is told without one); a request that changes state needs the session's
 * CSRF token in the {@value #CSRF_HEADER} header (else 403); an admin route needs the admin
 * role (else 403). Failures become JSON answers with a reason: bad input 400, missing things
 * 404, and unexpected errors 500 with the details in the log only.
 */
final class ApiDispatcher {
    static final String SESSION_COOKIE = "mica_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final List<Route> routes;
    private final Sessions sessions;
    private final long uploadLimit;
    private final BiConsumer<String, Throwable> errorLog;

    ApiDispatcher(List<Route> routes, Sessions sessions, long uploadLimit, BiConsumer<String, Throwable> errorLog) {
        this.routes = List.copyOf(routes);
        this.sessions = sessions;
        this.uploadLimit = uploadLimit;
        this.errorLog = errorLog;
    }

    List<Route> routes() {
        return routes;
    }

    ApiResponse dispatch(ApiExchange exchange) {
        String method = exchange.method();
        String path = exchange.path();
        Route route = null;
        Map<String, String> parameters = null;
        boolean pathKnown = false;
        for (Route candidate : routes) {
            Map<String, String> matched = candidate.match(path);
            if (matched != null) {
                pathKnown = true;
                if (candidate.method().equals(method)) {
                    route = candidate;
                    parameters = matched;
                    break;
                }
            }
        }
        if (route != null && route.access() == Access.PUBLIC) {
            return run(route, parameters, exchange, null);
        }
        Sessions.Session session = sessions.touch(exchange.cookie(SESSION_COOKIE)).orElse(null);
        if (session == null) {
            return ApiResponse.error(401, "not logged in: log in with POST /api/login");
        }
        if (route == null) {
            return pathKnown ? ApiResponse.error(405, method + " is not allowed on " + path)
                    : ApiResponse.error(404, "no such API path: " + path);
        }
        if (route.changesState() && !session.csrfMatches(exchange.header(CSRF_HEADER))) {
            return ApiResponse.error(403, "missing or wrong CSRF token (header " + CSRF_HEADER + ")");
        }
        if (!session.role().allows(route.access().requiredRole())) {
            return ApiResponse.error(403, "the " + route.access().requiredRole().id() + " role is needed; "
                    + session.user() + " is a " + session.role().id());
        }
        return run(route, parameters, exchange, session);
    }

    private ApiResponse run(Route route, Map<String, String> parameters, ApiExchange exchange, Sessions.Session session) {
        try {
            Object result = route.handler().handle(new ApiCall(exchange, parameters, session, uploadLimit));
            return result instanceof ApiResponse response ? response : ApiResponse.json(200, result);
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage(), e.reasons());
        } catch (NoSuchElementException e) {
            return ApiResponse.error(404, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return ApiResponse.error(409, e.getMessage());
        } catch (Exception | LinkageError e) {
            errorLog.accept("console: " + route.method() + " /api" + route.path() + " failed", e);
            return ApiResponse.error(500, "the gateway failed to do this (details in its log)");
        }
    }

    /** The session cookie: HttpOnly, SameSite=Strict, and Secure over TLS. */
    static String sessionCookie(String id, long maxAgeSeconds, boolean secure) {
        return SESSION_COOKIE + "=" + id + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
