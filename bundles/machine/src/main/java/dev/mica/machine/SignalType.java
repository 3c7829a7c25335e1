package dev.mica.machine;

import java.util.ArrayList;
import java.util.List;

import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.Signal}: a pin seen through an optional inversion, so that "on" means active
 * whatever the wiring. {@code Signal(pin, invert=False)} wraps any pin-like object; on a board,
 * {@code Signal(5, Pin.OUT, invert=True)} makes the Pin itself from the other arguments.
 */
final class SignalType {
    private SignalType() {}

    static PyType create(MachineState state) {
        PyType type = PyType.builtin("Signal", PyType.OBJECT);
        type.setConstructor((t, args, kwNames) -> construct(state, type, args, kwNames));
        type.method("value", 1, 2, a -> signal(a[0]).call(java.util.Arrays.copyOfRange(a, 1, a.length), null));
        type.method("on", 1, 1, a -> {
            signal(a[0]).write(1);
            return PyNone.NONE;
        });
        type.method("off", 1, 1, a -> {
            signal(a[0]).write(0);
            return PyNone.NONE;
        });
        return type;
    }

    private static Signal signal(PyObject o) {
        return (Signal) o;
    }

    private static PyObject construct(MachineState state, PyType type, PyObject[] args, String[] kwNames) {
        int nPos = Py.positional(args, kwNames);
        if (nPos > 0 && !VirtualPins.isPin(args[0]) && state.hasHardware()) {
            // the Pin is made from the arguments, without invert, and with value= inverted
            boolean invert = false;
            List<PyObject> pinArgs = new ArrayList<>(List.of(args).subList(0, nPos));
            List<String> pinKw = new ArrayList<>();
            List<PyObject> pinKwValues = new ArrayList<>();
            for (int k = 0; kwNames != null && k < kwNames.length; k++) {
                if (kwNames[k].equals("invert")) {
                    invert = args[nPos + k].isTrue();
                } else {
                    pinKw.add(kwNames[k]);
                    pinKwValues.add(args[nPos + k]);
                }
            }
            int valueAt = pinKw.indexOf("value");
            if (invert && valueAt >= 0) {
                pinKwValues.set(valueAt, PyInt.of(pinKwValues.get(valueAt).isTrue() ? 0 : 1));
            }
            pinArgs.addAll(pinKwValues);
            PyObject pin = state.pinType.call(pinArgs.toArray(new PyObject[0]), pinKw.isEmpty() ? null : pinKw.toArray(new String[0]));
            return new Signal(type, pin, invert);
        }
        if (nPos != 1) {
            throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
        }
        boolean invert = false;
        if (kwNames != null) {
            if (kwNames.length != 1 || !kwNames[0].equals("invert")) {
                throw new PyException(new PyBaseException(PyBaseException.TYPE_ERROR, Py.NO_ARGS));
            }
            invert = args[1].isTrue();
        }
        return new Signal(type, args[0], invert);
    }

    /** A Signal object. */
    static final class Signal extends PyObject {
        private final PyType type;
        private final PyObject pin;
        private final boolean invert;

        Signal(PyType type, PyObject pin, boolean invert) {
            this.type = type;
            this.pin = pin;
            this.invert = invert;
        }

        @Override
        public PyType type() {
            return type;
        }

        long read() {
            return VirtualPins.read(pin) ^ (invert ? 1 : 0);
        }

        void write(long level) {
            VirtualPins.write(pin, level ^ (invert ? 1 : 0));
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
                return PyInt.of(read());
            }
            write(args[0].isTrue() ? 1 : 0);
            return PyNone.NONE;
        }
    }

}
