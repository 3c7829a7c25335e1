package dev.mica.console;

/** Who may call a route: anyone (login), any logged-in user, or admins only. */
enum Access {
    PUBLIC, VIEWER, ADMIN;

    Role requiredRole() {
        return this == ADMIN ? Role.ADMIN : Role.VIEWER;
    }
}
