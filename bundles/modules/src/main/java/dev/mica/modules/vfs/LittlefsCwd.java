package dev.mica.modules.vfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.mica.obj.Py;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/**
 * The current directory of a littlefs file system, kept as MicroPython's binding keeps it:
 * "/" or "/a/b/", to which relative paths are joined before littlefs sees them.
 */
public final class LittlefsCwd {
    private byte[] path = {'/'};

    /** A str or bytes argument as the C string littlefs gets: UTF-8, up to the first NUL. */
    public static byte[] text(PyObject arg) {
        byte[] b;
        if (arg instanceof PyStr s) {
            b = s.value().getBytes(StandardCharsets.UTF_8);
        } else if (arg instanceof PyBytes bytes) {
            b = bytes.bytes();
        } else {
            throw Py.typeError("can't convert '" + arg.type().name() + "' object to str implicitly");
        }
        return cString(b);
    }

    /** The bytes up to the first NUL, as C reads a string. */
    public static byte[] cString(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return java.util.Arrays.copyOf(b, i);
            }
        }
        return b;
    }

    /** The current directory, with its final slash. */
    public byte[] bytes() {
        return path;
    }

    /** A path argument as littlefs gets it: a relative one joined to the current directory. */
    public byte[] resolve(PyObject arg) {
        byte[] given = text(arg);
        if (given.length > 0 && given[0] == '/') {
            return given;
        }
        byte[] joined = java.util.Arrays.copyOf(path, path.length + given.length);
        System.arraycopy(given, 0, joined, path.length, given.length);
        return joined;
    }

    /** Makes {@code directory} (resolved, known to be a directory) current: empty names and "." go, ".." takes the name before it. */
    public void change(byte[] directory) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('/');
        java.util.List<int[]> names = new java.util.ArrayList<>();
        for (int at = LittlefsPath.skipSlashes(directory, 0); at < directory.length;
                at = LittlefsPath.skipSlashes(directory, at)) {
            int len = LittlefsPath.nameLength(directory, at);
            if (len == 2 && directory[at] == '.' && directory[at + 1] == '.') {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else if (!(len == 1 && directory[at] == '.')) {
                names.add(new int[] {at, len});
            }
            at += len;
        }
        for (int[] name : names) {
            out.write(directory, name[0], name[1]);
            out.write('/');
        }
        path = out.toByteArray();
    }

    /** What getcwd() answers: the directory without its final slash, "/" for the root. */
    public PyStr text() {
        return PyStr.of(path.length == 1 ? "/" : new String(path, 0, path.length - 1, StandardCharsets.UTF_8));
    }
}
