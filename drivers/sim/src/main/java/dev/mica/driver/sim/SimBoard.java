package dev.mica.driver.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mica.hal.AdcChannel;
import dev.mica.hal.GpioController;
import dev.mica.hal.HalException;
import dev.mica.hal.HalProperties;
import dev.mica.hal.HalService;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.StandaloneBoard;
import dev.mica.hal.Uart;

/**
 * A simulated board as plain Java objects: GPIO with wires, I2C and SPI buses with chips,
 * UARTs, PWM and ADC channels. Used directly by the command line and by tests, and wrapped
 * by {@link SimBoardComponent} in OSGi.
 */
public final class SimBoard implements StandaloneBoard {
    private final SimClock clock;
    private final SimBoardSettings settings;
    private final SimGpioController gpio;
    private final Map<String, SimI2cBus> i2c = new LinkedHashMap<>();
    private final Map<String, SimSpiBus> spi = new LinkedHashMap<>();
    private final Map<String, SimUart> uarts = new LinkedHashMap<>();
    private final Map<String, SimPwmChannel> pwm = new LinkedHashMap<>();
    private final Map<String, SimAdcChannel> adc = new LinkedHashMap<>();
    private final List<SimChip> chips = new CopyOnWriteArrayList<>();

    private SimBoard(SimBoardSettings settings, SimClock clock) {
        this.settings = settings;
        this.clock = clock;
        gpio = new SimGpioController(settings.board(), settings.pins(), settings.pinNames());
        settings.i2cBuses().forEach(id -> i2c.put(id, new SimI2cBus(id)));
        settings.spiBuses().forEach(id -> spi.put(id, new SimSpiBus(id, settings.spiChipSelects())));
        settings.uartPorts().forEach(id -> uarts.put(id, new SimUart(id, settings.uartLoopback())));
        List<Integer> pwmPins = settings.pwmPins();
        for (int i = 0; i < pwmPins.size(); i++) {
            pwm.put(String.valueOf(i), new SimPwmChannel(String.valueOf(i), pwmPins.get(i)));
        }
        List<Integer> adcPins = settings.adcPins();
        for (int i = 0; i < adcPins.size(); i++) {
            adc.put(String.valueOf(i), new SimAdcChannel(String.valueOf(i), adcPins.get(i), settings.adcReference()));
        }
        applyLiveSettings(settings);
    }

    /** A board from its configuration (see {@link SimBoardSettings} for the keys). */
    public static SimBoard create(Map<String, ?> config) {
        return create(config, SimClock.SYSTEM);
    }

    /** A board whose chips keep time with the given clock. */
    public static SimBoard create(Map<String, ?> config, SimClock clock) {
        return new SimBoard(SimBoardSettings.parse(config), clock);
    }

    /**
     * A board and its chips from a properties file: board keys at the top level, each chip as
     * a group {@code chip.<name>.<key>} (e.g. {@code chip.env.type=bme280}).
     */
    public static SimBoard fromProperties(Properties properties) {
        Map<String, Object> boardKeys = new HashMap<>();
        Map<String, Map<String, Object>> chipGroups = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            String value = properties.getProperty(key);
            if (key.startsWith("chip.")) {
                int dot = key.indexOf('.', 5);
                if (dot < 0) {
                    throw new IllegalArgumentException("chip keys are chip.<name>.<key>: " + key);
                }
                chipGroups.computeIfAbsent(key.substring(5, dot), n -> new HashMap<>()).put(key.substring(dot + 1), value);
            } else {
                boardKeys.put(key, value);
            }
        }
        SimBoard board = create(boardKeys);
        try {
            chipGroups.values().forEach(board::attachChip);
        } catch (RuntimeException e) {
            board.close();
            throw e;
        }
        return board;
    }

    SimClock clock() {
        return clock;
    }

    SimBoardSettings settings() {
        return settings;
    }

    public String name() {
        return settings.board();
    }

    public SimGpioController gpio() {
        return gpio;
    }

    public SimI2cBus i2c(String id) {
        return find(i2c, id, "I2C bus");
    }

    public SimSpiBus spi(String id) {
        return find(spi, id, "SPI bus");
    }

    public SimUart uart(String id) {
        return find(uarts, id, "UART");
    }

    public SimPwmChannel pwm(String id) {
        return find(pwm, id, "PWM channel");
    }

    public SimAdcChannel adc(String id) {
        return find(adc, id, "ADC channel");
    }

    public Collection<SimI2cBus> i2cBuses() {
        return i2c.values();
    }

    public Collection<SimSpiBus> spiBuses() {
        return spi.values();
    }

    public Collection<SimUart> uarts() {
        return uarts.values();
    }

    public Collection<SimPwmChannel> pwmChannels() {
        return pwm.values();
    }

    public Collection<SimAdcChannel> adcChannels() {
        return adc.values();
    }

    public List<SimChip> chips() {
        return List.copyOf(chips);
    }

    /**
     * The board's HAL objects with the service properties they are registered with: the GPIO
     * controller, then the I2C buses, SPI buses, UARTs, PWM and ADC channels.
     */
    @Override
    public List<HalService<?>> services() {
        String name = name();
        List<HalService<?>> all = new ArrayList<>();
        all.add(new HalService<>(GpioController.class, gpio, Map.of(HalProperties.BOARD, name,
                HalProperties.CONTROLLER, "0", HalProperties.PIN_NAMES, gpio.pinNameProperty())));
        i2c.values().forEach(bus -> all.add(new HalService<>(I2cBus.class, bus,
                Map.of(HalProperties.BOARD, name, HalProperties.BUS, bus.id()))));
        spi.values().forEach(bus -> all.add(new HalService<>(SpiBus.class, bus,
                Map.of(HalProperties.BOARD, name, HalProperties.BUS, bus.id()))));
        uarts.values().forEach(uart -> all.add(new HalService<>(Uart.class, uart,
                Map.of(HalProperties.BOARD, name, HalProperties.BUS, uart.id()))));
        pwm.values().forEach(channel -> all.add(new HalService<>(PwmChannel.class, channel,
                Map.of(HalProperties.BOARD, name, HalProperties.CHANNEL, channel.id(), HalProperties.PIN, channel.pin()))));
        adc.values().forEach(channel -> all.add(new HalService<>(AdcChannel.class, channel,
                Map.of(HalProperties.BOARD, name, HalProperties.CHANNEL, channel.id(), HalProperties.PIN, channel.pin()))));
        return all;
    }

    private static <T> T find(Map<String, T> map, String id, String what) {
        T found = map.get(id);
        if (found == null) {
            throw new HalException(HalException.ENODEV, "the simulated board has no " + what + " " + id);
        }
        return found;
    }

    /** Puts a chip on a bus (see {@link SimChip} for the keys). */
    public SimChip attachChip(Map<String, ?> chipConfig) {
        SimChip chip = SimChip.attach(this, chipConfig);
        chips.add(chip);
        return chip;
    }

    void forget(SimChip chip) {
        chips.remove(chip);
    }

    /** Applies wires and ADC voltages of new settings while the board runs. */
    void applyLiveSettings(SimBoardSettings live) {
        gpio.setWires(live.wires());
        List<String> unknown = new ArrayList<>();
        live.adcVolts().forEach((channel, volts) -> {
            SimAdcChannel target = adc.get(channel);
            if (target == null) {
                unknown.add(channel);
            } else {
                target.setVolts(volts);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("adc.volts names missing ADC channels " + unknown);
        }
    }

    @Override
    public void close() {
        chips.forEach(SimChip::detach);
        gpio.close();
    }
}
