package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HashlibModuleTest {
    @Test
    void digestsMatchTheStandardTestVectors() {
        PythonRun run = PythonRun.of("""
                import hashlib, binascii
                for name in ('md5', 'sha1', 'sha256'):
                    h = getattr(hashlib, name)(b'a')
                    h.update(b'bc')
                    print(name, binascii.hexlify(h.digest()).decode(), h)
                """);
        assertEquals("""
                md5 900150983cd24fb0d6963f7d28e17f72 <md5>
                sha1 a9993e364706816aba3e25717850c26c9cd0d89d <sha1>
                sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad <sha256>
                """, run.out, run.err);
    }

    @Test
    void aDigestFinishesTheHash() {
        PythonRun run = PythonRun.of("""
                import hashlib
                h = hashlib.sha256()
                h.digest()
                for call in (h.digest, lambda: h.update(b'x'), lambda: hashlib.md5(1), lambda: hashlib.sha1(b'', b'')):
                    try:
                        call()
                    except Exception as e:
                        print(type(e).__name__, e)
                """);
        assertEquals("""
                ValueError hash is final
                ValueError hash is final
                TypeError object with buffer protocol required
                TypeError function expected at most 1 arguments, got 2
                """, run.out, run.err);
    }
}
