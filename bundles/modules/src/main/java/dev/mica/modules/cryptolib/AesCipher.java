package dev.mica.modules.cryptolib;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.mica.obj.BufferView;
import dev.mica.obj.Buffers;
import dev.mica.obj.Py;
import dev.mica.obj.PyBuiltinFunction;
import dev.mica.obj.PyBytes;
import dev.mica.obj.PyInt;
import dev.mica.obj.PyNone;
import dev.mica.obj.PyObject;
import dev.mica.obj.PyType;

/**
 * cryptolib.aes: AES-128/256 in ECB, CBC or CTR mode on javax.crypto. The direction is fixed by
 * the first call (encrypt or decrypt); CBC chaining and the CTR key stream carry on from call to
 * call, as one long message.
 */
final class AesCipher extends PyObject {
    static final int MODE_ECB = 1;
    static final int MODE_CBC = 2;
    static final int MODE_CTR = 6;

    static final PyType TYPE = PyType.builtin("aes", PyType.OBJECT);

    private final int mode;
    private final byte[] key;
    private final byte[] iv;
    private Cipher cipher;
    private boolean encrypting;

    static {
        PyBuiltinFunction make = new PyBuiltinFunction("aes", 2, 3, false, (a, kw) -> create(a));
        TYPE.setConstructor((t, a, kw) -> make.call(a, kw));
        TYPE.method("encrypt", 2, 3, a -> ((AesCipher) a[0]).process(a, true));
        TYPE.method("decrypt", 2, 3, a -> ((AesCipher) a[0]).process(a, false));
    }

    private AesCipher(int mode, byte[] key, byte[] iv) {
        this.mode = mode;
        this.key = key;
        this.iv = iv;
    }

    private static AesCipher create(PyObject[] a) {
        if (!(a[1] instanceof PyInt m)) {
            throw Py.typeError("can't convert " + a[1].type().name() + " to int");
        }
        long mode = m.isBig() ? -1 : m.value;
        if (mode != MODE_ECB && mode != MODE_CBC && mode != MODE_CTR) {
            throw Py.valueError("mode");
        }
        byte[] key = Buffers.bytesOf(a[0]);
        if (key.length != 16 && key.length != 32) {
            throw Py.valueError("key");
        }
        byte[] iv = null;
        if (a.length > 2 && a[2] != PyNone.NONE) {
            iv = Buffers.bytesOf(a[2]);
            if (iv.length != 16) {
                throw Py.valueError("IV");
            }
        } else if (mode != MODE_ECB) {
            throw Py.valueError("IV");
        }
        return new AesCipher((int) mode, key, iv);
    }

    private PyObject process(PyObject[] a, boolean encrypt) {
        byte[] input = Buffers.bytesOf(a[1]);
        if (mode != MODE_CTR && input.length % 16 != 0) {
            throw Py.valueError("blksize % 16");
        }
        BufferView out = null;
        if (a.length > 2) {
            out = Buffers.write(a[2]);
            if (out.length() < input.length) {
                throw Py.valueError("output too small");
            }
        }
        if (cipher == null) {
            cipher = start(encrypt);
            encrypting = encrypt;
        } else if (encrypting != encrypt) {
            throw Py.valueError("can't encrypt & decrypt");
        }
        byte[] result = cipher.update(input);
        if (result == null) {
            result = new byte[0];
        }
        if (out == null) {
            return new PyBytes(result);
        }
        System.arraycopy(result, 0, out.array(), out.offset(), result.length);
        return a[2];
    }

    private Cipher start(boolean encrypt) {
        String transformation = switch (mode) {
            case MODE_ECB -> "AES/ECB/NoPadding";
            case MODE_CBC -> "AES/CBC/NoPadding";
            default -> "AES/CTR/NoPadding";
        };
        try {
            Cipher c = Cipher.getInstance(transformation);
            // CTR runs the block cipher forwards in both directions
            int direction = encrypt || mode == MODE_CTR ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            if (mode == MODE_ECB) {
                c.init(direction, spec);
            } else {
                c.init(direction, spec, new IvParameterSpec(iv));
            }
            return c;
        } catch (GeneralSecurityException e) {
            throw Py.runtimeError("AES unavailable: " + e.getMessage());
        }
    }

    @Override
    public PyType type() {
        return TYPE;
    }

    @Override
    public String repr() {
        return "<aes>";
    }
}
