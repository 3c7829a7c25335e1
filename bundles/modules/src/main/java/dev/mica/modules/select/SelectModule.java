package dev.mica.modules.select;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyInt;
import dev.mica.obj.Ops;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyType;

/**
 * The {@code select} module of MicroPython's unix port: {@code poll()} over sockets, file
 * numbers, the interpreter's own streams and Python streams (io.IOBase subclasses with an
 * {@code ioctl} method); also {@code select()}, which MicroPython's bare-metal ports have.
 */
@Component(service = ModuleProvider.class)
public final class SelectModule implements ModuleProvider {
    @Override
    public String name() {
        return "select";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("select");
        m.setAttr("poll", new PyBuiltinFunction("poll", 0, 0, false, (a, kw) -> {
            PyType ioBase = (PyType) Ops.getAttr(environment.importModule("io"), "IOBase");
            return new Poller(environment, ioBase);
        }));
        m.setAttr("select", new PyBuiltinFunction("select", 3, 4, false, (a, kw) -> {
            PyType ioBase = (PyType) Ops.getAttr(environment.importModule("io"), "IOBase");
            long timeoutMs = a.length < 4 || a[3] == PyNone.NONE ? -1 : Math.max(0, Math.round(Ops.toDouble(a[3]) * 1000));
            return Poller.select(environment, ioBase, a, timeoutMs);
        }));
        m.setAttr("POLLIN", PyInt.of(Pollable.POLLIN));
        m.setAttr("POLLOUT", PyInt.of(Pollable.POLLOUT));
        m.setAttr("POLLERR", PyInt.of(Pollable.POLLERR));
        m.setAttr("POLLHUP", PyInt.of(Pollable.POLLHUP));
        return m.seal();
    }
}
