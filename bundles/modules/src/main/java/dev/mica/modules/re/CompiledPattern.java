package dev.mica.modules.re;

import java.io.ByteArrayOutputStream;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/** A compiled regular expression (MicroPython's type {@code re}): match, search, split and sub. */
final class CompiledPattern extends PyObject {
    static final PyType TYPE = PyType.builtin("re", PyType.OBJECT);

    static {
        TYPE.method("match", 2, 4, a -> self(a).match(a[1], true));
        TYPE.method("search", 2, 4, a -> self(a).match(a[1], false));
        TYPE.method("split", 2, 3, a -> self(a).split(a[1], a.length > 2 ? Ops.indexValue(a[2], "int") : 0));
        TYPE.method("sub", 3, 5, a -> self(a).sub(a[1], a[2], a.length > 3 ? Ops.indexValue(a[3], "int") : 0));
        TYPE.orderLocals("match", "search", "split", "sub");
    }

    final RegexProgram program;
    private final ModuleEnvironment environment;
    /** The built-in callable(), which tells a replacement function from a replacement string. */
    private final PyObject callable;

    CompiledPattern(RegexProgram program, ModuleEnvironment environment, PyObject callable) {
        this.program = program;
        this.environment = environment;
        this.callable = callable;
    }

    private static CompiledPattern self(PyObject[] a) {
        return (CompiledPattern) a[0];
    }

    /** match (anchored at the start) or search: a match object or None. */
    PyObject match(PyObject subject, boolean anchored) {
        byte[] data = Subject.bytesOf(subject);
        int[] caps = new RegexMatcher(program, data, environment).run(0, anchored);
        return caps == null ? PyNone.NONE : new MatchObject(subject, data, caps);
    }

    /**
     * Splits at each match; an empty match stops the splitting (MicroPython does not split on
     * those), and so does reaching {@code maxSplit} splits when it is positive.
     */
    PyObject split(PyObject subject, long maxSplit) {
        byte[] data = Subject.bytesOf(subject);
        boolean asStr = subject instanceof PyStr;
        RegexMatcher matcher = new RegexMatcher(program, data, environment);
        PyList parts = new PyList();
        int from = 0;
        while (true) {
            int[] caps = matcher.run(from, false);
            if (caps == null || caps[0] == caps[1]) {
                break;
            }
            parts.append(Subject.piece(asStr, data, from, caps[0]));
            if (program.groups > 0) {
                throw Py.error(PyBaseException.NOT_IMPLEMENTED_ERROR, "splitting with sub-captures");
            }
            from = caps[1];
            if (maxSplit > 0 && --maxSplit == 0) {
                break;
            }
        }
        parts.append(Subject.piece(asStr, data, from, data.length));
        return parts;
    }

    /**
     * Replaces each match (up to {@code count} when positive; an empty match stops) with the
     * replacement, or with what the replacement gives when called with the match object. In
     * the replacement, \n and \g<n> insert group n and \\ a backslash; any other escaped
     * character stands for itself. Without any match the subject itself is returned.
     */
    PyObject sub(PyObject replacement, PyObject subject, long count) {
        byte[] data = Subject.bytesOf(subject);
        RegexMatcher matcher = new RegexMatcher(program, data, environment);
        ByteArrayOutputStream out = null;
        int from = 0;
        while (true) {
            int[] caps = matcher.run(from, false);
            if (caps == null || caps[0] == caps[1]) {
                break;
            }
            if (out == null) {
                out = new ByteArrayOutputStream();
            }
            out.write(data, from, caps[0] - from);
            MatchObject match = new MatchObject(subject, data, caps);
            PyObject text = isCallable(replacement) ? replacement.call(new PyObject[] {match}, null) : replacement;
            expand(Subject.bytesOf(text), match, data, out);
            from = caps[1];
            if (count > 0 && --count == 0) {
                break;
            }
        }
        if (out == null) {
            return subject;
        }
        out.write(data, from, data.length - from);
        byte[] result = out.toByteArray();
        return Subject.piece(subject.type() == PyStr.TYPE, result, 0, result.length);
    }

    private boolean isCallable(PyObject o) {
        return callable.call(new PyObject[] {o}, null).isTrue();
    }

    private static void expand(byte[] template, MatchObject match, byte[] data, ByteArrayOutputStream out) {
        int i = 0;
        int n = template.length;
        while (i < n && template[i] != 0) {
            if (template[i] != '\\') {
                out.write(template[i++]);
                continue;
            }
            i++;
            boolean angled = false;
            if (i + 1 < n && template[i] == 'g' && template[i + 1] == '<') {
                i += 2;
                angled = true;
            }
            if (i < n && template[i] >= '0' && template[i] <= '9') {
                int group = 0;
                do {
                    group = group * 10 + (template[i++] - '0'); // wraps as MicroPython's unsigned int
                } while (i < n && template[i] >= '0' && template[i] <= '9');
                if (angled && i < n && template[i] == '>') {
                    i++;
                }
                if (Integer.compareUnsigned(group, match.groupCount()) >= 0) {
                    throw new PyException(new PyBaseException(PyBaseException.INDEX_ERROR,
                            new PyObject[] {PyInt.of(Integer.toUnsignedLong(group))}));
                }
                if (match.start(group) >= 0) {
                    out.write(data, match.start(group), match.end(group) - match.start(group));
                }
            } else if (i < n && template[i] == '\\') {
                out.write(template[i++]);
            }
        }
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<re " + Long.toHexString(Py.id(this)) + ">";
    }
}
