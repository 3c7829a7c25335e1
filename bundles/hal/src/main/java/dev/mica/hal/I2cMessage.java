package dev.mica.hal;

import java.util.Objects;

/**
 * One message of an I2C transfer: a read or a write of {@code length} bytes at {@code offset}
 * of {@code buffer}, addressed to a 7-bit {@code address}.
 * <p>
 * Flags: {@link #STOP} ends the transaction after this message (otherwise the next message
 * begins with a repeated START); {@link #NO_START} sends this message's bytes as a
 * continuation of the previous message, without START and address (it must have the same
 * address and direction). So MicroPython's calls map directly:
 * <ul>
 * <li>{@code writeto(a, buf, stop)}: {@code write(a, buf)} with STOP if stop</li>
 * <li>{@code writevto(a, [b1, b2])}: {@code write(a, b1)}, {@code write(a, b2)} with NO_START|STOP</li>
 * <li>{@code readfrom_mem(a, reg, n)}: {@code write(a, [reg])}, {@code read(a, n)} with STOP</li>
 * <li>{@code writeto_mem(a, reg, data)}: {@code write(a, [reg])}, {@code write(a, data)} with NO_START|STOP</li>
 * </ul>
 */
public record I2cMessage(int address, boolean read, byte[] buffer, int offset, int length, int flags) {
    /** Generate a STOP condition after this message. */
    public static final int STOP = 1;
    /** Continue the previous message: no START, no address byte. */
    public static final int NO_START = 2;

    /** Checks the address and that the slice lies within the buffer. */
    public I2cMessage {
        Objects.requireNonNull(buffer, "buffer");
        if (address < 0 || address > 0x7F) {
            throw new IllegalArgumentException("I2C address out of range: " + address);
        }
        Objects.checkFromIndexSize(offset, length, buffer.length);
    }

    /** A write of the whole buffer, without STOP. */
    public static I2cMessage write(int address, byte[] data) {
        return new I2cMessage(address, false, data, 0, data.length, 0);
    }

    /** A read filling the whole buffer, without STOP. */
    public static I2cMessage read(int address, byte[] into) {
        return new I2cMessage(address, true, into, 0, into.length, 0);
    }

    /** This message with the given flags added. */
    public I2cMessage with(int extraFlags) {
        return new I2cMessage(address, read, buffer, offset, length, flags | extraFlags);
    }

    /** This message with STOP set or cleared. */
    public I2cMessage stop(boolean stop) {
        return new I2cMessage(address, read, buffer, offset, length, stop ? flags | STOP : flags & ~STOP);
    }

    /** Whether {@link #STOP} is set. */
    public boolean hasStop() {
        return (flags & STOP) != 0;
    }

    /** Whether {@link #NO_START} is set. */
    public boolean continuesPrevious() {
        return (flags & NO_START) != 0;
    }
}
