package dev.mica.driver.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.mica.hal.GpioController;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;

/**
 * A bank of virtual GPIO pins with wires between them: a wire {@code 5->6} makes the level
 * pin 5 drives the input level of pin 6. Tests and simulated chips drive pins from outside
 * with {@link #drive}. All state changes happen under one lock; edge listeners run on the
 * controller's own event thread, as interrupts would on a real driver.
 */
public final class SimGpioController implements GpioController {
    private final List<Integer> numbers;
    private final Map<Integer, SimGpioPin> pins = new LinkedHashMap<>();
    private final Map<String, SimGpioPin> byName = new HashMap<>();
    /** wire source pin -> the pins it drives */
    private final Map<Integer, List<Integer>> wires = new HashMap<>();
    private final ExecutorService events;

    /**
     * @param pinCount pins 0..pinCount-1, named {@code GP<n>}
     * @param aliases extra names, name to pin number (e.g. {@code LED -> 25})
     */
    public SimGpioController(String boardName, int pinCount, Map<String, Integer> aliases) {
        List<Integer> all = new ArrayList<>();
        for (int n = 0; n < pinCount; n++) {
            all.add(n);
        }
        numbers = Collections.unmodifiableList(all);
        Map<Integer, String> primaryNames = new HashMap<>();
        aliases.forEach((name, number) -> primaryNames.putIfAbsent(number, name));
        for (int n : numbers) {
            SimGpioPin pin = new SimGpioPin(this, n, primaryNames.getOrDefault(n, "GP" + n));
            pins.put(n, pin);
            byName.put("GP" + n, pin);
        }
        aliases.forEach((name, number) -> {
            SimGpioPin pin = pins.get(number);
            if (pin == null) {
                throw new IllegalArgumentException("pin name " + name + " refers to missing pin " + number);
            }
            byName.put(name, pin);
        });
        events = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mica-sim-gpio-" + boardName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<Integer> pinNumbers() {
        return numbers;
    }

    @Override
    public SimGpioPin pin(int number) {
        SimGpioPin pin = pins.get(number);
        if (pin == null) {
            throw new HalException(HalException.ENODEV, "no GPIO pin " + number);
        }
        return pin;
    }

    @Override
    public SimGpioPin pin(String name) {
        SimGpioPin pin = byName.get(name);
        if (pin == null) {
            throw new HalException(HalException.ENODEV, "no GPIO pin named " + name);
        }
        return pin;
    }

    /** The names under which pins can be found, as {@code name=number}, for the service property. */
    public String[] pinNameProperty() {
        return byName.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().number())
                .sorted()
                .toArray(String[]::new);
    }

    /**
     * Replaces all wires. Each entry is {@code source->target}; levels are re-evaluated at
     * once, so rewiring at run time fires edges like plugging a jumper would.
     */
    public void setWires(Map<Integer, List<Integer>> newWires) {
        synchronized (this) {
            Map<Integer, List<Integer>> old = new HashMap<>(wires);
            wires.clear();
            newWires.forEach((source, targets) -> {
                pin(source);
                targets.forEach(this::pin);
                wires.put(source, List.copyOf(targets));
            });
            old.forEach((source, targets) -> targets.forEach(t -> pins.get(t).setExternal(wireKey(source), null)));
            wires.keySet().forEach(this::propagate);
        }
    }

    /**
     * Drives a pin from outside the board (a button, a sensor's interrupt line).
     *
     * @param source who drives, so several outside drivers can share a pin
     * @param level true/false to drive high/low, null to release
     */
    public void drive(int number, Object source, Boolean level) {
        synchronized (this) {
            pin(number).setExternal(source, level);
        }
    }

    /** Called under the lock after the level a pin drives may have changed. */
    void propagate(int source) {
        List<Integer> targets = wires.get(source);
        if (targets == null) {
            return;
        }
        Boolean level = pins.get(source).drivenLevel();
        Object key = wireKey(source);
        for (int target : targets) {
            if (target != source) {
                pins.get(target).setExternal(key, level);
            }
        }
    }

    private static Object wireKey(int source) {
        return "wire from " + source;
    }

    void deliver(Runnable event) {
        if (!events.isShutdown()) {
            events.execute(event);
        }
    }

    /** Stops the event thread; pins keep working but no longer call listeners. */
    public void close() {
        events.shutdown();
    }
}
