package dev.mica.driver.pi4j;

import java.util.concurrent.TimeUnit;

import com.pi4j.io.serial.DataBits;
import com.pi4j.io.serial.FlowControl;
import com.pi4j.io.serial.Serial;
import com.pi4j.io.serial.StopBits;

import dev.mica.hal.HalException;
import dev.mica.hal.Parity;
import dev.mica.hal.Uart;
import dev.mica.hal.UartConfig;

/**
 * A serial port (e.g. {@code /dev/serial0}) through Pi4J. Pi4J reads never block, so the
 * MicroPython timeouts are kept here by polling {@code available()}. A new configuration
 * reopens the port. Pi4J offers no way to wait for the transmitter to empty, so
 * {@link #flush()} returns once the bytes are handed to the provider.
 */
final class Pi4jUart implements Uart {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String id;
    private final String device;
    private final Pi4jRuntime runtime;
    private final BoardGuard guard;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile UartConfig config = UartConfig.DEFAULT;
    private Serial serial;

    Pi4jUart(String id, String device, Pi4jRuntime runtime, BoardGuard guard) {
        this.id = id;
        this.device = device;
        this.runtime = runtime;
        this.guard = guard;
    }

    String id() {
        return id;
    }

    @Override
    public void configure(UartConfig next) {
        guard.check();
        if (next.bits() > 8) {
            throw new HalException(HalException.EINVAL, "UART " + id + " sends at most 8 data bits");
        }
        synchronized (readLock) {
            synchronized (writeLock) {
                close();
                config = next;
            }
        }
    }

    @Override
    public UartConfig config() {
        return config;
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        guard.check();
        synchronized (writeLock) {
            try {
                int written = port().write(data, offset, length);
                if (written < 0) {
                    throw new HalException(HalException.EIO, "UART " + id + ": write failed (" + written + ")");
                }
                return written;
            } catch (RuntimeException e) {
                throw Pi4jErrors.translate(e, HalException.EIO, "UART " + id);
            }
        }
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        guard.check();
        synchronized (readLock) {
            UartConfig settings = config;
            int count = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
            while (count < length) {
                int ready = available();
                if (ready > 0) {
                    int got = readNow(into, offset + count, Math.min(ready, length - count));
                    count += got;
                    deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutCharMillis());
                } else if (System.nanoTime() - deadline >= 0) {
                    break;
                } else {
                    pause();
                }
            }
            return count;
        }
    }

    private int readNow(byte[] into, int offset, int length) {
        try {
            int got = port().read(into, offset, length);
            return Math.max(got, 0);
        } catch (RuntimeException e) {
            throw Pi4jErrors.translate(e, HalException.EIO, "UART " + id);
        }
    }

    private void pause() {
        try {
            TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HalException(HalException.ETIMEDOUT, "UART " + id + ": read interrupted");
        }
    }

    @Override
    public int available() {
        guard.check();
        try {
            return Math.max(port().available(), 0);
        } catch (RuntimeException e) {
            throw Pi4jErrors.translate(e, HalException.EIO, "UART " + id);
        }
    }

    @Override
    public void flush() {
        guard.check();
        synchronized (writeLock) {
            // returns once a write in progress on another thread has been handed over;
            // nothing is buffered on this side of the provider
        }
    }

    private synchronized Serial port() {
        if (serial == null) {
            UartConfig settings = config;
            try {
                serial = runtime.context().create(Serial.newConfigBuilder(runtime.context())
                        .id("mica-uart-" + id).device(device).provider(runtime.serial())
                        .baud(settings.baudrate()).dataBits(DataBits.getInstance(settings.bits()))
                        .parity(parity(settings.parity())).stopBits(StopBits.getInstance(settings.stopBits()))
                        .flowControl(FlowControl.NONE));
            } catch (RuntimeException e) {
                throw Pi4jErrors.translate(e, HalException.ENODEV, "UART " + id + " (" + device + ")");
            }
        }
        return serial;
    }

    private synchronized void close() {
        if (serial != null) {
            serial = null;
            runtime.context().shutdown("mica-uart-" + id);
        }
    }

    private static com.pi4j.io.serial.Parity parity(Parity parity) {
        return switch (parity) {
            case NONE -> com.pi4j.io.serial.Parity.NONE;
            case EVEN -> com.pi4j.io.serial.Parity.EVEN;
            case ODD -> com.pi4j.io.serial.Parity.ODD;
        };
    }
}
