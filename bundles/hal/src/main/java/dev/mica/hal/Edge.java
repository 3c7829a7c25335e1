package dev.mica.hal;

/** A level change on a GPIO pin. */
public enum Edge {
    /** Low to high. */
    RISING,
    /** High to low. */
    FALLING
}
