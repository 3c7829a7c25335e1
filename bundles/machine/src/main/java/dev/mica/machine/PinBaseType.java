package dev.mica.machine;

import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * {@code machine.PinBase}: the base of pins written in Python. A subclass defines
 * {@code value(v=None)}; Signal and the other users of the pin protocol call it.
 */
final class PinBaseType {
    private PinBaseType() {}

    static PyType create() {
        PyType type = PyType.builtin("PinBase", PyType.OBJECT);
        // the built-in part carries no state: arguments are for the subclass's __init__
        type.setConstructor((t, args, kwNames) -> new PinBase(type));
        type.setSubclassBase(() -> new PinBase(type));
        return type;
    }

    /** The built-in part of a PinBase instance. */
    static final class PinBase extends PyObject {
        private final PyType type;

        PinBase(PyType type) {
            this.type = type;
        }

        @Override
        public PyType type() {
            return type;
        }
    }
}
