package dev.mica.driver.sim;

import java.util.function.Consumer;

/**
 * A Microchip MCP23017 16-bit I/O expander on I2C (0x20..0x27): ports A and B, each with
 * IODIR, IPOL, GPINTEN, DEFVAL, INTCON, GPPU, INTF, INTCAP, GPIO and OLAT, and the shared
 * IOCON. Both register layouts (BANK=0 interleaved, BANK=1 split) and the address pointer
 * modes (SEQOP: sequential, or byte mode toggling within an A/B pair) are modelled.
 * <p>
 * Inputs are driven from outside with {@link #setInput}; an undriven input without pull-up
 * reads low. Interrupts: on change from the previous value (INTCON=0) or on difference from
 * DEFVAL (INTCON=1); the first event latches INTF and INTCAP until GPIO or INTCAP of that port
 * is read, and a DEFVAL mismatch that still holds then fires again. INTA/INTB follow INTF
 * (or their OR with MIRROR), with INTPOL and ODR deciding how they are driven.
 */
final class Mcp23017Chip implements I2cTarget {
    static final int IODIR = 0, IPOL = 1, GPINTEN = 2, DEFVAL = 3, INTCON = 4, IOCON = 5,
            GPPU = 6, INTF = 7, INTCAP = 8, GPIO = 9, OLAT = 10;
    private static final int REGISTER_KINDS = 11;
    static final int IOCON_BANK = 0x80, IOCON_MIRROR = 0x40, IOCON_SEQOP = 0x20, IOCON_ODR = 0x04, IOCON_INTPOL = 0x02;

    /** [kind][port] for every per-port register; IOCON is kept once in {@link #iocon}. */
    private final int[][] registers = new int[REGISTER_KINDS][2];
    private int iocon;
    private final int[] externalLevel = new int[2];
    private final int[] externalDriven = new int[2];
    /** Pin levels at the last interrupt evaluation, the reference for interrupt-on-change. */
    private final int[] previousLevel = new int[2];
    /** Told how INTA and INTB are driven: null released, else the level (index 0 = A). */
    private final Consumer<Boolean[]> interruptOutputs;

    private int pointer;
    private boolean expectRegisterAddress;

    /** @param interruptOutputs receives the drive of INTA/INTB whenever it may have changed */
    Mcp23017Chip(Consumer<Boolean[]> interruptOutputs) {
        this.interruptOutputs = interruptOutputs;
        registers[IODIR][0] = 0xFF;
        registers[IODIR][1] = 0xFF;
        previousLevel[0] = level(0);
        previousLevel[1] = level(1);
        updateInterruptOutputs();
    }

    /** Drives expander pin 0..15 (A0..A7, B0..B7) from outside; null leaves it floating. */
    synchronized void setInput(int pin, Boolean high) {
        int port = pin >> 3;
        int bit = 1 << (pin & 7);
        if (high == null) {
            externalDriven[port] &= ~bit;
        } else {
            externalDriven[port] |= bit;
            externalLevel[port] = high ? externalLevel[port] | bit : externalLevel[port] & ~bit;
        }
        evaluateInterrupts();
    }

    /** The electrical level of expander pin 0..15, whether input or output. */
    synchronized boolean pinLevel(int pin) {
        return ((level(pin >> 3) >> (pin & 7)) & 1) != 0;
    }

    /** Whether INTA (port 0) or INTB (port 1) is active, ignoring polarity. */
    synchronized boolean interruptActive(int port) {
        boolean a = registers[INTF][0] != 0;
        boolean b = registers[INTF][1] != 0;
        return (iocon & IOCON_MIRROR) != 0 ? a || b : port == 0 ? a : b;
    }

    private int level(int port) {
        int outputs = ~registers[IODIR][port] & 0xFF;
        int inputs = registers[IODIR][port];
        int undriven = inputs & ~externalDriven[port];
        return (outputs & registers[OLAT][port])
                | (inputs & externalDriven[port] & externalLevel[port])
                | (undriven & registers[GPPU][port]);
    }

    private int gpioValue(int port) {
        return level(port) ^ (registers[IPOL][port] & registers[IODIR][port]);
    }

