package dev.mica.hal;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** One GPIO pin of a {@link GpioController}. Thread-safe. */
@ProviderType
public interface GpioPin {
    /** The pin number within its controller. */
    int number();

    /** The board's name of the pin (e.g. {@code "GP5"}, {@code "LED"}); never null. */
    String name();

    /** Sets mode and pull together, as {@code Pin.init(mode, pull)} does. */
    void configure(PinMode mode, Pull pull);

    /** The current mode. */
    PinMode mode();

    /** The current pull. */
    Pull pull();

    /** The level at the pin (for an output, what it drives); true is high. */
    boolean read();

    /**
     * Sets the output latch. In {@link PinMode#OUTPUT} the pin drives the level; in
     * {@link PinMode#OPEN_DRAIN} false drives low and true releases the pin; in
     * {@link PinMode#INPUT} the value is kept and driven once the pin becomes an output.
     */
    void write(boolean high);

    /**
     * Installs the listener for the given edges, replacing any previous one (as {@code Pin.irq}
     * does). An empty set or a null listener removes it.
     */
    void setEdgeListener(Set<Edge> edges, EdgeListener listener);
}
