package dev.mica.hal;

/** The internal pull resistor of a GPIO pin, which sets the level of an undriven pin. */
public enum Pull {
    NONE, UP, DOWN
}
