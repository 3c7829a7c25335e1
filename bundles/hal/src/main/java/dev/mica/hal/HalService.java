package dev.mica.hal;

import java.util.Map;
import java.util.Objects;

/**
 * One HAL object with the service properties ({@link HalProperties}) a driver registers it
 * with: what a {@link StandaloneBoard} hands over instead of a service registration.
 */
public record HalService<S>(Class<S> type, S service, Map<String, Object> properties) {
    /** Checks that the service is of the type and copies the properties. */
    public HalService {
        Objects.requireNonNull(type, "type");
        type.cast(Objects.requireNonNull(service, "service"));
        properties = Map.copyOf(properties);
    }
}
