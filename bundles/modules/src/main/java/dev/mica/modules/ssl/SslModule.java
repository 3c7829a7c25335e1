package dev.mica.modules.ssl;

import org.osgi.service.component.annotations.Component;

import dev.mica.module.ModuleEnvironment;
import dev.mica.module.ModuleProvider;
import dev.mica.obj.FixedModule;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyModule;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * The {@code ssl} module: {@code SSLContext} and the older {@code wrap_socket(sock,
 * server_side, key, cert, cert_reqs, cadata, server_hostname, do_handshake)} function, which
 * makes a context from its arguments and wraps the socket with it.
 */
@Component(service = ModuleProvider.class)
public final class SslModule implements ModuleProvider {
    private static final String[] WRAP_KEYWORDS = {
        "server_side", "key", "cert", "cert_reqs", "cadata", "server_hostname", "do_handshake"
    };

    @Override
    public String name() {
        return "ssl";
    }

    @Override
    public PyModule create(ModuleEnvironment environment) {
        FixedModule m = new FixedModule("ssl");
        PyType contextType = TlsContext.newType(environment);
        m.setAttr("SSLContext", contextType);
        TlsModule.addConstants(m);
        m.setAttr("wrap_socket", new PyBuiltinFunction("wrap_socket", 1, 1, true, (a, kw) -> {
            Py.checkKeywords(kw, WRAP_KEYWORDS);
            PyObject serverSide = keyword(a, kw, "server_side");
            boolean server = serverSide != null && serverSide.isTrue();
            TlsContext context = new TlsContext(environment, contextType,
                    server ? TlsContext.PROTOCOL_TLS_SERVER : TlsContext.PROTOCOL_TLS_CLIENT);
            PyObject key = keyword(a, kw, "key");
            PyObject cert = keyword(a, kw, "cert");
            if (key != null || cert != null) {
                context.loadCertChain(cert == null ? PyNone.NONE : cert, key == null ? PyNone.NONE : key);
            }
            PyObject reqs = keyword(a, kw, "cert_reqs");
            context.setAttr("verify_mode", reqs == null ? dev.mica.obj.PyInt.of(TlsContext.CERT_NONE) : reqs);
            PyObject cadata = keyword(a, kw, "cadata");
            if (cadata != null) {
                Ops.getAttr(context, "load_verify_locations").call(new PyObject[] {cadata}, new String[] {"cadata"});
            }
            PyObject hostname = keyword(a, kw, "server_hostname");
            PyObject handshake = keyword(a, kw, "do_handshake");
            return context.wrap(a[0], server, handshake == null || handshake.isTrue(),
                    hostname == null ? null : Ops.str(hostname));
        }));
        return m.seal();
    }

    /** A keyword argument, with None meaning not given. */
    private static PyObject keyword(PyObject[] a, String[] kw, String name) {
        PyObject v = Py.keyword(a, kw, name);
        return v == PyNone.NONE ? null : v;
    }
}
