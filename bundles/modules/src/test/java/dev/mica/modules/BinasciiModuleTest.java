package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinasciiModuleTest {
    @Test
    void hexRoundTripsAndRefusesNonHex() {
        PythonRun run = PythonRun.of("""
                import binascii
                print(binascii.hexlify(b'\\x00\\xab\\xff'), binascii.hexlify(b'ab', ':'), binascii.unhexlify('00abFF'))
                try:
                    binascii.unhexlify(b'abc')
                except ValueError as e:
                    print(e)
                """);
        assertEquals("b'00abff' b'61:62' b'\\x00\\xab\\xff'\nnon-hex digit\n", run.out, run.err);
    }

    @Test
    void base64EncodesAndDecodesLeniently() {
        PythonRun run = PythonRun.of("""
                import binascii
                print(binascii.b2a_base64(b'foob'), binascii.b2a_base64(b'fo', newline=False))
                print(binascii.a2b_base64(b'Zm9v\\nYmFy'), binascii.a2b_base64(b'Zm8=YmFy'), binascii.a2b_base64(b'Zg=='))
                for bad in (b'abc', b'Zm='):
                    try:
                        binascii.a2b_base64(bad)
                    except ValueError as e:
                        print(e)
                """);
        assertEquals("b'Zm9vYg==\\n' b'Zm8='\nb'foobar' b'fo' b'f'\nincorrect padding\nincorrect padding\n", run.out, run.err);
    }

    @Test
    void crc32MatchesTheStandardCheckValueAndChains() {
        PythonRun run = PythonRun.of("""
                import binascii
                print(hex(binascii.crc32(b'123456789')), hex(binascii.crc32(b'')))
                print(binascii.crc32(b'6789', binascii.crc32(b'12345')) == binascii.crc32(b'123456789'))
                """);
        assertEquals("0xcbf43926 0x0\nTrue\n", run.out, run.err);
    }
}
