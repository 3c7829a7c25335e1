package dev.mica.machine;

import dev.mica.hal.PwmChannel;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.PWM} on the bound PWM channel attached to a pin: {@code PWM(Pin(5), freq=1000,
 * duty_u16=32768)}. The channel is looked up by pin number on each use; a replacement
 * driver's channel gets the frequency and duty this object set.
 */
final class PwmType {
    private static final long DUTY_MAX = 65535;

    private PwmType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("PWM", PyType.OBJECT);
        type.setConstructor((t, args, kw) -> {
            Args a = Args.parse(args, kw, 0, 1, "dest", "freq", "duty_u16", "duty_ns", "invert");
            PyObject dest = Args.required(a, "dest");
            int pin = dest instanceof PinType.Pin p ? p.number : (int) Args.intOf(dest);
            Pwm pwm = new Pwm(state, type, pin);
            HalCalls.call(pwm::channel); // a pin without PWM raises at once
            pwm.init(a);
            return pwm;
        });
        type.methodKw("init", 1, PyBuiltinFunction.VARIADIC, (a, kw) -> {
            ((Pwm) a[0]).init(Args.parse(a, kw, 1, 0, "freq", "duty_u16", "duty_ns", "invert"));
            return PyNone.NONE;
        });
        type.method("deinit", 1, 1, a -> {
            Pwm pwm = (Pwm) a[0];
            HalCalls.run(() -> pwm.channel().setEnabled(false));
            return PyNone.NONE;
        });
        type.method("freq", 1, 2, a -> {
            Pwm pwm = (Pwm) a[0];
            if (a.length == 1) {
                return PyInt.of(HalCalls.call(() -> pwm.channel().frequency()));
            }
            pwm.setFrequency(Args.intOf(a[1]));
            return PyNone.NONE;
        });
        type.method("duty_u16", 1, 2, a -> {
            Pwm pwm = (Pwm) a[0];
            if (a.length == 1) {
                return PyInt.of(HalCalls.call(() -> pwm.channel().dutyU16()));
            }
            pwm.setDutyU16(Args.intOf(a[1]));
            return PyNone.NONE;
        });
        type.method("duty_ns", 1, 2, a -> {
            Pwm pwm = (Pwm) a[0];
            if (a.length == 1) {
                return PyInt.of(HalCalls.call(() -> pwm.channel().dutyNs()));
            }
            pwm.setDutyNs(Args.intOf(a[1]));
            return PyNone.NONE;
        });
        return type;
    }

    /** A PWM object. */
    static final class Pwm extends PyObject {
        private final MachineState state;
        private final PyType type;
        private final int pin;

        Pwm(MachineState state, PyType type, int pin) {
            this.state = state;
            this.type = type;
            this.pin = pin;
        }

        @Override
        public PyType type() {
            return type;
        }

        /** What this object set, applied again to a replacement driver's channel. */
        private Integer frequency;
        private Integer dutyU16;
        private Long dutyNs;
        private PwmChannel configured;

        synchronized PwmChannel channel() {
            PwmChannel channel = state.hal.pwmOnPin(pin);
            if (channel != configured) {
                configured = channel;
                if (frequency != null) {
                    channel.setFrequency(frequency);
                }
                if (dutyNs != null) {
                    channel.setDutyNs(dutyNs);
                } else if (dutyU16 != null) {
                    channel.setDutyU16(dutyU16);
                }
            }
            return channel;
        }

        void init(Args a) {
            if (a.has("freq")) {
                setFrequency(Args.intOf(a.get("freq")));
            }
            if (a.has("duty_u16")) {
                setDutyU16(Args.intOf(a.get("duty_u16")));
            }
            if (a.has("duty_ns")) {
                setDutyNs(Args.intOf(a.get("duty_ns")));
            }
        }

        void setFrequency(long hz) {
            if (hz <= 0 || hz > Integer.MAX_VALUE) {
                throw Args.valueError("freq out of range");
            }
            synchronized (this) {
                frequency = (int) hz;
            }
            HalCalls.run(() -> channel().setFrequency((int) hz));
        }

        void setDutyU16(long duty) {
            long clamped = Math.max(0, Math.min(DUTY_MAX, duty));
            synchronized (this) {
                dutyU16 = (int) clamped;
                dutyNs = null;
            }
            HalCalls.run(() -> channel().setDutyU16((int) clamped));
        }

        void setDutyNs(long nanos) {
            synchronized (this) {
                dutyNs = Math.max(0, nanos);
                dutyU16 = null;
            }
            HalCalls.run(() -> channel().setDutyNs(Math.max(0, nanos)));
        }

        @Override
        public String repr() {
            try {
                PwmChannel c = channel();
                return "PWM(pin=" + pin + ", freq=" + c.frequency() + ", duty_u16=" + c.dutyU16() + ")";
            } catch (RuntimeException gone) {
                return "PWM(pin=" + pin + ")";
            }
        }
    }
}
