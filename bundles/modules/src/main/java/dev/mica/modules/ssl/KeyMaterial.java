package dev.mica.modules.ssl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.mica.obj.Py;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyStr;

/**
 * Keys and certificates as MicroPython programs pass them: DER or PEM in bytes (or str).
 * Private keys may be PKCS#8 or PKCS#1 (RSA).
 */
final class KeyMaterial {
    /** DER of the AlgorithmIdentifier for rsaEncryption, with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private KeyMaterial() {}

    /** The bytes of a str or bytes argument, with MicroPython's TypeError for anything else. */
    static byte[] data(PyObject o) {
        if (o instanceof PyBytes b) {
            return b.bytes();
        }
        if (o instanceof PyStr s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        throw Py.typeError("can't convert '" + o.type().name() + "' object to str implicitly");
    }

    static PrivateKey privateKey(byte[] data) {
        byte[] der = pemBody(data, "PRIVATE KEY");
        for (byte[] pkcs8 : new byte[][] {der, rsaPkcs1ToPkcs8(der)}) {
            for (String algorithm : new String[] {"RSA", "EC"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (Exception e) {
                    // try the next encoding or algorithm
                }
            }
        }
        throw Py.valueError("invalid key");
    }

    static List<X509Certificate> certificates(byte[] data) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(data))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw Py.valueError("invalid cert");
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof dev.mica.obj.PyException p) {
                throw p;
            }
            throw Py.valueError("invalid cert");
        }
    }

    /** The DER inside a PEM block whose label ends with {@code labelEnd}, or the data itself. */
    private static byte[] pemBody(byte[] data, String labelEnd) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            return data;
        }
        int bodyStart = text.indexOf("-----", begin + 11);
        int end = text.indexOf("-----END ", bodyStart + 5);
        if (bodyStart < 0 || end < 0 || !text.substring(begin, bodyStart).endsWith(labelEnd)) {
            return data;
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(bodyStart + 5, end));
        } catch (IllegalArgumentException e) {
            return data;
        }
    }

    /** A PKCS#1 RSAPrivateKey wrapped as a PKCS#8 PrivateKeyInfo. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = derItem(0x04, pkcs1);
        byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
        return derItem(0x30, body);
    }

    private static byte[] derItem(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

}
