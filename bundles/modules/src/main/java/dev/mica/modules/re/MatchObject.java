package dev.mica.modules.re;

import dev.mica.obj.Ops;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/** The result of a successful match: the subject and the boundaries of each group. */
final class MatchObject extends PyObject {
    static final PyType TYPE = PyType.builtin("match", PyType.OBJECT);

    static {
        TYPE.method("group", 2, 2, a -> self(a).group(a[1]));
        TYPE.method("groups", 1, 1, a -> self(a).groups());
        TYPE.method("span", 1, 2, a -> self(a).span(a));
        TYPE.method("start", 1, 2, a -> self(a).span(a).items()[0]);
        TYPE.method("end", 1, 2, a -> self(a).span(a).items()[1]);
        TYPE.orderLocals("group", "groups", "span", "start", "end");
    }

    private final PyObject subject;
    private final byte[] data;
    private final int[] caps;

    MatchObject(PyObject subject, byte[] data, int[] caps) {
        this.subject = subject;
        this.data = data;
        this.caps = caps;
    }

    private static MatchObject self(PyObject[] a) {
        return (MatchObject) a[0];
    }

    int groupCount() {
        return caps.length / 2;
    }

    /** Start and end of group {@code n} in the subject's bytes; -1 for a group that took no part. */
    int start(int n) {
        return caps[2 * n];
    }

    int end(int n) {
        return caps[2 * n + 1];
    }

    private int groupIndex(PyObject n) {
        long i = Ops.indexValue(n, "int");
        if (i < 0 || i >= groupCount()) {
            throw new PyException(new PyBaseException(PyBaseException.INDEX_ERROR, new PyObject[] {n}));
        }
        return (int) i;
    }

    PyObject group(int n) {
        if (start(n) < 0) {
            return PyNone.NONE;
        }
        return Subject.piece(subject instanceof PyStr, data, start(n), end(n));
    }

    private PyObject group(PyObject n) {
        return group(groupIndex(n));
    }

    private PyObject groups() {
        PyObject[] items = new PyObject[groupCount() - 1];
        for (int i = 1; i < groupCount(); i++) {
            items[i - 1] = group(i);
        }
        return new PyTuple(items);
    }

    /** (start, end) of a group, counted in characters for a str subject. */
    private PyTuple span(PyObject[] a) {
        int n = a.length > 1 ? groupIndex(a[1]) : 0;
        return new PyTuple(PyInt.of(position(start(n))), PyInt.of(position(end(n))));
    }

    private long position(int byteOffset) {
        if (byteOffset < 0 || !(subject instanceof PyStr)) {
            return byteOffset;
        }
        long chars = 0;
        for (int i = 0; i < byteOffset; i++) {
            if ((data[i] & 0xc0) != 0x80) {
                chars++;
            }
        }
        return chars;
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<match num=" + groupCount() + ">";
    }
}
