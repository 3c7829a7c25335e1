package dev.mica.hal;

/** How a GPIO pin is driven. */
public enum PinMode {
    /** High impedance; the level comes from outside or from the pull resistor. */
    INPUT,
    /** Push-pull: the pin drives both levels. */
    OUTPUT,
    /** Drives low only; writing high releases the pin to the pull-up or to another driver. */
    OPEN_DRAIN
}
