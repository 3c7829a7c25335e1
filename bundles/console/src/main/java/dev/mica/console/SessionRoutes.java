package dev.mica.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Logging in and out, the current session, passwords and the users (admins only). */
final class SessionRoutes {
    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Duration cookieLifetime;

    SessionRoutes(UserStore users, Sessions sessions, LoginThrottle throttle, Duration cookieLifetime) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.cookieLifetime = cookieLifetime;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/login", Access.PUBLIC,
                        "Log in with {user, password}: sets the session cookie, answers the CSRF token for the "
                                + ApiDispatcher.CSRF_HEADER + " header. Failed attempts make the client's address wait",
                        Route.Body.JSON, List.of(), Route.Produces.JSON, this::login),
                new Route("POST", "/logout", Access.VIEWER, "End the session", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, this::logout),
                new Route("GET", "/session", Access.VIEWER, "The logged-in user, role and CSRF token",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, call -> describe(call.session())),
                new Route("POST", "/password", Access.VIEWER,
                        "Change one's own password: {old, new}; every session of the user ends",
                        Route.Body.JSON, List.of(), Route.Produces.JSON, this::changePassword),
                new Route("GET", "/users", Access.ADMIN, "The users and their roles", Route.Body.NONE, List.of(),
                        Route.Produces.JSON, call -> users.roles()),
                new Route("PUT", "/users/{user}", Access.ADMIN,
                        "Add a user or replace one's role and password: {role: admin|viewer, password}",
                        Route.Body.JSON, List.of(), Route.Produces.JSON, this::putUser),
                new Route("DELETE", "/users/{user}", Access.ADMIN, "Remove a user (not the last admin)",
                        Route.Body.NONE, List.of(), Route.Produces.JSON, this::removeUser));
    }

    private Object login(ApiCall call) throws Exception {
        String address = call.exchange().clientAddress();
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return ApiResponse.error(429, "too many failed logins from " + address + "; try again in " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        Map<String, Object> body = call.jsonBody();
        String user = ApiCall.string(body, "user");
        char[] password = ApiCall.string(body, "password").toCharArray();
        Optional<UserStore.User> found = users.authenticate(user, password);
        java.util.Arrays.fill(password, '\0');
        if (found.isEmpty()) {
            throttle.failed(address);
            return ApiResponse.error(401, "wrong user name or password");
        }
        throttle.succeeded(address);
        Sessions.Session session = sessions.open(found.get().name(), found.get().role());
        return ApiResponse.json(200, describe(session)).withHeader("Set-Cookie",
                ApiDispatcher.sessionCookie(session.id(), cookieLifetime.toSeconds(), call.exchange().secure()));
    }

    private Object logout(ApiCall call) {
        sessions.close(call.session().id());
        return ApiResponse.json(200, Map.of("loggedOut", true))
                .withHeader("Set-Cookie", ApiDispatcher.sessionCookie("", 0, call.exchange().secure()));
    }

    private Object changePassword(ApiCall call) throws Exception {
        Map<String, Object> body = call.jsonBody();
        String user = call.session().user();
        char[] old = ApiCall.string(body, "old").toCharArray();
        if (users.authenticate(user, old).isEmpty()) {
            throw new ApiException(403, "the old password is wrong");
        }
        Role role = users.user(user).orElseThrow().role();
        users.put(user, role, ApiCall.string(body, "new").toCharArray());
        sessions.closeAllOf(user);
        return Map.of("changed", true, "note", "log in again with the new password");
    }

    private Object putUser(ApiCall call) throws Exception {
        String name = call.path("user");
        Map<String, Object> body = call.jsonBody();
        Role role = Role.parse(body.get("role"))
                .orElseThrow(() -> new ApiException(400, "'role' must be admin or viewer"));
        users.put(name, role, ApiCall.string(body, "password").toCharArray());
        sessions.closeAllOf(name);
        return Map.of("user", name, "role", role.id());
    }

    private Object removeUser(ApiCall call) throws Exception {
        String name = call.path("user");
        if (!users.remove(name)) {
            throw new ApiException(404, "no user " + name);
        }
        sessions.closeAllOf(name);
        return Map.of("removed", name);
    }

    static Map<String, Object> describe(Sessions.Session session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", session.user());
        out.put("role", session.role().id());
        out.put("csrfToken", session.csrfToken());
        return out;
    }
}
