package dev.mica.driver.pi4j;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.mica.hal.GpioController;
import dev.mica.hal.HalException;

/**
 * The Pi's GPIO block: the configured BCM pins, named {@code GPIO<n>} plus any aliases. A pin
 * claims its line from Pi4J only when first used, and edge listeners run on the controller's
 * own event thread (Pi4J calls its listeners on whatever thread saw the change).
 */
final class Pi4jGpioController implements GpioController {
    private final List<Integer> numbers;
    private final Map<Integer, Pi4jGpioPin> pins = new LinkedHashMap<>();
    private final Map<String, Pi4jGpioPin> byName = new HashMap<>();
    private final BoardGuard guard;
    private final ExecutorService events;

    Pi4jGpioController(String boardName, Pi4jRuntime runtime, BoardGuard guard, List<Integer> pinNumbers,
            Map<String, Integer> aliases, long debounceMicros) {
        this.guard = guard;
        numbers = pinNumbers.stream().distinct().sorted().toList();
        Map<Integer, String> primaryNames = new HashMap<>();
        aliases.forEach((name, number) -> primaryNames.putIfAbsent(number, name));
        for (int n : numbers) {
            Pi4jGpioPin pin = new Pi4jGpioPin(this, runtime, n, primaryNames.getOrDefault(n, "GPIO" + n), debounceMicros);
            pins.put(n, pin);
            byName.put("GPIO" + n, pin);
        }
        aliases.forEach((name, number) -> {
            Pi4jGpioPin pin = pins.get(number);
            if (pin == null) {
                throw new IllegalArgumentException("pin name " + name + " refers to pin " + number + ", which is not configured");
            }
            byName.put(name, pin);
        });
        events = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mica-pi4j-gpio-" + boardName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<Integer> pinNumbers() {
        return numbers;
    }

    @Override
    public Pi4jGpioPin pin(int number) {
        guard.check();
        Pi4jGpioPin pin = pins.get(number);
        if (pin == null) {
            throw new HalException(HalException.ENODEV, "no GPIO pin " + number);
        }
        return pin;
    }

    @Override
    public Pi4jGpioPin pin(String name) {
        guard.check();
        Pi4jGpioPin pin = byName.get(name);
        if (pin == null) {
            throw new HalException(HalException.ENODEV, "no GPIO pin named " + name);
        }
        return pin;
    }

    /** The names under which pins can be found, as {@code name=number}, for the service property. */
    String[] pinNameProperty() {
        return byName.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().number())
                .sorted()
                .toArray(String[]::new);
    }

    BoardGuard guard() {
        return guard;
    }

    void deliver(Runnable event) {
        try {
            events.execute(event);
        } catch (RejectedExecutionException closed) {
            // the board is closing: late edges are dropped, as after an IRQ is disabled
        }
    }

    /** Stops the event thread, waiting briefly for a listener that is still running. */
    void close() {
        events.shutdownNow();
        try {
            events.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
