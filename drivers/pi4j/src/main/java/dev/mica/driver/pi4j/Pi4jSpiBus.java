package dev.mica.driver.pi4j;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;

import dev.mica.hal.BitOrder;
import dev.mica.hal.HalException;
import dev.mica.hal.SpiConfig;

/**
 * An SPI bus ({@code /dev/spidevB.C}) through Pi4J, which opens one device per chip-select
 * line with fixed settings: a new configuration closes them and later transfers reopen them.
 * Words are 8 bits; LSB-first order is done here by mirroring each byte, which works on every
 * provider. A transfer without a hardware chip select (what MicroPython's {@code SPI} does:
 * the caller drives its own CS pin) runs on chip-select line 0, whose CE pin then toggles too.
 */
final class Pi4jSpiBus implements dev.mica.hal.SpiBus {
    private final String id;
    private final int busNumber;
    private final int chipSelects;
    private final Pi4jRuntime runtime;
    private final BoardGuard guard;
    private final Map<Integer, Spi> devices = new TreeMap<>();
    private SpiConfig config = SpiConfig.DEFAULT;

    Pi4jSpiBus(int busNumber, int chipSelects, Pi4jRuntime runtime, BoardGuard guard) {
        if (chipSelects < 1) {
            throw new IllegalArgumentException("an SPI bus needs at least one chip-select line (spi.cs)");
        }
        this.id = String.valueOf(busNumber);
        this.busNumber = busNumber;
        this.chipSelects = chipSelects;
        this.runtime = runtime;
        this.guard = guard;
    }

    String id() {
        return id;
    }

    @Override
    public synchronized void configure(SpiConfig next) {
        guard.check();
        if (next.bits() != 8) {
            throw new HalException(HalException.EINVAL, "SPI bus " + id + " sends 8-bit words only");
        }
        devices.keySet().forEach(cs -> runtime.context().shutdown(ioId(cs)));
        devices.clear();
        config = next;
    }

    @Override
    public synchronized SpiConfig config() {
        return config;
    }

    @Override
    public int chipSelectCount() {
        return chipSelects;
    }

    @Override
    public synchronized void transfer(int chipSelect, byte[] tx, int txOffset, byte[] rx, int rxOffset, int length,
            int fill) {
        guard.check();
        if (chipSelect != NO_CHIP_SELECT && (chipSelect < 0 || chipSelect >= chipSelects)) {
            throw new HalException(HalException.EINVAL, "SPI bus " + id + " has no chip select " + chipSelect);
        }
        if (length == 0) {
            return;
        }
        boolean mirror = config.firstBit() == BitOrder.LSB_FIRST;
        byte[] out = new byte[length];
        if (tx == null) {
            Arrays.fill(out, (byte) fill);
        } else {
            System.arraycopy(tx, txOffset, out, 0, length);
        }
        if (mirror) {
            mirrorBits(out);
        }
        byte[] in = new byte[length];
        int line = chipSelect == NO_CHIP_SELECT ? 0 : chipSelect;
        try {
            int result = device(line).transfer(out, 0, in, 0, length);
            if (result < 0) {
                throw new HalException(HalException.EIO, "SPI bus " + id + ": transfer failed (" + result + ")");
            }
        } catch (RuntimeException e) {
            throw Pi4jErrors.translate(e, HalException.EIO, "SPI bus " + id);
        }
        if (rx != null) {
            if (mirror) {
                mirrorBits(in);
            }
            System.arraycopy(in, 0, rx, rxOffset, length);
        }
    }

    private Spi device(int line) {
        return devices.computeIfAbsent(line, cs -> runtime.context().create(Spi.newConfigBuilder(runtime.context())
                .id(ioId(cs)).bus(SpiBus.getByNumber(busNumber)).channel(cs).baud(config.baudrate())
                .mode(SpiMode.getByNumber(config.polarity() << 1 | config.phase())).provider(runtime.spi())));
    }

    private String ioId(int line) {
        return "mica-spi-" + busNumber + "-" + line;
    }

    private static void mirrorBits(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (Integer.reverse(bytes[i] & 0xFF) >>> 24);
        }
    }
}
