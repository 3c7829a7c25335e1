package dev.mica.driver.sim;

/**
 * The device side of the simulated I2C bus: what a chip sees of a transaction, byte by byte.
 * The bus serialises transactions; implementations still synchronise because tests and
 * Config Admin change chip state from other threads.
 */
interface I2cTarget {
    /** A START (or repeated START) with this chip's address; false to NACK the address. */
    boolean start(boolean read);

    /** A byte from the master; false to NACK it. */
    boolean write(int value);

    /** The next byte for the master. */
    int read();

    /** A STOP condition (or the master moved on to another address). */
    void stop();
}
