package dev.mica.modules.ssl;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyModule;

/**
 * The {@code tls} module: {@code SSLContext} on the JDK's TLS (JSSE), with MicroPython's
 * protocol and verification constants. {@code ssl} builds its API on the same context.
 */
@Component(service = ModuleProvider.class)
public final class TlsModule implements ModuleProvider {
    @Override
    public String name() {
        return "tls";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("tls");
        m.setAttr("SSLContext", TlsContext.newType(environment));
        addConstants(m);
        return m.seal();
    }

    static void addConstants(FixedModule m) {
        m.setAttr("PROTOCOL_TLS_CLIENT", PyInt.of(TlsContext.PROTOCOL_TLS_CLIENT));
        m.setAttr("PROTOCOL_TLS_SERVER", PyInt.of(TlsContext.PROTOCOL_TLS_SERVER));
        m.setAttr("CERT_NONE", PyInt.of(TlsContext.CERT_NONE));
        m.setAttr("CERT_OPTIONAL", PyInt.of(TlsContext.CERT_OPTIONAL));
        m.setAttr("CERT_REQUIRED", PyInt.of(TlsContext.CERT_REQUIRED));
    }
}
