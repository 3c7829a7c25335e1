package dev.mica.modules.json;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.mica.obj.Py;
import dev.mica.obj.PyBool;
import dev.mica.obj.PyDict;
import dev.mica.obj.PyException;
import dev.mica.obj.PyFloat;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/**
 * Parses JSON text as MicroPython's json.loads does, including its leniency: commas and colons
 * count as blanks, any value may be a dict key, an unclosed outermost container ends with the
 * text, and a closing bracket closes whatever container is open.
 */
final class JsonReader {
    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    static PyObject parse(String text) {
        return new JsonReader(text).parse();
    }

    private static PyException syntaxError() {
        return Py.valueError("syntax error in JSON");
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private PyObject parse() {
        Deque<PyObject> open = new ArrayDeque<>();
        PyObject top = null;
        PyObject pendingKey = null;
        boolean done = false;
        while (!done && !atEnd()) {
            char c = text.charAt(pos++);
            PyObject value;
            boolean container = false;
            switch (c) {
                case ',', ':', ' ', '\t', '\n', '\r':
                    continue;
                case 'n':
                    value = literal("ull", PyNone.NONE);
                    break;
                case 'f':
                    value = literal("alse", PyBool.FALSE);
                    break;
                case 't':
                    value = literal("rue", PyBool.TRUE);
                    break;
                case '"':
                    value = string();
                    break;
                case '[':
                    value = new PyList();
                    container = true;
                    break;
                case '{':
                    value = new PyDict();
                    container = true;
                    break;
                case ']', '}':
                    if (top == null) {
                        throw syntaxError();
                    }
                    if (open.isEmpty()) {
                        done = true;
                    } else {
                        top = open.pop();
                        pendingKey = null;
                    }
                    continue;
                default:
                    if (c == '-' || c >= '0' && c <= '9') {
                        value = number();
                        break;
                    }
                    throw syntaxError();
            }
            if (top == null) {
                top = value;
                if (!container) {
                    break;
                }
                continue;
            }
            if (top instanceof PyList list) {
                list.append(value);
            } else if (pendingKey == null) {
                if (container) {
                    throw syntaxError();
                }
                pendingKey = value;
            } else {
                ((PyDict) top).setItem(pendingKey, value);
                pendingKey = null;
            }
            if (container) {
                open.push(top);
                top = value;
            }
        }
        while (!atEnd() && isSpace(text.charAt(pos))) {
            pos++;
        }
        if (!atEnd() || top == null || !open.isEmpty()) {
            throw syntaxError();
        }
        return top;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private PyObject literal(String rest, PyObject value) {
        if (!text.startsWith(rest, pos)) {
            throw syntaxError();
        }
        pos += rest.length();
        return value;
    }

    private PyObject string() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw syntaxError();
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return PyStr.of(sb.toString());
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (atEnd()) {
                throw syntaxError();
            }
            c = text.charAt(pos++);
            switch (c) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.appendCodePoint(unicodeEscape());
                default -> sb.append(c);
            }
        }
    }

    /**
     * Four characters taken as hex digits without checking them, as MicroPython does (a letter
     * past f still counts on from 10); only a result that is no code point at all is refused.
     */
    private int unicodeEscape() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            if (atEnd()) {
                throw syntaxError();
            }
            int digit = (text.charAt(pos++) | 0x20) - '0';
            if (digit > 9) {
                digit -= 'a' - ('9' + 1);
            }
            if (digit < 0) {
                throw syntaxError();
            }
            code = code << 4 | digit;
        }
        if (code > Character.MAX_CODE_POINT) {
            throw syntaxError();
        }
        return code;
    }

    private PyObject number() {
        int start = pos - 1;
        boolean isFloat = false;
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
            } else if (!(c == '-' || c == '+' || c >= '0' && c <= '9')) {
                break;
            }
            pos++;
        }
        PyObject digits = PyStr.of(text.substring(start, pos));
        return (isFloat ? PyFloat.TYPE : PyInt.TYPE).call(new PyObject[] {digits}, null);
    }
}
