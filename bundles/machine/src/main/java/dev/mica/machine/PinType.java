package dev.mica.machine;

import java.util.EnumSet;
import java.util.Set;

import dev.mica.hal.Edge;
import dev.mica.hal.EdgeListener;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.PinMode;
import dev.mica.hal.Pull;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * {@code machine.Pin} over a bound GPIO controller. Constants follow the rp2 port (IN=0,
 * OUT=1, OPEN_DRAIN=2, PULL_UP=1, PULL_DOWN=2, IRQ_FALLING=4, IRQ_RISING=8).
 * <p>
 * A Pin keeps its controller id and pin number and asks the bound services for the HAL pin on
 * every use. When that pin is a different object than last time (the driver was replaced), the
 * mode, pull and interrupt handler set through this Pin are applied to the new one first; while
 * no driver serves the pin, every use raises OSError(ENODEV).
 */
final class PinType {
    static final int IN = 0, OUT = 1, OPEN_DRAIN = 2;
    static final int PULL_UP = 1, PULL_DOWN = 2;
    static final int IRQ_FALLING = 4, IRQ_RISING = 8;

    private PinType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("Pin", PyType.OBJECT);
        type.setConstructor((t, args, kwNames) -> construct(state, type, args, kwNames));
        type.methodKw("init", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
            ((Pin) a[0]).init(Args.parse(a, kw, 1, 3, "mode", "pull", "value", "drive", "alt"));
            return PyNone.NONE;
        });
        type.method("value", 1, 2, a -> ((Pin) a[0]).call(java.util.Arrays.copyOfRange(a, 1, a.length), null));
        type.method("on", 1, 1, a -> ((Pin) a[0]).set(true));
        type.method("high", 1, 1, a -> ((Pin) a[0]).set(true));
        type.method("off", 1, 1, a -> ((Pin) a[0]).set(false));
        type.method("low", 1, 1, a -> ((Pin) a[0]).set(false));
        type.method("toggle", 1, 1, a -> {
            Pin pin = (Pin) a[0];
            return pin.set(!pin.latch());
        });
        type.method("mode", 1, 2, a -> ((Pin) a[0]).mode(a.length > 1 ? a[1] : null));
        type.method("pull", 1, 2, a -> ((Pin) a[0]).pull(a.length > 1 ? a[1] : null));
        type.methodKw("irq", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> a.length == 1
                ? ((Pin) a[0]).irqObject() // irq() with no arguments changes nothing
                : ((Pin) a[0]).irq(Args.parse(a, kw, 1, 2, "handler", "trigger", "hard", "priority", "wake")));
        type.define("IN", PyInt.of(IN));
        type.define("OUT", PyInt.of(OUT));
        type.define("OPEN_DRAIN", PyInt.of(OPEN_DRAIN));
        type.define("PULL_UP", PyInt.of(PULL_UP));
        type.define("PULL_DOWN", PyInt.of(PULL_DOWN));
        type.define("IRQ_FALLING", PyInt.of(IRQ_FALLING));
        type.define("IRQ_RISING", PyInt.of(IRQ_RISING));
        return type;
    }

    private static PyObject construct(MachineState state, PyType type, PyObject[] args, String[] kwNames) {
        Args a = Args.parse(args, kwNames, 0, 3, "id", "mode", "pull", "value", "drive", "alt");
        PyObject id = Args.required(a, "id");
        Pin pin;
        if (id instanceof Pin other) {
            pin = new Pin(state, type, other.controller, other.number);
        } else if (id instanceof PyStr name) {
            pin = byName(state, type, name.value());
        } else {
            long number = Args.intOf(id);
            // a bound controller without that pin: the program's mistake, not a missing driver
            boolean known = HalCalls.call(() -> state.hal.gpio("0").pinNumbers().contains((int) number));
            if (!known || number != (int) number) {
                throw Py.valueError("invalid pin");
            }
            pin = new Pin(state, type, "0", (int) number);
        }
        pin.lookUp(); // a pin no driver has raises at once, as on a board
        pin.init(a);
        return pin;
    }

    private static Pin byName(MachineState state, PyType type, String name) {
        String[] place = state.hal.pinByName(name);
        if (place != null) {
            return new Pin(state, type, place[0], Integer.parseInt(place[1]));
        }
        try {
            return new Pin(state, type, "0", state.hal.gpio("0").pin(name).number());
        } catch (HalException e) {
            throw Py.valueError("unknown named pin \"" + name + "\"");
        }
    }

    /** A Pin object. */
    static final class Pin extends PyObject {
        private final MachineState state;
        private final PyType type;
        final String controller;
        final int number;
        /** What this object configured, to apply again to a replacement driver's pin. */
        private PinMode mode;
        private Pull pull = Pull.NONE;
        private Set<Edge> edges = Set.of();
        private EdgeListener listener;
        private GpioPin current;
        private volatile int irqFlags;
        private PinIrq irq;

        Pin(MachineState state, PyType type, String controller, int number) {
            this.state = state;
            this.type = type;
            this.controller = controller;
            this.number = number;
        }

        @Override
        public PyType type() {
            return type;
        }

        /** The HAL pin serving this Pin now, set up again if the driver changed. */
        synchronized GpioPin lookUp() {
            GpioPin found = HalCalls.call(() -> state.hal.pin(controller, number));
            if (found != current) {
                GpioPin previous = current;
                current = found;
                HalCalls.run(() -> {
                    if (mode != null) {
                        found.configure(mode, pull);
                    }
                    if (listener != null) {
                        found.setEdgeListener(edges, listener);
                    }
                });
                if (previous != null && listener != null) {
                    try {
                        previous.setEdgeListener(Set.of(), null);
                    } catch (RuntimeException gone) {
                        // the old driver is gone with its pin
                    }
                }
            }
            return found;
        }

        void init(Args a) {
            PyObject value = a.object("value");
            if (value != null) {
                boolean high = value.isTrue();
                HalCalls.run(() -> lookUp().write(high));
            }
            PyObject modeArg = a.object("mode");
            PyObject pullArg = a.get("pull");
            if (modeArg == null && pullArg == null) {
                return;
            }
            PinMode newMode = modeArg == null || Args.intOf(modeArg) == -1 ? currentMode() : modeOf(Args.intOf(modeArg));
            Pull newPull = pullArg == null ? (modeArg == null ? currentPull() : Pull.NONE)
                    : pullArg == PyNone.NONE ? Pull.NONE : pullOf(Args.intOf(pullArg));
            synchronized (this) {
                mode = newMode;
                pull = newPull;
            }
            HalCalls.run(() -> lookUp().configure(newMode, newPull));
        }

        void configure(PinMode newMode, Pull newPull) {
            synchronized (this) {
                mode = newMode;
                pull = newPull;
            }
            HalCalls.run(() -> lookUp().configure(newMode, newPull));
        }

        private PinMode currentMode() {
            return HalCalls.call(() -> lookUp().mode());
        }

        private Pull currentPull() {
            return HalCalls.call(() -> lookUp().pull());
        }

        boolean read() {
            return HalCalls.call(() -> lookUp().read());
        }

        void write(boolean high) {
            HalCalls.run(() -> lookUp().write(high));
        }

        /** The level an output drives, for toggle (the input level otherwise). */
        boolean latch() {
            return read();
        }

        PyObject set(boolean high) {
            write(high);
            return PyNone.NONE;
        }

        @Override
        public PyObject call(PyObject[] args, String[] kwNames) {
            if (kwNames != null && kwNames.length > 0) {
                throw Py.typeError("function doesn't take keyword arguments");
            }
            if (args.length > 1) {
                throw Py.typeError("function expected at most 1 arguments, got " + args.length);
            }
            if (args.length == 0) {
                return PyInt.of(read() ? 1 : 0);
            }
            return set(args[0].isTrue());
        }

        PyObject mode(PyObject newMode) {
            if (newMode == null) {
                return PyInt.of(switch (currentMode()) {
                    case INPUT -> IN;
                    case OUTPUT -> OUT;
                    case OPEN_DRAIN -> OPEN_DRAIN;
                });
            }
            PinMode m = modeOf(Args.intOf(newMode));
            Pull p = currentPull();
            synchronized (this) {
                mode = m;
                pull = p;
            }
            HalCalls.run(() -> lookUp().configure(m, p));
            return PyNone.NONE;
        }

        PyObject pull(PyObject newPull) {
            if (newPull == null) {
                Pull p = currentPull();
                return p == Pull.NONE ? PyNone.NONE : PyInt.of(p == Pull.UP ? PULL_UP : PULL_DOWN);
            }
            Pull p = newPull == PyNone.NONE ? Pull.NONE : pullOf(Args.intOf(newPull));
            PinMode m = currentMode();
            synchronized (this) {
                mode = m;
                pull = p;
            }
            HalCalls.run(() -> lookUp().configure(m, p));
            return PyNone.NONE;
        }

        /**
         * Pin.irq: the handler runs with this Pin as argument. A soft handler is queued as
         * micropython.schedule does; a hard one goes to the interpreter's hard-interrupt queue,
         * which runs at the program's next look at interrupts (a backward jump or call, or at
         * once when it sleeps), ahead of soft handlers and even inside one, with the heap locked
         * as MicroPython runs hard handlers (the JVM cannot stop the program in the middle of a
         * bytecode).
         */
        PyObject irq(Args a) {
            PyObject handler = a.object("handler");
            int trigger = (int) a.integer("trigger", IRQ_FALLING | IRQ_RISING);
            boolean hard = a.bool("hard", false);
            Set<Edge> newEdges = EnumSet.noneOf(Edge.class);
            if ((trigger & IRQ_RISING) != 0) {
                newEdges.add(Edge.RISING);
            }
            if ((trigger & IRQ_FALLING) != 0) {
                newEdges.add(Edge.FALLING);
            }
            EdgeListener newListener = null;
            if (handler != null && !newEdges.isEmpty()) {
                PyObject call = hard ? new PyBuiltinFunction("hard_irq", 1, 1, false,
                        (args, kw) -> state.env.withHeapLocked(() -> handler.call(args, null))) : handler;
                newListener = hard
                        ? (gpioPin, edge, timestampNanos) -> {
                            irqFlags = edge == Edge.RISING ? IRQ_RISING : IRQ_FALLING;
                            state.scheduleHard(call, this);
                        }
                        : (gpioPin, edge, timestampNanos) -> {
                            irqFlags = edge == Edge.RISING ? IRQ_RISING : IRQ_FALLING;
                            state.schedule(call, this);
                        };
            }
            EdgeListener installed = newListener;
            synchronized (this) {
                edges = installed == null ? Set.of() : Set.copyOf(newEdges);
                listener = installed;
                irqObject().trigger = trigger;
            }
            HalCalls.run(() -> lookUp().setEdgeListener(installed == null ? Set.of() : newEdges, installed));
            return irq;
        }

        synchronized PinIrq irqObject() {
            if (irq == null) {
                irq = new PinIrq(this);
                irq.trigger = 0;
                state.onClose(this::removeListener);
            }
            return irq;
        }

        int irqFlags() {
            return irqFlags;
        }

        private synchronized void removeListener() {
            listener = null;
            if (current != null) {
                current.setEdgeListener(Set.of(), null);
            }
        }

        @Override
        public String repr() {
            try {
                GpioPin pin = lookUp();
                StringBuilder s = new StringBuilder("Pin(").append(pin.name()).append(", mode=")
                        .append(switch (pin.mode()) {
                            case INPUT -> "IN";
                            case OUTPUT -> "OUT";
                            case OPEN_DRAIN -> "OPEN_DRAIN";
                        });
                if (pin.pull() != Pull.NONE) {
                    s.append(", pull=").append(pin.pull() == Pull.UP ? "PULL_UP" : "PULL_DOWN");
                }
                return s.append(')').toString();
            } catch (RuntimeException gone) {
                return "Pin(" + number + ")";
            }
        }
    }

    static PinMode modeOf(long mode) {
        return switch ((int) mode) {
            case IN -> PinMode.INPUT;
            case OUT -> PinMode.OUTPUT;
            case OPEN_DRAIN -> PinMode.OPEN_DRAIN;
            default -> throw Py.valueError("invalid pin mode: " + mode);
        };
    }

    static Pull pullOf(long pull) {
        return switch ((int) pull) {
            case 0 -> Pull.NONE;
            case PULL_UP -> Pull.UP;
            case PULL_DOWN -> Pull.DOWN;
            default -> throw Py.valueError("invalid pull value: " + pull);
        };
    }

    /** The object Pin.irq returns: the trigger it was set up with and the last event's flags. */
    static final class PinIrq extends PyObject {
        static final PyType TYPE = PyType.builtin("irq", PyType.OBJECT);

        static {
            TYPE.method("flags", 1, 1, a -> PyInt.of(((PinIrq) a[0]).pin.irqFlags()));
            TYPE.method("trigger", 1, 2, a -> {
                PinIrq irq = (PinIrq) a[0];
                if (a.length > 1) {
                    throw Py.valueError("use Pin.irq to change the trigger");
                }
                return PyInt.of(irq.trigger);
            });
        }

        private final Pin pin;
        private volatile int trigger;

        PinIrq(Pin pin) {
            this.pin = pin;
        }

        @Override
        public PyType type() {
            return TYPE;
        }
    }
}
