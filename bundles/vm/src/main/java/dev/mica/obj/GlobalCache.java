package dev.mica.obj;

/**
 * Remembers where each name of one module's code was found by LOAD_GLOBAL: its entry in the
 * globals dict, or (absent there) its entry in the builtins dict. A remembered place is valid
 * while the dicts are the same and neither gained or lost an entry since; assigning a new value
 * to an existing name keeps it valid, and the value is read from the entry on every lookup.
 */
public final class GlobalCache {
    /** Where one name was found; immutable, so a lookup never sees half of an update. */
    private static final class Place {
        final ObjectTable globals;
        final int globalsLayout;
        /** The entry in globals, or -1 when the name is a builtin. */
        final int globalsEntry;
        final ObjectTable builtins;
        final int builtinsLayout;
        final int builtinsEntry;

        Place(ObjectTable globals, int globalsEntry, ObjectTable builtins, int builtinsEntry) {
            this.globals = globals;
            this.globalsLayout = globals.layout();
            this.globalsEntry = globalsEntry;
            this.builtins = builtins;
            this.builtinsLayout = builtins == null ? 0 : builtins.layout();
            this.builtinsEntry = builtinsEntry;
        }
    }

    private final Place[] places;

    /** A cache for {@code names} names (the module's name table). */
    public GlobalCache(int names) {
        places = new Place[names];
    }

    /** The value of global {@code name} (index {@code index}): from globals, else builtins; null when in neither. */
    public PyObject get(int index, PyStr name, PyDict globals, PyDict builtins) {
        Place p = places[index];
        if (p != null) {
            ObjectTable g = globals.map;
            if (p.globals == g && p.globalsLayout == g.layout()) {
                if (p.globalsEntry >= 0) {
                    return g.valueAt(p.globalsEntry);
                }
                ObjectTable b = builtins.map;
                if (p.builtins == b && p.builtinsLayout == b.layout()) {
                    return b.valueAt(p.builtinsEntry);
                }
            }
        }
        return find(index, name, globals, builtins);
    }

    private PyObject find(int index, PyStr name, PyDict globals, PyDict builtins) {
        int e = globals.map.entryOf(name);
        if (e >= 0) {
            places[index] = new Place(globals.map, e, null, -1);
            return globals.map.valueAt(e);
        }
        int b = builtins.map.entryOf(name);
        if (b >= 0) {
            places[index] = new Place(globals.map, -1, builtins.map, b);
            return builtins.map.valueAt(b);
        }
        return null;
    }

    /** STORE_GLOBAL of {@code name}: in place when its entry in globals is known, else as {@link PyDict#put}. */
    public void put(int index, PyStr name, PyDict globals, PyObject value) {
        Place p = places[index];
        ObjectTable g = globals.map;
        if (p != null && p.globals == g && p.globalsLayout == g.layout() && p.globalsEntry >= 0) {
            g.setValueAt(p.globalsEntry, value);
            return;
        }
        globals.put(name, value);
    }
}
