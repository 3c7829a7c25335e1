package dev.mica.driver.sim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of a simulated chip (one factory configuration per chip); keys as in {@link SimChip}. */
@ObjectClassDefinition(name = "Mica simulated chip",
        description = "A chip on a bus of the simulated board")
@interface SimChipConfig {
    @AttributeDefinition(options = {
        @Option(value = "bme280", label = "BME280 humidity/pressure/temperature sensor"),
        @Option(value = "ssd1306", label = "SSD1306 OLED display"),
        @Option(value = "mcp23017", label = "MCP23017 GPIO expander"),
        @Option(value = "ads1115", label = "ADS1115 analog-to-digital converter"),
        @Option(value = "at24c32", label = "AT24C32 4 KiB EEPROM (two-byte memory addresses)"),
    })
    String type();

    @AttributeDefinition(description = "Id of the I2C (or, for an SPI display, SPI) bus")
    String bus() default "1";

    @AttributeDefinition(description = "7-bit I2C address, e.g. 0x76; empty for the chip's default")
    String address() default "";

    @AttributeDefinition(description = "BME280: temperature in °C (changes live)")
    double temperature() default 20.0;

    @AttributeDefinition(description = "BME280: pressure in hPa (changes live)")
    double pressure() default 1013.25;

    @AttributeDefinition(description = "BME280: relative humidity in % (changes live)")
    double humidity() default 50.0;

    @AttributeDefinition(description = "SSD1306: panel width")
    int width() default 128;

    @AttributeDefinition(description = "SSD1306: panel height (64 or 32)")
    int height() default 64;

    @AttributeDefinition(name = "external VCC", description = "SSD1306: panel supplied externally (no charge pump needed)")
    boolean external_vcc() default false;

    @AttributeDefinition(description = "SSD1306: i2c or spi")
    String interface$() default "i2c";

    @AttributeDefinition(description = "SSD1306 on SPI: hardware chip-select line, -1 to use cs.pin")
    int cs() default -1;

    @AttributeDefinition(name = "CS pin", description = "SSD1306 on SPI: board GPIO used as chip select")
    int cs_pin() default -1;

    @AttributeDefinition(name = "DC pin", description = "SSD1306 on SPI: board GPIO wired to D/C#")
    int dc_pin() default -1;

    @AttributeDefinition(name = "reset pin", description = "SSD1306 on SPI: board GPIO wired to RES#, -1 if none")
    int reset_pin() default -1;

    @AttributeDefinition(description = "MCP23017: levels driven onto expander pins 0..15, e.g. 0=1, 9=0 (changes live)")
    String inputs() default "";

    @AttributeDefinition(name = "INTA pin", description = "MCP23017: board GPIO driven by INTA, -1 for none")
    int inta_pin() default -1;

    @AttributeDefinition(name = "INTB pin", description = "MCP23017: board GPIO driven by INTB, -1 for none")
    int intb_pin() default -1;

    @AttributeDefinition(description = "ADS1115: volts at AIN0 (changes live)")
    double ain0() default 0.0;

    @AttributeDefinition(description = "ADS1115: volts at AIN1 (changes live)")
    double ain1() default 0.0;

    @AttributeDefinition(description = "ADS1115: volts at AIN2 (changes live)")
    double ain2() default 0.0;

    @AttributeDefinition(description = "ADS1115: volts at AIN3 (changes live)")
    double ain3() default 0.0;
}
