package dev.mica.modules;

import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;

/**
 * The {@code platform} module as the unix port has it: platform(), python_compiler() and
 * libc_ver(). On Mica the part of the C compiler and C library is played by the Java runtime,
 * so they name it: platform() is "system-1.24.1-machine--with-Java" + its version (the
 * unix port: "Linux-1.24.1-x86_64--with-glibc2.36"), python_compiler() is "Java" and the
 * version, and libc_ver() is ('', '') as on a port whose C library is unknown.
 */
@Component(service = ModuleProvider.class)
public final class PlatformModule implements ModuleProvider {
    private static final String MICROPYTHON_VERSION = "1.24.1";

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public boolean extensible() {
        return true;
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        String javaVersion = System.getProperty("java.version", "");
        PyStr platform = PyStr.of(system() + "-" + MICROPYTHON_VERSION + "-" + machine() + "--with-Java" + javaVersion);
        PyStr compiler = PyStr.of("Java " + javaVersion);
        PyTuple libc = new PyTuple(PyStr.of(""), PyStr.of(""));
        FixedModule m = new FixedModule("platform");
        // MicroPython's platform() and libc_ver() accept and ignore any arguments
        m.setAttr("platform", new PyBuiltinFunction("platform", 0, PyBuiltinFunction.VARIADIC, true, (a, kw) -> platform));
        m.setAttr("python_compiler", new PyBuiltinFunction("python_compiler", 0, 0, false, (a, kw) -> compiler));
        m.setAttr("libc_ver", new PyBuiltinFunction("libc_ver", 0, PyBuiltinFunction.VARIADIC, true, (a, kw) -> libc));
        return m.seal();
    }

    /** The operating system's name as MicroPython's ports give it (Linux, Windows, ...). */
    private static String system() {
        String os = System.getProperty("os.name", "");
        String lower = os.toLowerCase(Locale.ROOT);
        if (lower.startsWith("windows")) {
            return "Windows";
        }
        if (lower.startsWith("mac") || lower.startsWith("darwin")) {
            return "Darwin";
        }
        return os;
    }

    /** The processor family in MicroPython's spelling (x86_64 rather than Java's amd64). */
    private static String machine() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            case "arm" -> "arm";
            default -> arch;
        };
    }
}
