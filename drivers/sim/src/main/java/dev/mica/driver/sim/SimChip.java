package dev.mica.driver.sim;

import dev.mica.hal.DisplayView;
import dev.mica.hal.HalProperties;
import dev.mica.hal.HalService;
import dev.mica.hal.support.ConfigValues;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated chip attached to a board, built from its configuration (a Config Admin factory
 * configuration or a {@code chip.<name>.*} group of a properties file). Keys: {@code type}
 * (bme280, ssd1306, mcp23017, ads1115, at24c32), {@code bus}, {@code address}; BME280:
 * {@code temperature} (°C), {@code pressure} (hPa), {@code humidity} (%RH); SSD1306:
 * {@code width}, {@code height}, {@code external.vcc}, {@code interface} (i2c or spi) and for
 * SPI {@code cs} (hardware line) or {@code cs.pin}, {@code dc.pin}, {@code reset.pin};
 * MCP23017: {@code inputs} ({@code 0=1, 9=0}), {@code inta.pin}, {@code intb.pin} (board pins
 * the interrupt outputs drive); ADS1115: {@code ain0}..{@code ain3} (volts).
 */
public final class SimChip {
    private final SimBoard board;
    private final ChipType type;
    private final String bus;
    private final int address;
    private final Object device;
    private final Runnable detacher;

    private SimChip(SimBoard board, ChipType type, String bus, int address, Object device, Runnable detacher) {
        this.board = board;
        this.type = type;
        this.bus = bus;
        this.address = address;
        this.device = device;
        this.detacher = detacher;
    }

    static SimChip attach(SimBoard board, Map<String, ?> map) {
        ConfigValues values = new ConfigValues(map);
        if (!values.has("type")) {
            throw new IllegalArgumentException("a simulated chip needs a type");
        }
        ChipType type = ChipType.of(values.string("type", ""));
        String bus = values.string("bus", "1");
        int address = values.integer("address", type.defaultAddress);
        SimClock clock = board.clock();
        switch (type) {
            case BME280 -> {
                Bme280Chip chip = new Bme280Chip(clock, Bme280Calibration.TYPICAL,
                        values.decimal("temperature", 20.0), values.decimal("pressure", 1013.25),
                        values.decimal("humidity", 50.0));
                return onI2c(board, type, bus, address, chip);
            }
            case SSD1306 -> {
                Ssd1306Controller controller = new Ssd1306Controller(values.integer("width", 128),
                        values.integer("height", 64), values.bool("external.vcc", false));
                if (values.string("interface", "i2c").equalsIgnoreCase("spi")) {
                    SimGpioController gpio = board.gpio();
                    int resetPin = values.integer("reset.pin", -1);
                    SimGpioPin reset = resetPin >= 0 ? gpio.pin(resetPin) : null;
                    int dcPin = values.integer("dc.pin", -1);
                    if (dcPin < 0) {
                        throw new IllegalArgumentException("an SSD1306 on SPI needs dc.pin");
                    }
                    Ssd1306SpiChip chip = new Ssd1306SpiChip(controller, gpio.pin(dcPin), reset);
                    SimSpiBus spi = board.spi(bus);
                    int chipSelect = values.integer("cs", -1);
                    spi.attach(chip, chipSelect, chipSelect < 0 ? gpio.pin(values.integer("cs.pin", -1)) : null);
                    return new SimChip(board, type, bus, -1, chip, () -> {
                        spi.detach(chip);
                        chip.detach();
                    });
                }
                return onI2c(board, type, bus, address, new Ssd1306I2cChip(controller));
            }
            case MCP23017 -> {
                int intA = values.integer("inta.pin", -1);
                int intB = values.integer("intb.pin", -1);
                Object source = new Object(); // identifies this chip among the drivers of a board pin
                Mcp23017Chip chip = new Mcp23017Chip(drive -> {
                    if (intA >= 0) {
                        board.gpio().drive(intA, source, drive[0]);
                    }
                    if (intB >= 0) {
                        board.gpio().drive(intB, source, drive[1]);
                    }
                });
                SimChip handle = onI2c(board, type, bus, address, chip);
                handle.reconfigure(map);
                return handle;
            }
            case ADS1115 -> {
                Ads1115Chip chip = new Ads1115Chip(clock);
                SimChip handle = onI2c(board, type, bus, address, chip);
                handle.reconfigure(map);
                return handle;
            }
            case AT24C32 -> {
                return onI2c(board, type, bus, address, new At24c32Chip());
            }
            default -> throw new IllegalArgumentException("unknown simulated chip type: " + type);
        }
    }

