package dev.mica.driver.sim;

/** The device side of the simulated SPI bus. */
interface SpiTarget {
    /** The device's MISO answer to a word when it does not drive MISO. */
    int NOT_DRIVEN = -1;

    /** Its chip select became active: a new transaction begins. */
    void select();

    /** One word clocked in from MOSI; returns the word shifted out on MISO, or {@link #NOT_DRIVEN}. */
    int exchange(int mosi);

    /** Its chip select went inactive. */
    void deselect();
}
