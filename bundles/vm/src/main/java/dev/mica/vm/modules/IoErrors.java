package dev.mica.vm.modules;

import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;

/** The exceptions streams raise, with MicroPython's arguments. */
final class IoErrors {
    private IoErrors() {}

    /** OSError carrying only an errno, shown as "[Errno 2] ENOENT". */
    static PyException os(int errno) {
        return Py.osError(errno);
    }

    static PyException closed() {
        return Py.valueError("I/O operation on closed file");
    }

    static PyException badUtf8() {
        return new PyException(new PyBaseException(PyBaseException.UNICODE_ERROR, Py.NO_ARGS));
    }
}
