package dev.mica.obj;

/**
 * Where a key was found in one dict: its entry, valid while the dict neither gained nor lost
 * an entry since (a new value for the key keeps it valid, and the value is read from the entry
 * each time). Immutable, so a reader never sees half of an update. Used to remember module
 * attributes ({@code math.sqrt}) at the instruction that reads them.
 */
public final class DictEntryCache {
    private final ObjectTable table;
    private final int layout;
    private final int entry;

    private DictEntryCache(ObjectTable table, int entry) {
        this.table = table;
        this.layout = table.layout();
        this.entry = entry;
    }

    /** The place of {@code key} in {@code dict}, or null when the dict does not hold it. */
    public static DictEntryCache find(PyDict dict, PyObject key) {
        int e = dict.map.entryOf(key);
        return e < 0 ? null : new DictEntryCache(dict.map, e);
    }

    /** The value at this place when it is {@code dict}'s and still current; else null. */
    public PyObject valueIn(PyDict dict) {
        ObjectTable t = dict.map;
        return t == table && t.layout() == layout ? t.valueAt(entry) : null;
    }
}
