package dev.mica.driver.sim;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.mica.hal.Uart;
import dev.mica.hal.UartConfig;

/**
 * A virtual serial port. In loopback mode TX is wired to RX, so what is written is read back;
 * otherwise written bytes collect for the other end ({@link #takeTransmitted}) and the other
 * end sends with {@link #receive}. Reads honour the configured timeouts.
 */
public final class SimUart implements Uart {
    private final String id;
    private final boolean loopback;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Byte> received = new ArrayDeque<>();
    private final ByteArrayOutputStream transmitted = new ByteArrayOutputStream();
    private UartConfig config = UartConfig.DEFAULT;

    public SimUart(String id, boolean loopback) {
        this.id = id;
        this.loopback = loopback;
    }

    public String id() {
        return id;
    }

    @Override
    public void configure(UartConfig newConfig) {
        lock.lock();
        try {
            config = Objects.requireNonNull(newConfig);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public UartConfig config() {
        lock.lock();
        try {
            return config;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (loopback) {
            receive(data, offset, length);
        } else {
            lock.lock();
            try {
                transmitted.write(data, offset, length);
            } finally {
                lock.unlock();
            }
        }
        return length;
    }

    /** Bytes arriving on RX from the other end. */
    public void receive(byte[] data, int offset, int length) {
        lock.lock();
        try {
            for (int i = 0; i < length; i++) {
                received.add(data[offset + i]);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What was sent on TX since the last call (empty in loopback mode). */
    public byte[] takeTransmitted() {
        lock.lock();
        try {
            byte[] bytes = transmitted.toByteArray();
            transmitted.reset();
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, into.length);
        lock.lock();
        try {
            int count = 0;
            while (count < length) {
                long waitMillis = count == 0 ? config.timeoutMillis() : config.timeoutCharMillis();
                if (!awaitData(waitMillis)) {
                    break;
                }
                into[offset + count++] = received.poll();
            }
            return count;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (holding the lock) until a byte is there or the time is up. */
    private boolean awaitData(long millis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
        while (received.isEmpty()) {
            if (remaining <= 0) {
                return false;
            }
            remaining = arrived.awaitNanos(remaining);
        }
        return true;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return received.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        // the virtual transmitter sends at once: nothing is ever pending
    }

    @Override
    public String toString() {
        return "SimUart(" + id + ")";
    }
}
