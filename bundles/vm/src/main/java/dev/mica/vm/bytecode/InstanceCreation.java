package dev.mica.vm.bytecode;

import dev.mica.obj.PyInstance;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * A call of a program's class with a few positional arguments, the common way objects are
 * made: when the class needs nothing but a fresh instance and its {@code __init__} (see
 * {@link PyType#plainInit}), the instance is made here and handed to {@code __init__} as self
 * with the arguments, without the argument arrays of {@link PyType#call}. Same order of
 * events, results and errors as that general way.
 */
final class InstanceCreation {
    private InstanceCreation() {}

    /** The new instance; null when the call must go the general way. */
    static PyObject construct(PyType type, int n, PyObject a, PyObject b, PyObject c) {
        PyObject plainInit = type.plainInit();
        if (plainInit == PyNone.NONE) {
            return new PyInstance(type);
        }
        if (!(plainInit instanceof PyFunction init) || !init.simpleCall(n + 1)) {
            return null;
        }
        PyInstance self = new PyInstance(type);
        PyObject r = switch (n) {
            case 0 -> init.callArgs(1, self, null, null);
            case 1 -> init.callArgs(2, self, a, null);
            case 2 -> init.callArgs(3, self, a, b);
            default -> init.callFromStack(new PyObject[] {a, b, c}, 0, 3, self);
        };
        return checkedInit(r, self);
    }

    /** As {@link #construct(PyType, int, PyObject, PyObject, PyObject)}, for positional arguments in an array. */
    static PyObject construct(PyType type, PyObject[] args) {
        PyObject plainInit = type.plainInit();
        if (plainInit == PyNone.NONE) {
            return new PyInstance(type);
        }
        if (!(plainInit instanceof PyFunction init) || !init.simpleCall(args.length + 1)) {
            return null;
        }
        PyInstance self = new PyInstance(type);
        return checkedInit(init.callFromStack(args, 0, args.length, self), self);
    }

    private static PyObject checkedInit(PyObject initResult, PyInstance self) {
        PyType.checkInitResult(initResult);
        return self;
    }
}
