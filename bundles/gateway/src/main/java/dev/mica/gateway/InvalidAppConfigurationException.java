package dev.mica.gateway;

import java.util.List;

/** A {@code dev.mica.app} configuration the gateway refuses, with every reason found. */
final class InvalidAppConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> reasons;

    InvalidAppConfigurationException(List<String> reasons) {
        super(String.join("; ", reasons), null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    List<String> reasons() {
        return reasons;
    }
}
