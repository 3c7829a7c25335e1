package dev.mica.driver.pi4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.pi4j.io.i2c.I2C;

import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;

/**
 * An I2C bus ({@code /dev/i2c-N}) through Pi4J. Pi4J talks to one device object per address
 * and offers whole transactions rather than single messages, so a HAL transfer is cut into
 * runs of messages to one address and each run becomes the Pi4J call with the same bytes on
 * the wire:
 * <ul>
 * <li>a write followed by a read of the same address, no STOP between: one combined
 * write-then-read with a repeated START ({@code readRegister}, which is what
 * {@code readfrom_mem} sends)</li>
 * <li>a one- or two-byte write continued (NO_START) by more bytes: {@code writeRegister}
 * ({@code writeto_mem}); on a real bus the same bytes as a plain write, on Pi4J's mock the
 * bytes land in the register store that {@code readRegister} reads back</li>
 * <li>any other write or read: a plain {@code write} / {@code read}</li>
 * </ul>
 * Each Pi4J call ends with a STOP. A transfer whose last message is a write without STOP
 * keeps the bus for the next transfer (the HAL's contract): that write is held back and sent
 * with the next transfer's first run, so a register address written by one transfer and read
 * by the next (as {@code machine.I2C.readfrom_mem} does) becomes one {@code readRegister}.
 * Pi4J cannot tell an unacknowledged address from a NACKed data byte, so a
 * failure before anything reached the address is reported as ENODEV, a later one as EIO.
 */
final class Pi4jI2cBus implements I2cBus {
    private static final int FIRST_SCAN_ADDRESS = 0x08;
    private static final int LAST_SCAN_ADDRESS = 0x77;

    private final String id;
    private final int busNumber;
    private final Pi4jRuntime runtime;
    private final BoardGuard guard;
    private final int frequency;
    private final Map<Integer, I2C> devices = new TreeMap<>();
    /** A write that ended its transfer without STOP, continued by the next transfer. */
    private Run heldWrite;

    Pi4jI2cBus(int busNumber, Pi4jRuntime runtime, BoardGuard guard, int frequency) {
        this.id = String.valueOf(busNumber);
        this.busNumber = busNumber;
        this.runtime = runtime;
        this.guard = guard;
        this.frequency = frequency;
    }

    String id() {
        return id;
    }

    /**
     * The bus clock of a Pi is set in the device tree ({@code dtparam=i2c_arm_baudrate}) and
     * cannot change at run time: every request is rounded to the configured speed.
     */
    @Override
    public synchronized void setFrequency(int hertz) {
        guard.check();
        if (hertz <= 0) {
            throw new HalException(HalException.EINVAL, "bad I2C frequency " + hertz);
        }
    }

    @Override
    public synchronized int frequency() {
        return frequency;
    }

