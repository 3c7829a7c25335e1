package dev.mica.vm.modules;

import dev.mica.vm.obj.Py;
import dev.mica.vm.obj.PyBaseException;
import dev.mica.vm.obj.PyException;
import dev.mica.vm.obj.PyInt;
import dev.mica.vm.obj.PyObject;

/** The exceptions streams raise, with MicroPython's arguments. */
final class IoErrors {
    private IoErrors() {}

    /** OSError carrying only an errno, shown as "[Errno 2] ENOENT". */
    static PyException os(int errno) {
        return new PyException(new PyBaseException(PyBaseException.OS_ERROR, new PyObject[] {PyInt.of(errno)}));
    }

    static PyException closed() {
        return Py.valueError("I/O operation on closed file");
    }

    static PyException badUtf8() {
        return new PyException(new PyBaseException(PyBaseException.UNICODE_ERROR, Py.NO_ARGS));
    }
}
