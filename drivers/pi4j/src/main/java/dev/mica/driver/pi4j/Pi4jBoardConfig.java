package dev.mica.driver.pi4j;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the board configuration; the keys are those of {@link Pi4jBoardSettings}. */
@ObjectClassDefinition(name = "Mica Raspberry Pi board (Pi4J)",
        description = "GPIO, I2C, SPI, UART and PWM of a Raspberry Pi through Pi4J")
@interface Pi4jBoardConfig {
    @AttributeDefinition(description = "Board name in the mica.board service property")
    String board() default "rpi";

    @AttributeDefinition(description = "Pi4J providers: auto (gpiod on a Pi), mock (no hardware), gpiod, linuxfs, pigpio")
    String platform() default "auto";

    @AttributeDefinition(description = "BCM GPIO numbers offered, ranges allowed, e.g. 2-27")
    String pins() default "2-27";

    @AttributeDefinition(name = "pin names", description = "Extra pin names, e.g. LED=17, BUTTON=27")
    String pin_names() default "";

    @AttributeDefinition(name = "GPIO debounce", description = "Input debounce in microseconds (0 = none)")
    long gpio_debounce_us() default 0;

    @AttributeDefinition(description = "I2C bus numbers (/dev/i2c-N)")
    String i2c() default "1";

    @AttributeDefinition(name = "I2C frequency", description = "Bus clock set in the device tree, in Hz")
    int i2c_frequency() default 100_000;

    @AttributeDefinition(description = "SPI bus numbers (/dev/spidevN.x)")
    String spi() default "0";

    @AttributeDefinition(name = "SPI chip selects", description = "Chip-select lines per SPI bus")
    int spi_cs() default 2;

    @AttributeDefinition(description = "UARTs as id=device, e.g. 0=/dev/serial0 (pigpio and mock only)")
    String uart() default "0=/dev/serial0";

    @AttributeDefinition(name = "PWM pins", description = "BCM pins of the hardware PWM channels, channel 0 first")
    String pwm_pins() default "18,19";

    @AttributeDefinition(name = "PWM chip", description = "sysfs PWM chip for gpiod/linuxfs, -1 to let Pi4J choose")
    int pwm_chip() default -1;
}
