package dev.mica.modules.btree;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.modules.Streams;
import dev.mica.obj.Errno;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;

/**
 * The {@code btree} module: a sorted key/value database kept on a stream (a file opened in
 * binary read/write mode, a BytesIO, or an io.IOBase subclass), as MicroPython's btree.
 */
@Component(service = ModuleProvider.class)
public final class BtreeModule implements ModuleProvider {
    /** Berkeley DB's open flag for duplicate keys, the only flag it accepts. */
    private static final long DUPLICATE_KEYS = 1;

    @Override
    public String name() {
        return "btree";
    }

    @Override
    public boolean extensible() {
        return false;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        Streams streams = new Streams(environment);
        FixedModule m = new FixedModule("btree");
        m.setAttr("open", new PyBuiltinFunction("open", 1, 1, true, (a, kw) -> {
            if (!streams.isStream(a[0])) {
                throw Streams.notSupported();
            }
            if (Py.positional(a, kw) != 1) {
                throw Py.typeError("function takes 1 positional arguments but " + Py.positional(a, kw) + " were given");
            }
            Py.checkKeywords(kw, "flags", "cachesize", "pagesize", "minkeypage");
            long flags = intKeyword(a, kw, "flags");
            long pageSize = intKeyword(a, kw, "pagesize");
            intKeyword(a, kw, "cachesize");
            intKeyword(a, kw, "minkeypage");
            if ((flags & ~DUPLICATE_KEYS) != 0 || pageSize != 0 && (pageSize < 512 || pageSize > 65536 || (pageSize & 1) != 0)) {
                throw Py.osError(Errno.EINVAL);
            }
            if (flags != 0) {
                throw Py.error(PyBaseException.NOT_IMPLEMENTED_ERROR, "duplicate keys");
            }
            return BtreeDatabase.open(streams, a[0], (int) pageSize);
        }));
        m.setAttr("INCL", PyInt.of(BtreeDatabase.END_INCLUSIVE));
        m.setAttr("DESC", PyInt.of(BtreeDatabase.DESCENDING));
        return m.seal();
    }

    private static long intKeyword(PyObject[] a, String[] kw, String name) {
        PyObject v = Py.keyword(a, kw, name);
        return v == null ? 0 : Ops.indexValue(v, "int");
    }
}
