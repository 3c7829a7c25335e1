package dev.mica.driver.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mica.hal.HalException;
import dev.mica.hal.SpiBus;
import dev.mica.hal.SpiConfig;

/**
 * A virtual SPI bus. Devices sit either on one of the bus's hardware chip-select lines or on
 * a board GPIO pin the driver toggles itself (active low). MOSI is jumpered to MISO, the usual
 * loopback self-test, so whatever no selected device answers on MISO reads back what was sent.
 */
public final class SimSpiBus implements SpiBus {
    private record Attachment(SpiTarget target, int hardwareChipSelect, SimGpioPin chipSelectPin) {
        boolean isSelectedBy(int chipSelect) {
            return chipSelect != NO_CHIP_SELECT ? hardwareChipSelect == chipSelect
                    : chipSelectPin != null && !chipSelectPin.read();
        }
    }

    private final String id;
    private final int chipSelectLines;
    private final List<Attachment> attachments = new CopyOnWriteArrayList<>();
    private SpiConfig config = SpiConfig.DEFAULT;

    public SimSpiBus(String id, int chipSelectLines) {
        this.id = id;
        this.chipSelectLines = chipSelectLines;
    }

    public String id() {
        return id;
    }

    /** Puts a device on hardware line {@code hardwareChipSelect} or, if that is -1, on {@code chipSelectPin}. */
    void attach(SpiTarget target, int hardwareChipSelect, SimGpioPin chipSelectPin) {
        if (hardwareChipSelect >= chipSelectLines || (hardwareChipSelect < 0 && chipSelectPin == null)) {
            throw new IllegalArgumentException("SPI bus " + id + ": no chip select " + hardwareChipSelect);
        }
        attachments.add(new Attachment(target, hardwareChipSelect, hardwareChipSelect >= 0 ? null : chipSelectPin));
    }

    void detach(SpiTarget target) {
        attachments.removeIf(a -> a.target() == target);
    }

    @Override
    public synchronized void configure(SpiConfig newConfig) {
        if (newConfig.bits() != 8) {
            throw new HalException(HalException.EINVAL, "SPI bus " + id + " supports 8-bit words only");
        }
        config = newConfig;
    }

    @Override
    public synchronized SpiConfig config() {
        return config;
    }

    @Override
    public int chipSelectCount() {
        return chipSelectLines;
    }

    @Override
    public synchronized void transfer(int chipSelect, byte[] tx, int txOffset, byte[] rx, int rxOffset, int length, int fill) {
        if (chipSelect != NO_CHIP_SELECT && (chipSelect < 0 || chipSelect >= chipSelectLines)) {
            throw new HalException(HalException.EINVAL, "SPI bus " + id + ": no chip select " + chipSelect);
        }
        List<SpiTarget> selected = new ArrayList<>();
        for (Attachment attachment : attachments) {
            if (attachment.isSelectedBy(chipSelect)) {
                selected.add(attachment.target());
            }
        }
        boolean framed = chipSelect != NO_CHIP_SELECT; // the bus frames only hardware chip selects
        if (framed) {
            selected.forEach(SpiTarget::select);
        }
        for (int i = 0; i < length; i++) {
            int mosi = tx != null ? tx[txOffset + i] & 0xFF : fill & 0xFF;
            int miso = -1;
            for (SpiTarget target : selected) {
                int answer = target.exchange(mosi);
                if (answer != SpiTarget.NOT_DRIVEN) {
                    miso = miso < 0 ? answer : miso & answer;
                }
            }
            if (rx != null) {
                rx[rxOffset + i] = (byte) (miso < 0 ? mosi : miso);
            }
        }
        if (framed) {
            selected.forEach(SpiTarget::deselect);
        }
    }

    @Override
    public String toString() {
        return "SimSpiBus(" + id + ")";
    }
}
