package dev.mica.driver.sim;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.mica.hal.Edge;
import dev.mica.hal.EdgeListener;
import dev.mica.hal.GpioPin;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;

/**
 * One virtual pin. Its level is what it drives itself (output, or open drain pulling low),
 * else what outside drivers put on it (low wins, like wired-AND), else its pull resistor,
 * else the last level (a floating pin keeps its charge for a while).
 */
final class SimGpioPin implements GpioPin {
    private final SimGpioController controller;
    private final int number;
    private final String name;
    private final Map<Object, Boolean> externalDrivers = new LinkedHashMap<>();
    private PinMode mode = PinMode.INPUT;
    private Pull pull = Pull.NONE;
    private boolean latch;
    private boolean level;
    private Set<Edge> edges = EnumSet.noneOf(Edge.class);
    private EdgeListener listener;
    /** Simulated hardware on this pin: told of level changes at once, on the changing thread. */
    private final List<Consumer<Boolean>> observers = new CopyOnWriteArrayList<>();

    SimGpioPin(SimGpioController controller, int number, String name) {
        this.controller = controller;
        this.number = number;
        this.name = name;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void configure(PinMode newMode, Pull newPull) {
        synchronized (controller) {
            mode = Objects.requireNonNull(newMode);
            pull = Objects.requireNonNull(newPull);
            update();
        }
    }

    @Override
    public PinMode mode() {
        synchronized (controller) {
            return mode;
        }
    }

    @Override
    public Pull pull() {
        synchronized (controller) {
            return pull;
        }
    }

    @Override
    public boolean read() {
        synchronized (controller) {
            return level;
        }
    }

    @Override
    public void write(boolean high) {
        synchronized (controller) {
            latch = high;
            update();
        }
    }

    @Override
    public void setEdgeListener(Set<Edge> newEdges, EdgeListener newListener) {
        synchronized (controller) {
            boolean off = newListener == null || newEdges == null || newEdges.isEmpty();
            edges = off ? EnumSet.noneOf(Edge.class) : EnumSet.copyOf(newEdges);
            listener = off ? null : newListener;
        }
    }

    /** Connects simulated hardware (a chip's reset input) that must see level changes synchronously. */
    void addObserver(Consumer<Boolean> observer) {
        observers.add(observer);
    }

    void removeObserver(Consumer<Boolean> observer) {
        observers.remove(observer);
    }

    /** What this pin puts on a wire: null when it does not drive (input, released open drain). */
    Boolean drivenLevel() {
        return switch (mode) {
            case OUTPUT -> latch;
            case OPEN_DRAIN -> latch ? null : Boolean.FALSE;
            case INPUT -> null;
        };
    }

    void setExternal(Object source, Boolean drive) {
        if (Objects.equals(externalDrivers.get(source), drive)) {
            return; // nothing changed: also ends propagation around wire loops
        }
        if (drive == null) {
            externalDrivers.remove(source);
        } else {
            externalDrivers.put(source, drive);
        }
        update();
    }

    /** Recomputes the level under the controller lock; fires an edge if it changed. */
    private void update() {
        Boolean own = drivenLevel();
        boolean next;
        if (own != null) {
            next = own;
        } else if (externalDrivers.containsValue(Boolean.FALSE)) {
            next = false;
        } else if (externalDrivers.containsValue(Boolean.TRUE)) {
            next = true;
        } else if (pull != Pull.NONE) {
            next = pull == Pull.UP;
        } else {
            next = level;
        }
        boolean changed = next != level;
        level = next;
        controller.propagate(number);
        if (changed) {
            observers.forEach(observer -> observer.accept(next));
            long when = System.nanoTime();
            Edge edge = next ? Edge.RISING : Edge.FALLING;
            EdgeListener target = listener;
            if (target != null && edges.contains(edge)) {
                controller.deliver(() -> target.onEdge(this, edge, when));
            }
        }
    }

    @Override
    public String toString() {
        return "Pin(" + name + ")";
    }
}
