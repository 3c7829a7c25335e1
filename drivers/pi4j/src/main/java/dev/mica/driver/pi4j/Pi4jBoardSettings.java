package dev.mica.driver.pi4j;

import dev.mica.hal.support.ConfigValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a Raspberry Pi board, from Config Admin or a plain map. Keys:
 * {@code board} (name in the {@code mica.board} property), {@code platform}
 * ({@code auto}, {@code mock}, {@code gpiod}, {@code linuxfs}, {@code pigpio}; see
 * {@link Pi4jPlatform}), {@code pins} (BCM numbers, ranges allowed: {@code 2-27}),
 * {@code pin.names} ({@code LED=17, BUTTON=27}), {@code gpio.debounce.us}, {@code i2c} (bus
 * numbers), {@code i2c.frequency}, {@code spi} (bus numbers), {@code spi.cs} (chip selects per
 * bus), {@code uart} ({@code id=device} pairs), {@code pwm.pins} (BCM pins with a hardware PWM
 * channel, channel 0 first), {@code pwm.chip} (sysfs PWM chip, -1 to let Pi4J choose).
 */
record Pi4jBoardSettings(String board, String platform, List<Integer> pins, Map<String, Integer> pinNames,
        long debounceMicros, List<Integer> i2cBuses, int i2cFrequency, List<Integer> spiBuses, int spiChipSelects,
        Map<String, String> uartDevices, List<Integer> pwmPins, int pwmChip) {

    static Pi4jBoardSettings parse(Map<String, ?> map) {
        ConfigValues values = new ConfigValues(map);
        Map<String, Integer> names = new LinkedHashMap<>();
        values.pairs("pin.names", "=").forEach((name, number) -> names.put(name, ConfigValues.parseInt(number, "pin.names")));
        Map<String, String> uarts = values.raw().containsKey("uart")
                ? values.pairs("uart", "=")
                : Map.of("0", "/dev/serial0");
        return new Pi4jBoardSettings(
                values.string("board", "rpi"),
                values.string("platform", "auto").toLowerCase(),
                numbers(listOr(values, "pins", "2-27"), "pins"),
                names,
                values.integer("gpio.debounce.us", 0),
                numbers(listOr(values, "i2c", "1"), "i2c"),
                values.integer("i2c.frequency", 100_000),
                numbers(listOr(values, "spi", "0"), "spi"),
                values.integer("spi.cs", 2),
                uarts,
                numbers(listOr(values, "pwm.pins", "18,19"), "pwm.pins"),
                values.integer("pwm.chip", -1));
    }

    private static List<String> listOr(ConfigValues values, String key, String fallback) {
        return values.raw().containsKey(key) ? values.list(key) : new ConfigValues(Map.of(key, fallback)).list(key);
    }

    /** Numbers and inclusive ranges such as {@code 2-27}. */
    private static List<Integer> numbers(List<String> items, String key) {
        List<Integer> result = new ArrayList<>();
        for (String item : items) {
            int dash = item.indexOf('-', 1);
            if (dash > 0) {
                int first = ConfigValues.parseInt(item.substring(0, dash).trim(), key);
                int last = ConfigValues.parseInt(item.substring(dash + 1).trim(), key);
                for (int n = first; n <= last; n++) {
                    result.add(n);
                }
            } else {
                result.add(ConfigValues.parseInt(item, key));
            }
        }
        return result;
    }
}
