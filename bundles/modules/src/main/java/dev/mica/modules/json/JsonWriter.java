package dev.mica.modules.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * object as its repr. The text is UTF-8 bytes cut into the pieces MicroPython's printer hands
 * to a stream one write at a time (a Python stream sees as many write calls).
 */
final class JsonWriter {
    /** Deeper nesting is refused as MicroPython's C stack would refuse it. */
    private static final int MAX_DEPTH = 2000;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final String itemSeparator;
    private final String keySeparator;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int[] pieceEnds = new int[64];
    private int pieces;
    private int depth;

    JsonWriter(String itemSeparator, String keySeparator) {
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
    }

    /** The whole text as UTF-8. */
    byte[] write(PyObject value) {
        value(value);
        return out.toByteArray();
    }

    /** Where each piece of the last written text ends. */
    int[] pieceEnds() {
        return Arrays.copyOf(pieceEnds, pieces);
    }

    private void piece(byte[] bytes, int from, int to) {
        if (to <= from) {
            return;
        }
        out.write(bytes, from, to - from);
        if (pieces == pieceEnds.length) {
            pieceEnds = Arrays.copyOf(pieceEnds, pieces * 2);
        }
        pieceEnds[pieces++] = out.size();
    }

    private void piece(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        piece(b, 0, b.length);
    }

    private void value(PyObject v) {
        if (v instanceof PyInstance i && i.base() != null) {
            v = i.base();
        }
        if (v == PyNone.NONE) {
            piece("null");
        } else if (v instanceof PyBool) {
            piece(v.isTrue() ? "true" : "false");
        } else if (v instanceof PyStr s) {
            string(s.value().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof PyBytes b) {
            string(b.bytes());
        } else if (v instanceof PyList l) {
            array(l.toArray());
        } else if (v instanceof PyTuple t) {
            array(t.items());
        } else if (v instanceof PyDict d) {
            object(d);
        } else {
            piece(Ops.repr(v));
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw Py.runtimeError("maximum recursion depth exceeded");
        }
    }

    private void array(PyObject[] items) {
        enter();
        piece("[");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                piece(itemSeparator);
            }
            value(items[i]);
        }
        piece("]");
        depth--;
    }

    private void object(PyDict d) {
        enter();
        piece("{");
        boolean first = true;
        for (Iterator<Map.Entry<PyObject, PyObject>> it = d.entries(); it.hasNext();) {
            Map.Entry<PyObject, PyObject> e = it.next();
            if (!first) {
                piece(itemSeparator);
            }
            first = false;
            PyObject key = e.getKey();
            boolean quoted = !(key instanceof PyStr || key instanceof PyBytes);
            if (quoted) {
                piece("\"");
            }
            value(key);
            if (quoted) {
                piece("\"");
            }
            piece(keySeparator);
            value(e.getValue());
        }
        piece("}");
        depth--;
    }

    /**
     * Quotes and backslashes escaped, control characters as \n, \r, \t or a \\u escape, all
     * other bytes as they are, one byte per piece as MicroPython prints them.
     */
    private void string(byte[] s) {
        piece("\"");
        for (int i = 0; i < s.length; i++) {
            int c = s[i] & 0xff;
            if (c == '"' || c == '\\') {
                piece("\\");
                piece(s, i, i + 1);
            } else if (c >= 32) {
                piece(s, i, i + 1);
            } else if (c == '\n') {
                piece("\\n");
            } else if (c == '\r') {
                piece("\\r");
            } else if (c == '\t') {
                piece("\\t");
            } else {
                // printed as "\\u", then the zero padding, then the hex digits
                piece("\\u");
                piece(c < 16 ? "000" : "00");
                piece(c < 16 ? new byte[] {HEX[c]} : new byte[] {HEX[c >> 4], HEX[c & 15]}, 0, c < 16 ? 1 : 2);
            }
        }
        piece("\"");
    }
}
