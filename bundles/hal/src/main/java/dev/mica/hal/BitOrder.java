package dev.mica.hal;

/** Which bit of a word goes first on a serial line. */
public enum BitOrder {
    MSB_FIRST, LSB_FIRST
}
