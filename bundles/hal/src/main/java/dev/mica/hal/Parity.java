package dev.mica.hal;

/** UART parity bit. */
public enum Parity {
    NONE, EVEN, ODD
}
