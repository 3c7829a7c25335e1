package dev.mica.driver.sim;

/**
 * The I2C front end of an SSD1306 (address 0x3C or 0x3D). After the address comes a control
 * byte: D/C# (bit 6) says whether commands or data follow; with Co (bit 7) clear the rest of
 * the transaction is of that kind, with Co set only the next byte is, and then another control
 * byte follows. A read returns the status byte (RAM reads are not possible over serial).
 */
final class Ssd1306I2cChip implements I2cTarget {
    private enum Expect { CONTROL, ONE_COMMAND, ONE_DATA, COMMANDS, DATA }

    private final Ssd1306Controller controller;
    private Expect expect = Expect.CONTROL;

    Ssd1306I2cChip(Ssd1306Controller controller) {
        this.controller = controller;
    }

    Ssd1306Controller controller() {
        return controller;
    }

    @Override
    public synchronized boolean start(boolean read) {
        expect = Expect.CONTROL;
        return true;
    }

    @Override
    public synchronized boolean write(int value) {
        switch (expect) {
            case CONTROL -> {
                boolean continuation = (value & 0x80) != 0;
                boolean isData = (value & 0x40) != 0;
                expect = continuation ? (isData ? Expect.ONE_DATA : Expect.ONE_COMMAND)
                        : (isData ? Expect.DATA : Expect.COMMANDS);
            }
            case ONE_COMMAND -> {
                controller.command(value);
                expect = Expect.CONTROL;
            }
            case ONE_DATA -> {
                controller.data(value);
                expect = Expect.CONTROL;
            }
            case COMMANDS -> controller.command(value);
            case DATA -> controller.data(value);
        }
        return true;
    }

    @Override
    public synchronized int read() {
        return controller.status();
    }

    @Override
    public synchronized void stop() {
        expect = Expect.CONTROL;
    }
}
