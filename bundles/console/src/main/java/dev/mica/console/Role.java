package dev.mica.console;

import java.util.Locale;
import java.util.Optional;

/** What a console user may do: a viewer reads, an admin also changes. */
enum Role {
    VIEWER, ADMIN;

    boolean allows(Role required) {
        return ordinal() >= required.ordinal();
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> parse(Object text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.id().equals(text.toString())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
