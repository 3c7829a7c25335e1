package dev.mica.modules.ssl;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.mica.module.ModuleEnvironment;
import dev.mica.obj.Errno;
import dev.mica.obj.Ops;
import dev.mica.obj.Py;
import dev.mica.obj.PyBaseException;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyException;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyList;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;
import dev.mica.obj.PyTuple;
import dev.mica.obj.PyType;

/**
 * An {@code SSLContext}: the role (client or server), how peers are verified, the key and
 * certificate chain, trusted certificates and ciphers; {@code wrap_socket} makes a
 * {@link TlsSocket} with a JSSE engine configured from them.
 */
final class TlsContext extends PyObject {
    static final int PROTOCOL_TLS_CLIENT = 0;
    static final int PROTOCOL_TLS_SERVER = 1;
    static final int CERT_NONE = 0;
    static final int CERT_OPTIONAL = 1;
    static final int CERT_REQUIRED = 2;

    private final ModuleEnvironment environment;
    private final PyType type;
    private final boolean server;
    private int verifyMode;
    private PrivateKey key;
    private List<X509Certificate> chain;
    private final List<X509Certificate> trusted = new ArrayList<>();
    private String[] ciphers;

    TlsContext(ModuleEnvironment environment, PyType type, int protocol) {
        if (protocol != PROTOCOL_TLS_CLIENT && protocol != PROTOCOL_TLS_SERVER) {
            throw Py.valueError("invalid protocol");
        }
        this.environment = environment;
        this.type = type;
        this.server = protocol == PROTOCOL_TLS_SERVER;
        this.verifyMode = server ? CERT_NONE : CERT_REQUIRED;
    }

    /** The SSLContext type of one interpreter, whose constructor knows the interpreter. */
    static PyType newType(ModuleEnvironment environment) {
        PyType t = PyType.builtin("SSLContext", PyType.OBJECT);
        t.setConstructor((type, a, kw) -> {
            Py.checkKeywords(kw);
            int n = Py.positional(a, kw);
            if (n != 1) {
                throw Py.typeError("function takes 1 positional arguments but " + n + " were given");
            }
            return new TlsContext(environment, type, (int) Ops.indexValue(a[0], "int"));
        });
        t.method("load_cert_chain", 3, 3, a -> {
            TlsContext c = (TlsContext) a[0];
            // the key is read first, as the reference does
            c.loadCertChain(a[1], a[2]);
            return PyNone.NONE;
        });
        t.methodKw("load_verify_locations", 1, 3, (a, kw) -> {
            TlsContext c = (TlsContext) a[0];
            PyObject cadata = Py.keyword(a, kw, "cadata");
            int n = Py.positional(a, kw);
            if (cadata == null && n > 2) {
                cadata = a[2];
            } else if (cadata == null && n > 1 && !(a[1] instanceof PyStr)) {
                cadata = a[1];
            }
            if (cadata != null && cadata != PyNone.NONE) {
                c.trusted.addAll(KeyMaterial.certificates(KeyMaterial.data(cadata)));
            }
            return PyNone.NONE;
        });
        t.method("get_ciphers", 1, 1, a -> {
            PyList out = new PyList();
            for (String s : ((TlsContext) a[0]).supportedCiphers()) {
                out.append(PyStr.of(javaToMicroPython(s)));
            }
            return out;
        });
        t.method("set_ciphers", 2, 2, a -> {
            TlsContext c = (TlsContext) a[0];
            if (!(a[1] instanceof PyList) && !(a[1] instanceof PyTuple)) {
                throw Py.typeError("object '" + a[1].type().name() + "' isn't a tuple or list");
            }
            List<String> supported = Arrays.asList(c.supportedCiphers());
            List<String> chosen = new ArrayList<>();
            for (PyObject name : Ops.toArray(a[1])) {
                String javaName = Ops.str(name).replace('-', '_');
                if (!supported.contains(javaName)) {
                    throw Py.osError(Errno.EINVAL);
                }
                chosen.add(javaName);
            }
            c.ciphers = chosen.toArray(new String[0]);
            return PyNone.NONE;
        });
        t.define("wrap_socket", new PyBuiltinFunction("wrap_socket", 2, 2, true, (a, kw) -> {
            Py.checkKeywords(kw, "server_side", "do_handshake_on_connect", "server_hostname");
            TlsContext c = (TlsContext) a[0];
            PyObject serverSide = Py.keyword(a, kw, "server_side");
            PyObject handshake = Py.keyword(a, kw, "do_handshake_on_connect");
            PyObject hostname = Py.keyword(a, kw, "server_hostname");
            return c.wrap(a[1], serverSide != null && serverSide.isTrue(),
                    handshake == null || handshake.isTrue(),
                    hostname == null || hostname == PyNone.NONE ? null : Ops.str(hostname));
        }).asMethod());
        return t;
    }