    private void evaluateInterrupts() {
        for (int port = 0; port < 2; port++) {
            int now = level(port);
            int changed = now ^ previousLevel[port];
            int differs = now ^ registers[DEFVAL][port];
            int control = registers[INTCON][port];
            int triggers = ((changed & ~control) | (differs & control))
                    & registers[GPINTEN][port] & registers[IODIR][port];
            previousLevel[port] = now;
            if (triggers != 0 && registers[INTF][port] == 0) {
                registers[INTF][port] = triggers;
                registers[INTCAP][port] = gpioValue(port);
            }
        }
        updateInterruptOutputs();
    }

    private void updateInterruptOutputs() {
        Boolean[] drive = new Boolean[2];
        for (int port = 0; port < 2; port++) {
            boolean active = interruptActive(port);
            if ((iocon & IOCON_ODR) != 0) {
                drive[port] = active ? Boolean.FALSE : null; // open drain: pulls low when active
            } else {
                drive[port] = active == ((iocon & IOCON_INTPOL) != 0);
            }
        }
        interruptOutputs.accept(drive);
    }

    @Override
    public synchronized boolean start(boolean read) {
        expectRegisterAddress = !read;
        return true;
    }

    @Override
    public synchronized boolean write(int value) {
        if (expectRegisterAddress) {
            pointer = value;
            expectRegisterAddress = false;
            return true;
        }
        int kind = kindAt(pointer);
        int port = portAt(pointer);
        switch (kind) {
            case IOCON -> iocon = value & 0xFE; // bit 0 is unimplemented
            case GPIO, OLAT -> registers[OLAT][port] = value; // writing GPIO writes the latch
            case INTF, INTCAP, -1 -> { } // read-only or unimplemented
            default -> registers[kind][port] = value;
        }
        if (kind != INTF && kind != INTCAP && kind != -1) {
            evaluateInterrupts();
        }
        advancePointer();
        return true;
    }

    @Override
    public synchronized int read() {
        int kind = kindAt(pointer);
        int port = portAt(pointer);
        int value = switch (kind) {
            case -1 -> 0;
            case IOCON -> iocon;
            case GPIO -> gpioValue(port);
            default -> registers[kind][port];
        };
        if (kind == GPIO || kind == INTCAP) {
            registers[INTF][port] = 0; // reading the port or its capture clears the interrupt
            evaluateDefaultValueMismatch(port);
            updateInterruptOutputs();
        }
        advancePointer();
        return value;
    }

    /** After clearing, a pin that still differs from DEFVAL (INTCON=1) interrupts again. */
    private void evaluateDefaultValueMismatch(int port) {
        int triggers = (level(port) ^ registers[DEFVAL][port]) & registers[INTCON][port]
                & registers[GPINTEN][port] & registers[IODIR][port];
        if (triggers != 0) {
            registers[INTF][port] = triggers;
            registers[INTCAP][port] = gpioValue(port);
        }
    }

    @Override
    public synchronized void stop() {
        expectRegisterAddress = false;
    }

    private boolean bank1() {
        return (iocon & IOCON_BANK) != 0;
    }

    /** The register kind at an address in the current layout, or -1 if none is there. */
    private int kindAt(int address) {
        if (bank1()) {
            int offset = address & 0x0F;
            return (address & ~0x1F) == 0 && offset < REGISTER_KINDS ? offset : -1;
        }
        return address < 2 * REGISTER_KINDS ? address >> 1 : -1;
    }

    private int portAt(int address) {
        return bank1() ? (address >> 4) & 1 : address & 1;
    }

    private void advancePointer() {
        boolean sequential = (iocon & IOCON_SEQOP) == 0;
        if (bank1()) {
            if (sequential) {
                int next = pointer + 1;
                pointer = (next & 0x0F) == REGISTER_KINDS ? (next & 0x10) == 0 ? 0x10 : 0x00 : next & 0x1F;
            }
        } else {
            pointer = sequential ? (pointer + 1) % (2 * REGISTER_KINDS) : pointer ^ 1;
        }
    }
}
