/**
 * A Raspberry Pi board over Pi4J 2: GPIO (libgpiod, sysfs or pigpio), I2C, SPI, PWM and
 * serial ports as HAL services, or Pi4J's mock providers for running without hardware.
 * Usable as plain Java ({@link dev.mica.driver.pi4j.Pi4jBoard}) and as a Declarative Services
 * component configured through Config Admin. Pi4J is embedded and private (see bnd.bnd). The
 * HAL services are registered by hand (their number follows the configuration), so their
 * capabilities are declared here for the resolver.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.GpioController")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.I2cBus")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.SpiBus")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.Uart")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.PwmChannel")
package dev.mica.driver.pi4j;

import org.osgi.annotation.bundle.Capability;
