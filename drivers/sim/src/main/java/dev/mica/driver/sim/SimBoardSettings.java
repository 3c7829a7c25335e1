package dev.mica.driver.sim;

import dev.mica.hal.support.ConfigValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a simulated board, from Config Admin or a properties file. Keys:
 * {@code board}, {@code pins}, {@code pin.names} ({@code LED=25, BUTTON=0}), {@code wire}
 * ({@code 5->6, 7->8}), {@code i2c} / {@code spi} / {@code uart} (bus ids), {@code spi.cs}
 * (hardware chip selects per SPI bus), {@code uart.loopback}, {@code pwm.pins},
 * {@code adc.pins}, {@code adc.reference} (volts), {@code adc.volts} ({@code 0=1.65}).
 * <p>
 * Wires and ADC voltages can change while the board runs; the rest is its structure.
 */
record SimBoardSettings(String board, int pins, Map<String, Integer> pinNames,
        List<String> i2cBuses, List<String> spiBuses, int spiChipSelects,
        List<String> uartPorts, boolean uartLoopback, List<Integer> pwmPins,
        List<Integer> adcPins, double adcReference,
        Map<Integer, List<Integer>> wires, Map<String, Double> adcVolts) {

    static SimBoardSettings parse(Map<String, ?> map) {
        ConfigValues values = new ConfigValues(map);
        Map<String, Integer> names = new LinkedHashMap<>();
        values.pairs("pin.names", "=").forEach((name, number) -> names.put(name, ConfigValues.parseInt(number, "pin.names")));
        Map<Integer, List<Integer>> wires = new HashMap<>();
        for (String wire : values.list("wire")) {
            String[] ends = wire.split("->");
            if (ends.length != 2) {
                throw new IllegalArgumentException("a wire is written source->target: " + wire);
            }
            int source = ConfigValues.parseInt(ends[0].trim(), "wire");
            wires.computeIfAbsent(source, s -> new ArrayList<>()).add(ConfigValues.parseInt(ends[1].trim(), "wire"));
        }
        Map<String, Double> volts = new LinkedHashMap<>();
        values.pairs("adc.volts", "=").forEach((channel, v) -> volts.put(channel, Double.parseDouble(v)));
        return new SimBoardSettings(
                values.string("board", "sim"),
                values.integer("pins", 32),
                names,
                listOr(values, "i2c", "0,1"),
                listOr(values, "spi", "0,1"),
                values.integer("spi.cs", 2),
                listOr(values, "uart", "0,1"),
                values.bool("uart.loopback", true),
                numbers(listOr(values, "pwm.pins", "")),
                numbers(listOr(values, "adc.pins", "26,27,28")),
                values.decimal("adc.reference", 3.3),
                wires, volts);
    }

    private static List<String> listOr(ConfigValues values, String key, String fallback) {
        return values.raw().containsKey(key) ? values.list(key) : new ConfigValues(Map.of(key, fallback)).list(key);
    }

    private static List<Integer> numbers(List<String> items) {
        return items.stream().map(item -> ConfigValues.parseInt(item, "pin list")).toList();
    }

    /** Whether the other settings describe the same hardware, so only live values differ. */
    boolean sameStructure(SimBoardSettings other) {
        return board.equals(other.board) && pins == other.pins && pinNames.equals(other.pinNames)
                && i2cBuses.equals(other.i2cBuses) && spiBuses.equals(other.spiBuses)
                && spiChipSelects == other.spiChipSelects && uartPorts.equals(other.uartPorts)
                && uartLoopback == other.uartLoopback && pwmPins.equals(other.pwmPins)
                && adcPins.equals(other.adcPins) && adcReference == other.adcReference;
    }
}
