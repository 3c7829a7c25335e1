package dev.mica.modules.hashlib;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import dev.mica.obj.Buffers;
import dev.mica.obj.Py;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * A running hash (md5, sha1 or sha256 object). As in MicroPython, digest() finishes it: a
 * second digest() or a later update() raises ValueError("hash is final").
 */
final class HashObject extends PyObject {
    static final PyType MD5 = hashType("md5", "MD5");
    static final PyType SHA1 = hashType("sha1", "SHA-1");
    static final PyType SHA256 = hashType("sha256", "SHA-256");

    private final PyType type;
    private final MessageDigest digest;
    private boolean finished;

    private HashObject(PyType type, MessageDigest digest) {
        this.type = type;
        this.digest = digest;
    }

    private static PyType hashType(String name, String algorithm) {
        PyType t = PyType.builtin(name, PyType.OBJECT);
        t.setConstructor((type, a, kw) -> {
            if (kw != null && kw.length > 0) {
                throw Py.typeError("function doesn't take keyword arguments");
            }
            if (a.length > 1) {
                throw Py.typeError("function expected at most 1 arguments, got " + a.length);
            }
            HashObject h = new HashObject(type, newDigest(algorithm));
            if (a.length == 1) {
                h.update(a[0]);
            }
            return h;
        });
        t.method("update", 2, 2, a -> {
            ((HashObject) a[0]).update(a[1]);
            return PyNone.NONE;
        });
        t.method("digest", 1, 1, a -> ((HashObject) a[0]).finish());
        t.orderLocals("update", "digest");
        return t;
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5, SHA-1 and SHA-256
            throw new IllegalStateException(e);
        }
    }

    private void checkNotFinished() {
        if (finished) {
            throw Py.valueError("hash is final");
        }
    }

    private void update(PyObject data) {
        byte[] bytes = Buffers.bytesOf(data);
        checkNotFinished();
        digest.update(bytes);
    }

    private PyBytes finish() {
        checkNotFinished();
        finished = true;
        return new PyBytes(digest.digest());
    }

    @Override
    public PyType type() {
        return type;
    }

    @Override
    public String repr() {
        return "<" + type.name() + ">";
    }
}
