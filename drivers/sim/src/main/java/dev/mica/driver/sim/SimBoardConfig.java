package dev.mica.driver.sim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the board configuration; the keys are those of {@link SimBoardSettings}. */
@ObjectClassDefinition(name = "Mica simulated board",
        description = "Virtual GPIO, I2C, SPI, UART, PWM and ADC for running apps without hardware")
@interface SimBoardConfig {
    @AttributeDefinition(description = "Board name in the mica.board service property")
    String board() default "sim";

    @AttributeDefinition(description = "Number of GPIO pins, numbered from 0 and named GP<n>")
    int pins() default 32;

    @AttributeDefinition(name = "pin names", description = "Extra pin names, e.g. LED=25, BUTTON=0")
    String pin_names() default "";

    @AttributeDefinition(description = "Wires from an output to inputs, e.g. 5->6, 7->8 (changes live)")
    String wire() default "";

    @AttributeDefinition(description = "I2C bus ids")
    String i2c() default "0,1";

    @AttributeDefinition(description = "SPI bus ids")
    String spi() default "0,1";

    @AttributeDefinition(name = "SPI chip selects", description = "Hardware chip-select lines per SPI bus")
    int spi_cs() default 2;

    @AttributeDefinition(description = "UART ids")
    String uart() default "0,1";

    @AttributeDefinition(name = "UART loopback", description = "TX wired to RX on every UART")
    boolean uart_loopback() default true;

    @AttributeDefinition(name = "PWM pins", description = "GPIO pins with a PWM channel, channel 0 first")
    String pwm_pins() default "";

    @AttributeDefinition(name = "ADC pins", description = "GPIO pins with an ADC channel, channel 0 first")
    String adc_pins() default "26,27,28";

    @AttributeDefinition(name = "ADC reference", description = "Volts that read as 65535")
    double adc_reference() default 3.3;

    @AttributeDefinition(name = "ADC volts", description = "Input voltages per channel, e.g. 0=1.65 (changes live)")
    String adc_volts() default "";
}
