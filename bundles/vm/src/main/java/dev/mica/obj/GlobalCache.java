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
        /** The table the value is in (globals or builtins), its layout then, and the value's entry. */
        final ObjectTable table;
        final int tableLayout;
        final int entry;

        Place(ObjectTable globals, int globalsEntry, ObjectTable table, int entry) {
            this.globals = globals;
            this.globalsLayout = globals.layout();
            this.globalsEntry = globalsEntry;
            this.table = table;
            this.tableLayout = table.layout();
            this.entry = entry;
        }
    }

    private final Place[] places;

    /** A cache for {@code names} names (the module's name table). */
    public GlobalCache(int names) {
        places = new Place[names];
    }

    /** The value of global {@code name} (index {@code index}): from globals, else builtins; null when in neither. */
    public PyObject get(int index, PyStr name, PyDict globals, PyDict builtins) {
        PyObject v = cached(index, globals);
        return v != null ? v : find(index, name, globals, builtins);
    }

    /**
     * The value of global number {@code index} from where it was found last, or null when that
     * place is not known or no longer valid. Globals of one interpreter go with its builtins, so
     * the same globals dict means the same builtins dict.
     */
    public PyObject cached(int index, PyDict globals) {
        Place p = places[index];
        if (p != null) {
            ObjectTable g = globals.map;
            ObjectTable t = p.table;
            if (p.globals == g && p.globalsLayout == g.layout() && p.tableLayout == t.layout()) {
                return t.valueAt(p.entry);
            }
        }
        return null;
    }

    /** As {@link #get}, once {@link #cached} has not found it. */
    public PyObject find(int index, PyStr name, PyDict globals, PyDict builtins) {
        int e = globals.map.entryOf(name);
        if (e >= 0) {
            places[index] = new Place(globals.map, e, globals.map, e);
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
