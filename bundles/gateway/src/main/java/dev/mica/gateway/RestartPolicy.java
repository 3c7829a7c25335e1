package dev.mica.gateway;

import java.util.Arrays;
import java.util.Optional;

/** When an app that ended is started again, as systemd's {@code Restart=} setting. */
enum RestartPolicy {
    NEVER("never"),
    ON_FAILURE("on-failure"),
    ALWAYS("always");

    private final String configName;

    RestartPolicy(String configName) {
        this.configName = configName;
    }

    /** The value written in a configuration. */
    String configName() {
        return configName;
    }

    static Optional<RestartPolicy> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(value)).findFirst();
    }

    /** Whether an app that ended by itself, failed or not, is started again. */
    boolean restartsAfter(boolean failed) {
        return switch (this) {
            case NEVER -> false;
            case ON_FAILURE -> failed;
            case ALWAYS -> true;
        };
    }
}
