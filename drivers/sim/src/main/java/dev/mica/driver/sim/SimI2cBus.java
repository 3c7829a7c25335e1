package dev.mica.driver.sim;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.mica.hal.HalException;
import dev.mica.hal.I2cBus;
import dev.mica.hal.I2cMessage;

/** A virtual I2C bus with simulated chips attached at their addresses. */
public final class SimI2cBus implements I2cBus {
    private final String id;
    private final Map<Integer, I2cTarget> targets = new ConcurrentSkipListMap<>();
    private int frequency = 400_000;
    /** The chip of a transaction left open (no STOP yet); the next transfer repeats START. */
    private I2cTarget open;

    public SimI2cBus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    void attach(int address, I2cTarget target) {
        if (targets.putIfAbsent(address, target) != null) {
            throw new IllegalStateException(String.format("I2C bus %s: address 0x%02x is taken", id, address));
        }
    }

    synchronized void detach(int address, I2cTarget target) {
        if (targets.remove(address, target) && open == target) {
            open = null;
        }
    }

    @Override
    public synchronized void setFrequency(int hertz) {
        if (hertz <= 0) {
            throw new HalException(HalException.EINVAL, "bad I2C frequency " + hertz);
        }
        frequency = hertz;
    }

    @Override
    public synchronized int frequency() {
        return frequency;
    }

    @Override
    public synchronized int[] scan() {
        endOpenTransaction();
        return targets.entrySet().stream()
                .filter(e -> e.getKey() >= 0x08 && e.getKey() <= 0x77)
                .filter(e -> {
                    boolean acked = e.getValue().start(false);
                    e.getValue().stop();
                    return acked;
                })
                .mapToInt(Map.Entry::getKey)
                .toArray();
    }

    @Override
    public synchronized int transfer(List<I2cMessage> messages) {
        int acked = 0;
        I2cTarget current = open;
        open = null;
        for (I2cMessage message : messages) {
            if (!message.continuesPrevious() || current == null) {
                I2cTarget target = targets.get(message.address());
                if (current != null && current != target) {
                    current.stop(); // a START for someone else ends the old chip's transaction
                }
                current = target;
                if (target == null || !target.start(message.read())) {
                    if (target != null) {
                        target.stop();
                    }
                    throw new HalException(HalException.ENODEV,
                            String.format("I2C bus %s: no ACK from address 0x%02x", id, message.address()));
                }
            }
            byte[] buffer = message.buffer();
            int end = message.offset() + message.length();
            for (int i = message.offset(); i < end; i++) {
                if (message.read()) {
                    buffer[i] = (byte) current.read();
                } else if (current.write(buffer[i] & 0xFF)) {
                    acked++;
                } else {
                    current.stop(); // a NACKed data byte: the master gives up with a STOP
                    return acked;
                }
            }
            if (message.hasStop()) {
                current.stop();
                current = null;
            }
        }
        open = current;
        return acked;
    }

    private void endOpenTransaction() {
        if (open != null) {
            open.stop();
            open = null;
        }
    }

    @Override
    public String toString() {
        return "SimI2cBus(" + id + ")";
    }
}
