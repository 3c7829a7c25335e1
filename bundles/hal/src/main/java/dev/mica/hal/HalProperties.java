package dev.mica.hal;

/**
 * Names of the service properties every HAL service is registered with, so that the
 * {@code machine} module can select e.g. {@code I2C(1)} on board {@code "sim"} with the filter
 * {@code (&(mica.board=sim)(mica.bus=1))}. Ids are strings ("1", "X") because boards name
 * their buses either way; numeric ids are written in decimal.
 */
public final class HalProperties {
    private HalProperties() {
    }

    /** The board the service belongs to (String), e.g. {@code "sim"}, {@code "rpi4"}. */
    public static final String BOARD = "mica.board";
    /** The id of an I2C bus, SPI bus or UART port (String), e.g. {@code "1"}. */
    public static final String BUS = "mica.bus";
    /** The id of a GPIO controller (String); {@code "0"} for a board's main GPIO. */
    public static final String CONTROLLER = "mica.controller";
    /** The id of a PWM or ADC channel (String), e.g. {@code "0"}. */
    public static final String CHANNEL = "mica.channel";
    /** The GPIO pin number a PWM or ADC channel is attached to (Integer), if any. */
    public static final String PIN = "mica.pin";
    /**
     * Names of a GPIO controller's pins (String[]), each {@code "name=number"}, e.g.
     * {@code "LED=25"}; lets {@code Pin("LED")} find the controller that knows the name.
     */
    public static final String PIN_NAMES = "mica.pin.names";
    /** The chip behind a service, lower case (String), e.g. {@code "bme280"}, {@code "mcp23017"}. */
    public static final String CHIP = "mica.chip";
    /** The 7-bit I2C address of a chip service (Integer). */
    public static final String ADDRESS = "mica.address";
}
