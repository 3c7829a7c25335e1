package dev.mica.hal;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives edge events of a GPIO pin. Called on a driver thread, never on the thread that
 * caused the change; it must return quickly (queue the work, as a MicroPython soft IRQ does).
 */
@ConsumerType
@FunctionalInterface
public interface EdgeListener {
    /**
     * An edge happened.
     *
     * @param pin the pin whose level changed
     * @param edge the direction of the change
     * @param timestampNanos {@link System#nanoTime()} when the driver saw the change, so that
     *        the latency up to the handler can be measured
     */
    void onEdge(GpioPin pin, Edge edge, long timestampNanos);
}
