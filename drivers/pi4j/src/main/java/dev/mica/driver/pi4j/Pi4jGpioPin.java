package dev.mica.driver.pi4j;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;

import dev.mica.hal.Edge;
import dev.mica.hal.EdgeListener;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;

/**
 * One BCM pin. Pi4J has separate input and output objects for a line, so the pin holds at
 * most one of them and swaps it when the mode needs the other. Open drain, which Pi4J does
 * not offer, is emulated the usual way: driving low is an output at LOW, releasing is an
 * input with the configured pull.
 */
final class Pi4jGpioPin implements GpioPin {
    private final Pi4jGpioController controller;
    private final Pi4jRuntime runtime;
    private final int number;
    private final String name;
    private final String ioId;
    private final long debounceMicros;
    private final DigitalStateChangeListener pi4jListener = event -> levelChanged(event.state());
    private PinMode mode = PinMode.INPUT;
    private Pull pull = Pull.NONE;
    private boolean latch;
    /** The Pi4J object that holds the line, or null while the pin is unclaimed. */
    private DigitalInput input;
    private DigitalOutput output;
    /** Read without the lock by Pi4J's callback threads, so a callback never waits on a caller. */
    private volatile EdgeSubscription subscription;

    Pi4jGpioPin(Pi4jGpioController controller, Pi4jRuntime runtime, int number, String name, long debounceMicros) {
        this.controller = controller;
        this.runtime = runtime;
        this.number = number;
        this.name = name;
        this.ioId = "mica-gpio-" + number;
        this.debounceMicros = debounceMicros;
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
            controller.guard().check();
            mode = Objects.requireNonNull(newMode);
            pull = Objects.requireNonNull(newPull);
            claim();
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
            controller.guard().check();
            if (input == null && output == null) {
                claim();
            }
            try {
                return (output != null ? output.state() : input.state()) == DigitalState.HIGH;
            } catch (RuntimeException e) {
                throw Pi4jErrors.translate(e, HalException.EIO, "GPIO" + number);
            }
        }
    }

    @Override
    public void write(boolean high) {
        synchronized (controller) {
            controller.guard().check();
            latch = high;
            if (input != null || output != null) {
                claim(); // an unclaimed pin only keeps the value until it is configured
            }
        }
    }

    @Override
    public void setEdgeListener(Set<Edge> newEdges, EdgeListener newListener) {
        synchronized (controller) {
            controller.guard().check();
            boolean off = newListener == null || newEdges == null || newEdges.isEmpty();
            subscription = off ? null : new EdgeSubscription(EnumSet.copyOf(newEdges), newListener);
            if (!off && input == null && output == null) {
                claim();
            }
        }
    }

    /** Makes the Pi4J object match mode, pull and latch, swapping input and output as needed. */
    private void claim() {
        boolean drive = mode == PinMode.OUTPUT || (mode == PinMode.OPEN_DRAIN && !latch);
        try {
            if (drive) {
                if (output == null) {
                    release();
                    output = runtime.context().create(DigitalOutput.newConfigBuilder(runtime.context())
                            .id(ioId).name(name).address(number).provider(runtime.digitalOutput())
                            .initial(state(latch)).shutdown(DigitalState.LOW));
                    output.addListener(pi4jListener);
                } else {
                    output.state(state(latch));
                }
            } else if (input == null || input.pull() != pullResistance()) {
                release();
                input = runtime.context().create(DigitalInput.newConfigBuilder(runtime.context())
                        .id(ioId).name(name).address(number).provider(runtime.digitalInput())
                        .pull(pullResistance()).debounce(debounceMicros));
                input.addListener(pi4jListener);
                runtime.platform().settleUndrivenInput(input, pullResistance());
            }
        } catch (RuntimeException e) {
            throw Pi4jErrors.translate(e, HalException.EBUSY, "cannot configure GPIO" + number);
        }
    }

    /** Gives the line back to Pi4J (and the kernel). */
    private void release() {
        if (input != null || output != null) {
            Digital<?, ?, ?> held = input != null ? input : output;
            held.removeListener(pi4jListener);
            input = null;
            output = null;
            runtime.context().shutdown(ioId);
        }
    }

    private PullResistance pullResistance() {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
    }

    private static DigitalState state(boolean high) {
        return high ? DigitalState.HIGH : DigitalState.LOW;
    }

    /** Called by Pi4J on its own thread (or the mock's caller); handed on to the event thread. */
    private void levelChanged(DigitalState state) {
        long when = System.nanoTime();
        Edge edge = state == DigitalState.HIGH ? Edge.RISING : Edge.FALLING;
        EdgeSubscription target = subscription;
        if (target != null && state != DigitalState.UNKNOWN && target.edges().contains(edge)) {
            controller.deliver(() -> target.listener().onEdge(this, edge, when));
        }
    }

    private record EdgeSubscription(Set<Edge> edges, EdgeListener listener) {
    }

    @Override
    public String toString() {
        return "Pin(" + name + ")";
    }
}
