package dev.mica.vm.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.mica.vm.modules.StdioStream;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInstance;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/** The {@code sys} module. */
public final class SysModule {
    public static final String VERSION = "1.24.1";
    static final PyType TEXT_STREAM = PyType.builtin("TextIOWrapper", PyType.OBJECT);
    static final PyType IMPLEMENTATION = PyType.builtin("implementation", PyType.OBJECT);

    private final FixedModule module = new FixedModule("sys");
    private final Runtime rt;
    private final Stream stdoutObj;
    private PyObject exitFunction;

    /** sys.stdout / sys.stderr / sys.stdin. */
    final class Stream extends PyInstance {
        final OutputStream out;
        final int fd;

        private PyObject binary;

        Stream(OutputStream out, int fd) {
            super(TEXT_STREAM);
            this.out = out;
            this.fd = fd;
        }

        /** The same standard stream as bytes: an io.FileIO object. */
        private PyObject binary() {
            if (binary == null) {
                binary = fd == 0 ? StdioStream.input(rt.stdin, rt::flush) : StdioStream.output(fd, this::writeBytes, rt::flush);
            }
            return binary;
        }

        private void writeBytes(byte[] data) {
            if (fd == 1) {
                rt.writeStdout(data);
                return;
            }
            rt.flush();
            try {
                out.write(data);
                out.flush();
            } catch (IOException e) {
                throw Py.error(PyBaseException.OS_ERROR, "I/O error");
            }
        }

        @Override
        public String repr() {
            return "<io.TextIOWrapper " + fd + ">";
        }

        @Override
        public PyObject getAttr(String name) {
            switch (name) {
                case "write":
                    return new PyBuiltinFunction("write", 1, 1, false, (a, kw) -> {
                        if (out == null) {
                            throw Py.error(PyBaseException.OS_ERROR, "[Errno 9] EBADF");
                        }
                        byte[] data = a[0] instanceof PyBytes b ? b.bytes() : Ops.str(a[0]).getBytes(StandardCharsets.UTF_8);
                        if (fd == 1) {
                            rt.writeStdout(data);
                        } else {
                            rt.flush();
                            try {
                                out.write(data);
                                out.flush();
                            } catch (IOException e) {
                                throw Py.error(PyBaseException.OS_ERROR, "I/O error");
                            }
                        }
                        return PyInt.of(a[0] instanceof PyStr s ? s.codePointLength() : data.length);
                    });
                case "flush":
                    return new PyBuiltinFunction("flush", 0, 0, false, (a, kw) -> {
                        rt.flush();
                        return PyNone.NONE;
                    });
                case "readline":
                    return new PyBuiltinFunction("readline", 0, 1, false, (a, kw) -> {
                        rt.flush();
                        String line = rt.readLine();
                        return PyStr.of(line == null ? "" : line + "\n");
                    });
                case "read":
                    return new PyBuiltinFunction("read", 0, 1, false, (a, kw) -> {
                        rt.flush();
                        StringBuilder sb = new StringBuilder();
                        for (String l = rt.readLine(); l != null; l = rt.readLine()) {
                            sb.append(l).append('\n');
                        }
                        return PyStr.of(sb.toString());
                    });
                case "buffer":
                    return binary();
                case "fileno":
                    return new PyBuiltinFunction("fileno", 0, 0, false, (a, kw) -> PyInt.of(fd));
                default:
                    return super.getAttr(name);
            }
        }
    }

    /** A plain object holding named fields (sys.implementation). */
    static final class Record extends PyInstance {
        Record(String[] names, PyObject[] values) {
            super(IMPLEMENTATION);
            for (int i = 0; i < names.length; i++) {
                dict.put(names[i].intern(), values[i]);
            }
        }

        @Override
        public String repr() {
            StringBuilder sb = new StringBuilder("(");
            boolean first = true;
            for (var e : dict.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append('=').append(Ops.repr(e.getValue()));
            }
            return sb.append(')').toString();
        }
    }

    SysModule(Runtime rt, List<String> argv) {
        this.rt = rt;
        PyList args = new PyList();
        for (String a : argv) {
            args.append(PyStr.of(a));
        }
        stdoutObj = new Stream(rt.stdout, 1);
        module.setAttr("argv", args);
        module.setAttr("path", rt.path());
        module.setAttr("modules", rt.modules());
        module.setAttr("stdout", stdoutObj);
        module.setAttr("stderr", new Stream(rt.stderr, 2));
        module.setAttr("stdin", new Stream(null, 0));
        module.setAttr("version", PyStr.of("3.4.0; MicroPython v" + VERSION + " on Mica"));
        module.setAttr("version_info", new PyTuple(PyInt.of(3), PyInt.of(4), PyInt.of(0)));
        PyTuple version = new PyTuple(PyInt.of(1), PyInt.of(24), PyInt.of(1), PyStr.EMPTY);
        module.setAttr("implementation", new Record(new String[] {"name", "version", "_machine", "_mpy"},
                new PyObject[] {PyStr.of("micropython"), version, PyStr.of("Mica on Java"), PyInt.of(6 | (3 << 8))}));
        module.setAttr("platform", PyStr.of("linux"));
        module.setAttr("ps1", PyStr.of(">>> "));
        module.setAttr("ps2", PyStr.of("... "));
        module.setAttr("byteorder", PyStr.of("little"));
        module.setAttr("maxsize", PyInt.of(Long.MAX_VALUE));
        module.setAttr("exit", new PyBuiltinFunction("exit", 0, 1, false, (a, kw) -> {
            throw new PyException(new PyBaseException(PyBaseException.SYSTEM_EXIT, a.clone()));
        }));
        module.setAttr("print_exception", new PyBuiltinFunction("print_exception", 1, 2, false, (a, kw) -> {
            PyObject write = null;
            if (a.length > 1 && a[1] != PyNone.NONE) {
                // the stream must be writable before anything is formatted, as MicroPython checks it
                try {
                    write = Ops.getAttr(a[1], "write");
                } catch (PyException notStream) {
                    if (!notStream.value().type().isSubclassOf(PyBaseException.ATTRIBUTE_ERROR)) {
                        throw notStream;
                    }
                    throw Py.error(PyBaseException.OS_ERROR, "stream operation not supported");
                }
            }
            String text = a[0] instanceof PyBaseException e ? rt.formatException(e) : Ops.repr(a[0]) + "\n";
            if (write != null) {
                write.call(new PyObject[] {PyStr.of(text)}, null);
            } else {
                rt.writeOut(text);
            }
            return PyNone.NONE;
        }));
        module.setAttr("exc_info", new PyBuiltinFunction("exc_info", 0, 0, false, (a, kw) -> {
            PyBaseException e = rt.handledException;
            if (e == null) {
                return new PyTuple(PyNone.NONE, PyNone.NONE, PyNone.NONE);
            }
            return new PyTuple(e.type(), e, PyNone.NONE);
        }));
        module.setAttr("atexit", new PyBuiltinFunction("atexit", 1, 1, false, (a, kw) -> {
            PyObject previous = exitFunction;
            exitFunction = a[0];
            return previous == null ? PyNone.NONE : previous;
        }));
        module.seal("path", "ps1", "ps2");
    }

    /** The function sys.atexit registered, or null. */
    public PyObject exitFunction() {
        return exitFunction;
    }

    public PyModule module() {
        return module;
    }

    boolean isStandardStdout(PyObject o) {
        return o == stdoutObj;
    }
}
