/**
 * The hardware abstraction layer of Mica: GPIO, I2C, SPI, PWM, UART and ADC as services.
 * <p>
 * Driver bundles (a simulated board, Pi4J on a Raspberry Pi, ...) register implementations of
 * these interfaces with the service properties of {@link dev.mica.hal.HalProperties}; the
 * {@code machine} module looks them up by board and bus id and exposes them to MicroPython.
 * Simulated displays offer their picture as {@link dev.mica.hal.DisplayView}.
 * Failures are reported as {@link dev.mica.hal.HalException} carrying the errno MicroPython
 * raises {@code OSError} with.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.mica.hal;
