package dev.mica.machine;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyObject;

/**
 * MicroPython's pin protocol: reading and writing anything that acts as a pin, namely a
 * {@code machine.Pin}, a {@code Signal}, or an instance of a class derived from
 * {@code PinBase} (whose {@code value()} method is called). Signal, time_pulse_us, bitstream,
 * SoftI2C and SoftSPI work on any of them.
 */
final class VirtualPins {
    private VirtualPins() {}

    static boolean isPin(PyObject o) {
        PyObject core = core(o);
        return core instanceof PinType.Pin || core instanceof SignalType.Signal || core instanceof PinBaseType.PinBase;
    }

    /** The pin's level as the protocol reports it (a PinBase's value() may give any int). */
    static long read(PyObject o) {
        PyObject core = core(o);
        if (core instanceof PinType.Pin pin) {
            return pin.read() ? 1 : 0;
        }
        if (core instanceof SignalType.Signal signal) {
            return signal.read();
        }
        if (core instanceof PinBaseType.PinBase) {
            return Args.intOf(Ops.getAttr(o, "value").call(Py.NO_ARGS, null));
        }
        throw notAPin();
    }

    static void write(PyObject o, long level) {
        PyObject core = core(o);
        if (core instanceof PinType.Pin pin) {
            pin.write(level != 0);
        } else if (core instanceof SignalType.Signal signal) {
            signal.write(level);
        } else if (core instanceof PinBaseType.PinBase) {
            Ops.getAttr(o, "value").call(new PyObject[] {level == 0 ? PyBool.FALSE : PyBool.TRUE}, null);
        } else {
            throw notAPin();
        }
    }

    /**
     * Prepares a pin for a bit-banged bus: a machine.Pin becomes an input, an output or an
     * open-drain line with pull-up; other pin-like objects are left as they are.
     */
    static void prepare(PyObject o, dev.mica.hal.PinMode mode) {
        if (core(o) instanceof PinType.Pin pin) {
            pin.configure(mode, mode == dev.mica.hal.PinMode.OPEN_DRAIN ? dev.mica.hal.Pull.UP : dev.mica.hal.Pull.NONE);
        }
    }

    /** The built-in object behind an instance of a Python subclass. */
    private static PyObject core(PyObject o) {
        return o instanceof PyInstance i && i.base() != null ? i.base() : o;
    }

    private static RuntimeException notAPin() {
        return Py.typeError("expecting a Pin");
    }
}
