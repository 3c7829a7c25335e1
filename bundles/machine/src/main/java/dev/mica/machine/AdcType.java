package dev.mica.machine;

import dev.mica.hal.AdcChannel;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.ADC}: {@code ADC(Pin(26))} takes the channel attached to that pin,
 * {@code ADC(n)} channel n if there is one, else the channel on pin n (as the rp2 port does).
 */
final class AdcType {
    private AdcType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("ADC", PyType.OBJECT);
        type.setConstructor((t, args, kw) -> {
            Args a = Args.parse(args, kw, 0, 1, "id", "atten");
            PyObject id = Args.required(a, "id");
            Adc adc;
            if (id instanceof PinType.Pin pin) {
                adc = new Adc(state, type, null, pin.number);
            } else {
                long n = Args.intOf(id);
                adc = state.hal.hasAdcChannel(String.valueOf(n)) ? new Adc(state, type, String.valueOf(n), -1)
                        : new Adc(state, type, null, (int) n);
            }
            HalCalls.call(adc::channel); // no channel there: OSError(ENODEV) at once
            return adc;
        });
        type.method("read_u16", 1, 1, a -> PyInt.of(HalCalls.call(() -> ((Adc) a[0]).channel().readU16())));
        type.method("read_uv", 1, 1, a -> PyInt.of(HalCalls.call(() -> {
            AdcChannel c = ((Adc) a[0]).channel();
            return Math.round(c.readU16() * c.referenceVolts() * 1_000_000 / 65535);
        })));
        return type;
    }

    /** An ADC object: a channel id or the pin the channel sits on. */
    static final class Adc extends PyObject {
        private final MachineState state;
        private final PyType type;
        private final String channel;
        private final int pin;

        Adc(MachineState state, PyType type, String channel, int pin) {
            this.state = state;
            this.type = type;
            this.channel = channel;
            this.pin = pin;
        }

        @Override
        public PyType type() {
            return type;
        }

        AdcChannel channel() {
            return channel != null ? state.hal.adcChannel(channel) : state.hal.adcOnPin(pin);
        }

        @Override
        public String repr() {
            return channel != null ? "ADC(" + channel + ")" : "ADC(Pin(" + pin + "))";
        }
    }
}
