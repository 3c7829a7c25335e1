package dev.mica.driver.pi4j;

import com.pi4j.context.Context;

/**
 * A running Pi4J context and the ids of the providers it was built with, one per kind of
 * I/O; a null id means the platform has no provider of that kind, and the board then offers
 * no such service.
 *
 * @param pwmAddressIsPin whether the PWM provider is addressed by BCM pin (pigpio, mock)
 *        rather than by the channel number of a sysfs PWM chip
 * @param afterShutdown releases what the providers shared outside the context (the pigpio
 *        library handle)
 */
record Pi4jRuntime(Pi4jPlatform platform, Context context, String digitalInput, String digitalOutput,
        String i2c, String spi, String pwm, String serial, boolean pwmAddressIsPin, Runnable afterShutdown) {

    /** Shuts the context down (every I/O instance, provider and Pi4J thread), then the rest. */
    void shutdown() {
        try {
            context.shutdown();
        } finally {
            afterShutdown.run();
        }
    }
}
