package dev.mica.modules.os;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.modules.vfs.MountTable;
import dev.mica.modules.vfs.VfsModule;
import dev.mica.obj.Errno;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/**
 * The {@code os} module of MicroPython's unix port: the file functions go through the
 * interpreter's mount table (so they see what {@code vfs.mount} mounted, and the host file
 * system only inside the storage root), plus the process environment, urandom and system.
 */
@Component(service = ModuleProvider.class)
public final class OsModule implements ModuleProvider {
    @Override
    public String name() {
        return "os";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        MountTable table = MountTable.of(environment);
        FixedModule m = new FixedModule("os");
        m.setAttr("sep", PyStr.of("/"));
        m.setAttr("chdir", fn1("chdir", p -> {
            table.chdir(p);
            return PyNone.NONE;
        }));
        m.setAttr("getcwd", new PyBuiltinFunction("getcwd", 0, 0, false, (a, kw) -> table.getcwd()));
        m.setAttr("ilistdir", new PyBuiltinFunction("ilistdir", 0, 1, false,
                (a, kw) -> table.ilistdir(a.length == 0 ? PyStr.of("") : a[0])));
        m.setAttr("listdir", new PyBuiltinFunction("listdir", 0, 1, false,
                (a, kw) -> table.listdir(a.length == 0 ? PyStr.of("") : a[0])));
        m.setAttr("mkdir", fn1("mkdir", p -> {
            table.mkdir(p);
            return PyNone.NONE;
        }));
        PyObject remove = fn1("remove", p -> {
            table.remove(p);
            return PyNone.NONE;
        });
        m.setAttr("remove", remove);
        m.setAttr("unlink", remove);
        m.setAttr("rename", new PyBuiltinFunction("rename", 2, 2, false, (a, kw) -> {
            table.rename(a[0], a[1]);
            return PyNone.NONE;
        }));
        m.setAttr("rmdir", fn1("rmdir", p -> {
            table.rmdir(p);
            return PyNone.NONE;
        }));
        m.setAttr("stat", fn1("stat", table::stat));
        m.setAttr("statvfs", fn1("statvfs", table::statvfs));
        VfsModule.addTo(m, table);
        addProcessFunctions(m, environment);
        return m.seal();
    }

    private static PyObject fn1(String name, java.util.function.Function<PyObject, PyObject> body) {
        return new PyBuiltinFunction(name, 1, 1, false, (a, kw) -> body.apply(a[0]));
    }

    /** getenv/putenv/unsetenv over a per-interpreter copy of the environment, errno, urandom and system. */
    private static void addProcessFunctions(FixedModule m, ModuleEnvironment environment) {
        Map<String, String> variables = environment.environmentVariables();
        m.setAttr("getenv", new PyBuiltinFunction("getenv", 1, 2, false, (a, kw) -> {
            String value = variables.get(text(a[0]));
            if (value == null) {
                return a.length > 1 ? a[1] : PyNone.NONE;
            }
            return PyStr.of(value);
        }));
        m.setAttr("putenv", new PyBuiltinFunction("putenv", 2, 2, false, (a, kw) -> {
            variables.put(text(a[0]), text(a[1]));
            return PyNone.NONE;
        }));
        m.setAttr("unsetenv", new PyBuiltinFunction("unsetenv", 1, 1, false, (a, kw) -> {
            variables.remove(text(a[0]));
            return PyNone.NONE;
        }));
        long[] lastErrno = {0};
        m.setAttr("errno", new PyBuiltinFunction("errno", 0, 1, false, (a, kw) -> {
            if (a.length == 1) {
                lastErrno[0] = Ops.indexValue(a[0], "int");
                return PyNone.NONE;
            }
            return PyInt.of(lastErrno[0]);
        }));
        SecureRandom random = new SecureRandom();
        m.setAttr("urandom", new PyBuiltinFunction("urandom", 1, 1, false, (a, kw) -> {
            long n = Ops.indexValue(a[0], "int");
            if (n < 0) {
                throw Py.valueError("negative count");
            }
            byte[] bytes = new byte[(int) n];
            random.nextBytes(bytes);
            return new PyBytes(bytes);
        }));
        m.setAttr("system", new PyBuiltinFunction("system", 1, 1, false, (a, kw) -> system(environment, text(a[0]))));
    }

    /**
     * Runs a shell command and gives its wait status, as C's system(); refused (EPERM) for an
     * app confined to a storage root, which may not run host programs.
     */
    private static PyObject system(ModuleEnvironment environment, String command) {
        if (environment.storageRoot() != null) {
            throw Py.osError(Errno.EPERM);
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(environment.resolvePath(".").toFile())
                .inheritIO();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw Py.osError(Errno.ENOENT);
        }
        try {
            while (!p.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                environment.checkInterrupts();
            }
            return PyInt.of((long) (p.exitValue() & 0xff) << 8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Py.osError(EINTR);
        } finally {
            p.destroy();
        }
    }

    private static final int EINTR = 4;

    private static String text(PyObject o) {
        if (!(o instanceof PyStr s)) {
            throw Py.typeError("can't convert '" + o.type().name() + "' object to str implicitly");
        }
        return s.value();
    }
}
