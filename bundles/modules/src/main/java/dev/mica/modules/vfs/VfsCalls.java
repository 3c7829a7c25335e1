package dev.mica.modules.vfs;

import java.nio.charset.StandardCharsets;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;

/** Small helpers shared by the file systems: method calls, path arguments, errno values. */
final class VfsCalls {
    private VfsCalls() {}

    /** Linux error numbers that the VM's Errno table does not name. */
    static final int ENOTDIR = 20;
    static final int EFBIG = 27;
    static final int ENOSPC = 28;
    static final int EROFS = 30;
    static final int ENOTEMPTY = 39;

    /** st_mode bits of a folder and of a regular file. */
    static final int S_IFDIR = 0x4000;
    static final int S_IFREG = 0x8000;

    /** Calls {@code obj.name(args...)} as Python code would. */
    static PyObject callMethod(PyObject obj, String name, PyObject... args) {
        return Ops.getAttr(obj, name).call(args, null);
    }

    /** The text of a str or bytes path argument. */
    static String pathText(PyObject path) {
        if (path instanceof PyStr s) {
            return s.value();
        }
        if (path instanceof PyBytes b) {
            return new String(b.bytes(), StandardCharsets.UTF_8);
        }
        throw Py.typeError("can't convert '" + path.type().name() + "' object to str implicitly");
    }

    /** A path of the same type (str or bytes) as {@code like}. */
    static PyObject sameKind(PyObject like, String text) {
        return like instanceof PyBytes ? new PyBytes(text.getBytes(StandardCharsets.UTF_8)) : PyStr.of(text);
    }

    static PyTuple tuple(long... values) {
        PyObject[] items = new PyObject[values.length];
        for (int i = 0; i < values.length; i++) {
            items[i] = PyInt.of(values[i]);
        }
        return new PyTuple(items);
    }
}