    /**
     * Probes each address with a one-byte read, as {@code i2cdetect -r} does. On Pi4J's mock
     * platform a device answers a read only while it holds bytes written to it.
     */
    @Override
    public synchronized int[] scan() {
        guard.check();
        sendHeldWrite();
        Set<Integer> known = new HashSet<>(devices.keySet());
        List<Integer> found = new ArrayList<>();
        byte[] probe = new byte[1];
        for (int address = FIRST_SCAN_ADDRESS; address <= LAST_SCAN_ADDRESS; address++) {
            boolean answered;
            try {
                answered = device(address).read(probe, 0, 1) == 1;
            } catch (RuntimeException noAnswer) {
                answered = false;
            }
            if (answered) {
                found.add(address);
            } else if (!known.contains(address)) {
                forget(address);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public synchronized int transfer(List<I2cMessage> messages) {
        guard.check();
        List<Run> runs = Run.split(messages);
        Run held = heldWrite;
        heldWrite = null;
        if (held != null) {
            runs.add(0, held.continuedBy(runs));
        }
        // the held bytes were counted by the transfer that wrote them
        int carried = held == null ? 0 : held.length();
        int acknowledged = 0;
        Set<Integer> reached = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Run next = i + 1 < runs.size() ? runs.get(i + 1) : null;
            int fresh = run.length() - (i == 0 ? carried : 0);
            try {
                if (!run.read() && next == null && !run.stop()) {
                    heldWrite = run.copy();
                    acknowledged += fresh;
                } else if (!run.read() && next != null && next.read() && next.address() == run.address() && !run.stop()) {
                    readAfterWrite(run, next);
                    acknowledged += fresh;
                    i++;
                } else if (!run.read()) {
                    write(run);
                    acknowledged += fresh;
                } else {
                    read(run);
                }
            } catch (RuntimeException e) {
                int errno = reached.contains(run.address()) ? HalException.EIO : HalException.ENODEV;
                throw Pi4jErrors.translate(e, errno,
                        String.format("I2C bus %s, address 0x%02x", id, run.address()));
            }
            reached.add(run.address());
        }
        return acknowledged;
    }

    /** Sends a held write on its own, before something that is not its continuation. */
    private void sendHeldWrite() {
        Run held = heldWrite;
        heldWrite = null;
        if (held != null) {
            try {
                write(held);
            } catch (RuntimeException e) {
                // its transfer was reported as done; the device's next answer tells what went wrong
            }
        }
    }

    private void readAfterWrite(Run write, Run read) {
        byte[] register = write.bytes();
        byte[] into = new byte[read.length()];
        I2C device = device(write.address());
        // one register byte takes the int form: Pi4J's mock keys its store by register number
        int count = register.length == 1
                ? device.readRegister(register[0] & 0xFF, into, 0, into.length)
                : device.readRegister(register, into, 0, into.length);
        checkReadCount(write.address(), count, into.length);
        read.scatter(into);
    }

    private void write(Run run) {
        I2C device = device(run.address());
        List<I2cMessage> parts = run.parts();
        int head = parts.get(0).length();
        if (parts.size() > 1 && (head == 1 || head == 2)) {
            byte[] bytes = run.bytes();
            byte[] data = Arrays.copyOfRange(bytes, head, bytes.length);
            if (head == 1) {
                device.writeRegister(bytes[0] & 0xFF, data, 0, data.length);
            } else {
                device.writeRegister(new byte[] {bytes[0], bytes[1]}, data, 0, data.length);
            }
        } else if (run.length() > 0) {
            byte[] bytes = run.bytes();
            device.write(bytes, 0, bytes.length);
        }
    }

    private void read(Run run) {
        byte[] into = new byte[run.length()];
        int count = into.length == 0 ? 0 : device(run.address()).read(into, 0, into.length);
        checkReadCount(run.address(), count, into.length);
        run.scatter(into);
    }

    /**
     * A read Pi4J answered with -1 got nothing at all from the address: as with an address
     * nobody acknowledges, the caller reports ENODEV unless the address answered earlier in
     * the transfer (on the mock platform, a device with nothing queued). A short read is EIO.
     */
    private void checkReadCount(int address, int count, int wanted) {
        if (count < 0) {
            throw new NoAnswer(String.format("I2C bus %s, address 0x%02x: no answer", id, address));
        }
        if (count != wanted) {
            throw new HalException(HalException.EIO, String.format(
                    "I2C bus %s, address 0x%02x: %d of %d bytes read", id, address, count, wanted));
        }
    }

    /** Nothing came back from an address; {@link #transfer} turns it into ENODEV or EIO. */
    private static final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message, null, false, false);
        }
    }

    /** The Pi4J device for an address, opened on first use and kept (the mock keeps its data in it). */
    private I2C device(int address) {
        return devices.computeIfAbsent(address, a -> runtime.context().create(I2C.newConfigBuilder(runtime.context())
                .id(ioId(a)).bus(busNumber).device(a).provider(runtime.i2c())));
    }

    private void forget(int address) {
        if (devices.remove(address) != null) {
            runtime.context().shutdown(ioId(address));
        }
    }

    private String ioId(int address) {
        return String.format("mica-i2c-%d-%02x", busNumber, address);
    }

    /** Messages to one address in one direction, joined by NO_START. */
    private record Run(int address, boolean read, List<I2cMessage> parts) {
        static List<Run> split(List<I2cMessage> messages) {
            List<Run> runs = new ArrayList<>();
            for (I2cMessage message : messages) {
                Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (message.continuesPrevious() && last != null) {
                    if (last.address != message.address() || last.read != message.read()) {
                        throw new HalException(HalException.EINVAL, "NO_START message changes address or direction");
                    }
                    last.parts.add(message);
                } else {
                    List<I2cMessage> parts = new ArrayList<>();
                    parts.add(message);
                    runs.add(new Run(message.address(), message.read(), parts));
                }
            }
            return runs;
        }

        int length() {
            return parts.stream().mapToInt(I2cMessage::length).sum();
        }

        /** A run of its own bytes: the caller may reuse its buffers once the transfer returned. */
        Run copy() {
            List<I2cMessage> own = new ArrayList<>();
            for (I2cMessage part : parts) {
                byte[] bytes = Arrays.copyOfRange(part.buffer(), part.offset(), part.offset() + part.length());
                own.add(new I2cMessage(address, false, bytes, 0, bytes.length, part.flags()));
            }
            return new Run(address, false, own);
        }

        /**
         * This held write as the first run of the next transfer: a first run that continues it
         * (NO_START, same address, a write) is joined to it and taken out of {@code runs}.
         */
        Run continuedBy(List<Run> runs) {
            if (!runs.isEmpty()) {
                Run first = runs.get(0);
                if (first.parts.get(0).continuesPrevious() && first.address == address && !first.read) {
                    List<I2cMessage> joined = new ArrayList<>(parts);
                    joined.addAll(first.parts);
                    runs.remove(0);
                    return new Run(address, false, joined);
                }
            }
            return this;
        }

        boolean stop() {
            return parts.get(parts.size() - 1).hasStop();
        }

        byte[] bytes() {
            byte[] all = new byte[length()];
            int at = 0;
            for (I2cMessage part : parts) {
                System.arraycopy(part.buffer(), part.offset(), all, at, part.length());
                at += part.length();
            }
            return all;
        }

        void scatter(byte[] data) {
            int at = 0;
            for (I2cMessage part : parts) {
                System.arraycopy(data, at, part.buffer(), part.offset(), part.length());
                at += part.length();
            }
        }
    }
}
