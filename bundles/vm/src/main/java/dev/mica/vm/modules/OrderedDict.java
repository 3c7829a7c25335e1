package dev.mica.vm.modules;

import java.util.Iterator;
import java.util.Map;

import dev.mica.obj.Py;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * collections.OrderedDict: a dict whose equality with another OrderedDict also compares the
 * order of the keys, shown as {@code OrderedDict({...})}.
 */
final class OrderedDict extends PyDict {
    static final PyType TYPE = PyType.builtin("OrderedDict", PyDict.TYPE);

    static {
        TYPE.setConstructor((type, a, kw) -> {
            int n = Py.positional(a, kw);
            if (n > 1) {
                throw Py.typeError("function expected at most 1 arguments, got " + n);
            }
            OrderedDict d = new OrderedDict();
            if (n == 1) {
                d.update(a[0]);
            }
            for (int i = 0; kw != null && i < kw.length; i++) {
                d.putStr(kw[i], a[n + i]);
            }
            return d;
        });
        TYPE.method("copy", 1, 1, a -> {
            OrderedDict d = new OrderedDict();
            d.map().putAll(((PyDict) a[0]).map());
            return d;
        });
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "OrderedDict(" + super.repr() + ")";
    }

    @Override
    protected boolean keepsOrder() {
        return true;
    }

    @Override
    public boolean pyEquals(PyObject other) {
        if (!(other instanceof OrderedDict o)) {
            return false;
        }
        if (o.len() != len()) {
            return false;
        }
        Iterator<Map.Entry<PyObject, PyObject>> mine = entries();
        Iterator<Map.Entry<PyObject, PyObject>> theirs = o.entries();
        while (mine.hasNext()) {
            Map.Entry<PyObject, PyObject> a = mine.next();
            Map.Entry<PyObject, PyObject> b = theirs.next();
            if (!dev.mica.obj.Ops.eq(a.getKey(), b.getKey()) || !dev.mica.obj.Ops.eq(a.getValue(), b.getValue())) {
                return false;
            }
        }
        return true;
    }
}
