package dev.mica.modules.json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;

/**
 * Writes a value as MicroPython's json.dumps does: lists and tuples as arrays, dicts as objects
 * (a key that is not a string is written in quotes), str and bytes as strings, and any other
 * object as its repr.
 */
final class JsonWriter {
    /** Deeper nesting is refused as MicroPython's C stack would refuse it. */
    private static final int MAX_DEPTH = 2000;

    private final String itemSeparator;
    private final String keySeparator;
    private final StringBuilder out = new StringBuilder();
    private int depth;

    JsonWriter(String itemSeparator, String keySeparator) {
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
    }

    String write(PyObject value) {
        value(value);
        return out.toString();
    }

    private void value(PyObject v) {
        if (v instanceof PyInstance i && i.base() != null) {
            v = i.base();
        }
        if (v == PyNone.NONE) {
            out.append("null");
        } else if (v instanceof PyBool) {
            out.append(v.isTrue() ? "true" : "false");
        } else if (v instanceof PyStr s) {
            string(s.value());
        } else if (v instanceof PyBytes b) {
            string(new String(b.bytes(), StandardCharsets.UTF_8));
        } else if (v instanceof PyList l) {
            array(l.toArray());
        } else if (v instanceof PyTuple t) {
            array(t.items());
        } else if (v instanceof PyDict d) {
            object(d);
        } else {
            out.append(Ops.repr(v));
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw Py.runtimeError("maximum recursion depth exceeded");
        }
    }

    private void array(PyObject[] items) {
        enter();
        out.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.append(itemSeparator);
            }
            value(items[i]);
        }
        out.append(']');
        depth--;
    }

    private void object(PyDict d) {
        enter();
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<PyObject, PyObject>> it = d.entries(); it.hasNext();) {
            Map.Entry<PyObject, PyObject> e = it.next();
            if (!first) {
                out.append(itemSeparator);
            }
            first = false;
            PyObject key = e.getKey();
            boolean quoted = !(key instanceof PyStr || key instanceof PyBytes);
            if (quoted) {
                out.append('"');
            }
            value(key);
            if (quoted) {
                out.append('"');
            }
            out.append(keySeparator);
            value(e.getValue());
        }
        out.append('}');
        depth--;
    }

    /** Quotes and backslashes escaped, control characters as \n, \r, \t or a \\u escape; the rest as is. */
    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 32) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append('"');
    }
}
