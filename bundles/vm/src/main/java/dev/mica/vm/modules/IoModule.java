package dev.mica.vm.modules;


import dev.mica.obj.FixedModule;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyType;

/**
 * The {@code io} module: open, StringIO, BytesIO and IOBase (a base for streams written in
 * Python: print(file=...) calls their write method). open() is also the built-in open.
 */
final class IoModule {
    private IoModule() {}

    /** A class with no methods: subclasses supply write (and read) themselves. */
    static final PyType IO_BASE = PyType.userClass("IOBase", new PyType[0], java.util.Map.of());

    static PyModule create(BuiltinModules registry) {
        FixedModule m = new FixedModule("io");
        m.setAttr("open", registry.runtime().builtins().getStr("open"));
        m.setAttr("BytesIO", MemoryStream.BYTES_IO);
        m.setAttr("IOBase", IO_BASE);
        m.setAttr("StringIO", MemoryStream.STRING_IO);
        return m.seal();
    }

    /** open(file, mode='r', ...): the file name resolved inside the storage root when there is one. */
    static PyObject openFunction(BuiltinModules registry) {
        OpenFiles fileNumbers = registry.openFiles();
        return new PyBuiltinFunction("open", 1, 7, true, (a, kw) -> {
            Py.checkKeywords(kw, "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener");
            int n = Py.positional(a, kw);
            if (n == 0) {
                throw Py.typeError("function missing 1 required positional arguments");
            }
            PyObject modeArg = n > 1 ? a[1] : Py.keyword(a, kw, "mode");
            if (a[0] instanceof dev.mica.obj.PyInt fd) {
                return standardStream(registry, fd, modeArg == null ? "r" : str(modeArg));
            }
            dev.mica.module.FileSystemView view = registry.fileSystemView();
            if (view != null) {
                return view.open(a[0], modeArg == null ? PyStr.of("r") : modeArg);
            }
            String mode = modeArg == null ? "r" : str(modeArg);
            String name = str(a[0]);
            if (registry.runtime().heapAccount().isLocked()) {
                throw Py.error(dev.mica.obj.PyBaseException.MEMORY_ERROR, "memory allocation failed, heap is locked");
            }
            return FileStream.open(registry.files().resolve(name), mode, fileNumbers);
        });
    }

    /**
     * open(fd): the interpreter's standard streams are its only file descriptors that are not
     * files it opened by name (0, 1, 2 give sys.stdin, stdout, stderr; their buffer in binary mode).
     */
    private static PyObject standardStream(BuiltinModules registry, dev.mica.obj.PyInt fd, String mode) {
        long n = dev.mica.obj.Ops.indexValue(fd, "int");
        String name = n == 0 ? "stdin" : n == 1 ? "stdout" : n == 2 ? "stderr" : null;
        if (name == null) {
            throw IoErrors.os(dev.mica.obj.Errno.EBADF);
        }
        PyObject sys = registry.runtime().importForRuntime("sys");
        PyObject stream = sys.getAttr(name);
        return mode.contains("b") ? stream.getAttr("buffer") : stream;
    }

    private static String str(PyObject o) {
        if (!(o instanceof PyStr s)) {
            throw Py.typeError("can't convert '" + o.type().name() + "' object to str implicitly");
        }
        return s.value();
    }
}