    void loadCertChain(PyObject cert, PyObject keyObject) {
        PrivateKey k = KeyMaterial.privateKey(KeyMaterial.data(keyObject));
        List<X509Certificate> c = KeyMaterial.certificates(KeyMaterial.data(cert));
        key = k;
        chain = c;
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        return "<SSLContext>";
    }

    @Override
    public PyObject getAttr(String name) {
        if (name.equals("verify_mode")) {
            return PyInt.of(verifyMode);
        }
        return super.getAttr(name);
    }

    @Override
    public void setAttr(String name, PyObject value) {
        if (name.equals("verify_mode") && value != null) {
            long mode = Ops.indexValue(value, "int");
            if (mode < CERT_NONE || mode > CERT_REQUIRED) {
                throw Py.valueError("invalid verify mode");
            }
            verifyMode = (int) mode;
            return;
        }
        super.setAttr(name, value);
    }

    /** Wraps a stream (a socket or any object with read/write methods) in a TLS session. */
    TlsSocket wrap(PyObject sock, boolean serverSide, boolean handshake, String hostname) {
        SSLEngine engine = newEngine(hostname, serverSide || server);
        TlsSocket s = new TlsSocket(environment, sock, engine);
        if (handshake) {
            s.handshakeNow();
        }
        return s;
    }

    private SSLEngine newEngine(String hostname, boolean serverSide) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManagerFactory kmf = null;
            if (key != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", key, new char[0], chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            context.init(kmf == null ? null : kmf.getKeyManagers(), trustManagers(), null);
            SSLEngine engine = hostname != null && !serverSide ? context.createSSLEngine(hostname, 443) : context.createSSLEngine();
            engine.setUseClientMode(!serverSide);
            SSLParameters parameters = engine.getSSLParameters();
            if (ciphers != null) {
                parameters.setCipherSuites(ciphers);
            }
            if (!serverSide && hostname != null) {
                parameters.setServerNames(List.of(new SNIHostName(hostname)));
                if (verifyMode != CERT_NONE) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
            }
            if (serverSide) {
                parameters.setNeedClientAuth(verifyMode == CERT_REQUIRED);
                parameters.setWantClientAuth(verifyMode == CERT_OPTIONAL);
            }
            engine.setSSLParameters(parameters);
            return engine;
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            throw new PyException(new PyBaseException(PyBaseException.OS_ERROR,
                    new PyObject[] {PyInt.of(Errno.EINVAL), PyStr.of(String.valueOf(e.getMessage()))}));
        }
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException, java.io.IOException {
        if (verifyMode == CERT_NONE) {
            return new TrustManager[] {new TrustEveryone()};
        }
        if (trusted.isEmpty()) {
            return null;
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : trusted) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    private String[] supportedCiphers() {
        try {
            return SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (GeneralSecurityException e) {
            return new String[0];
        }
    }

    /** JSSE's TLS_X_WITH_Y names in the dashed form MicroPython uses. */
    static String javaToMicroPython(String name) {
        return name.replace('_', '-');
    }

    /** CERT_NONE: the peer's certificate is not checked. */
    private static final class TrustEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
