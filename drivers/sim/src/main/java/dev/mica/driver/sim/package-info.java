/**
 * A simulated board: virtual GPIO with wires, I2C buses with datasheet-faithful BME280,
 * SSD1306, MCP23017 and ADS1115 chips, SPI, UART, PWM and ADC. Usable as plain Java
 * ({@link dev.mica.driver.sim.SimBoard}) and as Declarative Services components configured
 * through Config Admin. The HAL services are registered by hand (their number follows the
 * configuration), so their capabilities are declared here for the resolver. Each simulated
 * SSD1306 also offers its panel as a {@link dev.mica.hal.DisplayView}.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.GpioController")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.I2cBus")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.SpiBus")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.Uart")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.PwmChannel")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.AdcChannel")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=dev.mica.hal.DisplayView")
package dev.mica.driver.sim;

import org.osgi.annotation.bundle.Capability;
