package dev.mica.obj;

import java.util.Set;


/**
 * A built-in module: once made, its attributes cannot be assigned or deleted, as MicroPython's
 * modules in ROM, except the few it names as writable (sys.path, sys.ps1, sys.ps2).
 */
public final class FixedModule extends PyModule {
    private Set<String> writable;

    /** A built-in module lives in ROM in MicroPython: only what it refers to counts. */
    @Override
    public long heapBytes() {
        return 0;
    }

    public FixedModule(String name) {
        super(name);
    }

    /** Ends set-up: from now on only the named attributes can change. */
    public FixedModule seal(String... writableNames) {
        writable = Set.of(writableNames);
        return this;
    }

    @Override
    public void setAttr(String attr, PyObject value) {
        if (writable != null && !writable.contains(attr)) {
            throw Py.attributeError("'module' object has no attribute '" + attr + "'");
        }
        super.setAttr(attr, value);
    }
}