    private static SimChip onI2c(SimBoard board, ChipType type, String bus, int address, I2cTarget chip) {
        SimI2cBus i2c = board.i2c(bus);
        i2c.attach(address, chip);
        return new SimChip(board, type, bus, address, chip, () -> i2c.detach(address, chip));
    }

    /** Whether the other configuration is for the same chip at the same place (so it can be updated live). */
    boolean samePlace(Map<String, ?> map) {
        ConfigValues values = new ConfigValues(map);
        try {
            ChipType otherType = ChipType.of(values.string("type", ""));
            return otherType == type && values.string("bus", "1").equals(bus)
                    && (address < 0 || values.integer("address", type.defaultAddress) == address)
                    && (type != ChipType.SSD1306 && type != ChipType.MCP23017);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Applies the values that can change while the chip runs: environment, inputs, voltages. */
    public void reconfigure(Map<String, ?> map) {
        ConfigValues values = new ConfigValues(map);
        switch (type) {
            case BME280 -> ((Bme280Chip) device).setEnvironment(values.decimal("temperature", 20.0),
                    values.decimal("pressure", 1013.25), values.decimal("humidity", 50.0));
            case MCP23017 -> values.pairs("inputs", "=").forEach((pin, level) ->
                    ((Mcp23017Chip) device).setInput(ConfigValues.parseInt(pin, "inputs"), !level.equals("0")));
            case ADS1115 -> {
                for (int input = 0; input < 4; input++) {
                    ((Ads1115Chip) device).setInputVolts(input, values.decimal("ain" + input, 0.0));
                }
            }
            default -> { } // a display has nothing to set from outside
        }
    }

    public String type() {
        return type.id();
    }

    public String bus() {
        return bus;
    }

    /** The I2C address, or -1 for a chip on SPI. */
    public int address() {
        return address;
    }

    public SimBoard board() {
        return board;
    }

    /**
     * The services this chip offers beside the board's: for a display, a {@link DisplayView}
     * with the board, bus, chip and (on I2C) address. They live as long as the chip is attached.
     */
    public List<HalService<?>> services() {
        return display().<List<HalService<?>>>map(controller -> {
            Map<String, Object> properties = new HashMap<>();
            properties.put(HalProperties.BOARD, board.name());
            properties.put(HalProperties.BUS, bus);
            properties.put(HalProperties.CHIP, type.id());
            if (address >= 0) {
                properties.put(HalProperties.ADDRESS, address);
            }
            return List.of(new HalService<>(DisplayView.class, controller, properties));
        }).orElse(List.of());
    }

    /** For a display, its panel as a PNG, each pixel {@code scale} pixels wide. */
    public Optional<byte[]> displayPng(int scale) {
        return display().map(controller -> controller.renderPng(scale));
    }

    /** For a display, a copy of its GDDRAM: 8 pages of 128 bytes, bit 0 of a byte the page's top row. */
    public Optional<byte[]> displayRam() {
        return display().map(Ssd1306Controller::ram);
    }

    /** Whether pixel (x, y) of a display's panel (origin top left) is lit now; false for other chips. */
    public boolean displayLit(int x, int y) {
        return display().map(controller -> controller.isLit(x, y)).orElse(false);
    }

    Optional<Ssd1306Controller> display() {
        if (device instanceof Ssd1306I2cChip i2c) {
            return Optional.of(i2c.controller());
        }
        if (device instanceof Ssd1306SpiChip spi) {
            return Optional.of(spi.controller());
        }
        return Optional.empty();
    }

    /** The chip model itself, for tests in this package. */
    Object device() {
        return device;
    }

    /** Takes the chip off its bus. */
    public void detach() {
        detacher.run();
        board.forget(this);
    }

    @Override
    public String toString() {
        return type.id() + (address >= 0 ? String.format("@%s:0x%02x", bus, address) : "@spi" + bus);
    }
}
