package dev.mica.vm.modules;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyList;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * An instance of a type made by collections.namedtuple: a tuple whose items are also readable
 * as attributes. As in MicroPython, such types have no methods of their own (no _fields,
 * count or index), only the field names.
 */
final class NamedTuple extends PyTuple {
    private final PyType type;
    private final String[] fields;

    private NamedTuple(PyType type, String[] fields, PyObject[] items) {
        super(items);
        this.type = type;
        this.fields = fields;
    }

    /** collections.namedtuple(name, fields): fields as a list or tuple of names, or one string of names. */
    static PyType newType(PyObject name, PyObject fieldSpec) {
        PyObject[] specs;
        if (fieldSpec instanceof PyStr s) {
            specs = Ops.toArray(Ops.getAttr(s, "split").call(Py.NO_ARGS, null));
        } else if (fieldSpec instanceof PyTuple || fieldSpec instanceof PyList) {
            specs = Ops.toArray(fieldSpec);
        } else {
            throw Py.typeError("object '" + fieldSpec.type().name() + "' isn't a tuple or list");
        }
        String[] fields = new String[specs.length];
        for (int i = 0; i < specs.length; i++) {
            fields[i] = nameOf(specs[i]);
        }
        String typeName = nameOf(name);
        PyType t = PyType.builtin(typeName, PyTuple.TYPE);
        t.setConstructor((type, a, kw) -> construct(type, typeName, fields, a, kw));
        return t;
    }

    private static String nameOf(PyObject o) {
        if (!(o instanceof PyStr s)) {
            throw Py.typeError("can't convert " + o.type().name() + " to str");
        }
        return s.asName();
    }

    private static PyObject construct(PyType type, String typeName, String[] fields, PyObject[] args, String[] kwNames) {
        int nPos = Py.positional(args, kwNames);
        if (args.length != fields.length) {
            throw Py.typeError(typeName + "() takes " + fields.length + " positional arguments but " + args.length + " were given");
        }
        PyObject[] items = new PyObject[fields.length];
        System.arraycopy(args, 0, items, 0, nPos);
        for (int k = 0; kwNames != null && k < kwNames.length; k++) {
            int slot = indexOf(fields, kwNames[k]);
            if (slot < 0) {
                throw Py.typeError("unexpected keyword argument '" + kwNames[k] + "'");
            }
            if (items[slot] != null) {
                throw Py.typeError("function got multiple values for argument '" + kwNames[k] + "'");
            }
            items[slot] = args[nPos + k];
        }
        return new NamedTuple(type, fields, items);
    }

    private static int indexOf(String[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        StringBuilder sb = new StringBuilder(type.name()).append('(');
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields[i]).append('=').append(Ops.repr(items()[i]));
        }
        return sb.append(')').toString();
    }

    @Override
    public PyObject getAttr(String name) {
        int slot = indexOf(fields, name);
        if (slot >= 0) {
            return items()[slot];
        }
        return name == "__class__" ? type : null;
    }

    @Override
    public void setAttr(String name, PyObject value) {
        throw Py.attributeError("can't set attribute");
    }
}
