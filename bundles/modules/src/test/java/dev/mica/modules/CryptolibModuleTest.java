package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CryptolibModuleTest {
    @Test
    void ecbMatchesTheFips197Example() {
        // FIPS-197 appendix C.1: AES-128 of 00112233...ff under key 00010203...0f
        PythonRun run = PythonRun.of("""
                from cryptolib import aes
                key = bytes(range(16))
                plain = bytes.fromhex("00112233445566778899aabbccddeeff")
                cipher = aes(key, 1).encrypt(plain)
                print(cipher.hex())
                print(aes(key, 1).decrypt(cipher) == plain)
                """);
        assertEquals("69c4e0d86a7b0430d8cdb78070b4c55a\nTrue\n", run.out, run.err);
    }

    @Test
    void cbcAndCtrCarryTheirStateAcrossCalls() {
        PythonRun run = PythonRun.of("""
                from cryptolib import aes
                key = b"k" * 32
                iv = b"i" * 16
                data = bytes(range(48))
                whole = aes(key, 2, iv).encrypt(data)
                e = aes(key, 2, iv)
                print(e.encrypt(data[:16]) + e.encrypt(data[16:]) == whole)
                print(aes(key, 2, iv).decrypt(whole) == data)
                c = aes(key, 6, iv)
                stream = c.encrypt(b"abc") + c.encrypt(b"defgh")
                print(len(stream), aes(key, 6, iv).decrypt(stream))
                out = bytearray(16)
                r = aes(key, 1).encrypt(data[:16], out)
                print(r is out, out == aes(key, 1).encrypt(data[:16]))
                """);
        assertEquals("True\nTrue\n8 b'abcdefgh'\nTrue True\n", run.out, run.err);
    }

    @Test
    void checksGiveMicroPythonsMessages() {
        PythonRun run = PythonRun.of("""
                from cryptolib import aes
                a = aes(b"1" * 16, 1)
                a.encrypt(b"1" * 16)
                for f in (lambda: aes(b"1" * 15, 1), lambda: aes(b"1" * 16, 3), lambda: aes(b"1" * 16, 2),
                          lambda: aes(b"1" * 16, 1, b"12"), lambda: a.encrypt(b"1" * 15),
                          lambda: a.decrypt(b"1" * 16), lambda: a.encrypt(b"1" * 16, bytearray(3)),
                          lambda: a.encrypt(b"1" * 16, b"1" * 16)):
                    try:
                        f()
                    except Exception as e:
                        print(type(e).__name__, e)
                print(a)
                """);
        assertEquals("ValueError key\nValueError mode\nValueError IV\nValueError IV\nValueError blksize % 16\n"
                + "ValueError can't encrypt & decrypt\nValueError output too small\n"
                + "TypeError object with buffer protocol required\n<aes>\n", run.out, run.err);
    }
}
