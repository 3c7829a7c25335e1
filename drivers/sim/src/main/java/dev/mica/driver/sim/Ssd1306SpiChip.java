package dev.mica.driver.sim;

import java.util.function.Consumer;

import dev.mica.hal.GpioPin;

/**
 * The 4-wire SPI front end of an SSD1306: the D/C# pin (a board GPIO the driver sets) says
 * whether a byte is a command or data; while RES# is low the controller is held in reset and
 * ignores the bus. The display never drives MISO.
 */
final class Ssd1306SpiChip implements SpiTarget {
    private final Ssd1306Controller controller;
    private final GpioPin dataCommand;
    private final SimGpioPin reset;
    private final Consumer<Boolean> resetObserver;

    /** @param reset the board pin wired to RES#, or null if RES# is tied high */
    Ssd1306SpiChip(Ssd1306Controller controller, GpioPin dataCommand, SimGpioPin reset) {
        this.controller = controller;
        this.dataCommand = dataCommand;
        this.reset = reset;
        this.resetObserver = high -> {
            if (!high) {
                controller.reset();
            }
        };
        if (reset != null) {
            reset.addObserver(resetObserver);
        }
    }

    /** Disconnects from the reset pin. */
    void detach() {
        if (reset != null) {
            reset.removeObserver(resetObserver);
        }
    }

    Ssd1306Controller controller() {
        return controller;
    }

    @Override
    public void select() {
    }

    @Override
    public int exchange(int mosi) {
        if (reset != null && !reset.read()) {
            return NOT_DRIVEN;
        }
        if (dataCommand.read()) {
            controller.data(mosi);
        } else {
            controller.command(mosi);
        }
        return NOT_DRIVEN;
    }

    @Override
    public void deselect() {
    }
}
