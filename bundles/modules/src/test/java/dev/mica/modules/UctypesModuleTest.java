package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UctypesModuleTest {
    @Test
    void structFieldsReadAndWriteTheBufferInPlace() {
        PythonRun run = PythonRun.of("""
                import uctypes
                desc = {
                    "a": uctypes.UINT16 | 0,
                    "b": uctypes.INT8 | 2,
                    "bits": uctypes.BFUINT8 | 3 | 4 << uctypes.BF_POS | 3 << uctypes.BF_LEN,
                    "arr": (uctypes.ARRAY | 4, uctypes.UINT16 | 2),
                    "sub": (6, {"x": uctypes.UINT8 | 0}),
                }
                buf = bytearray(b"\\x01\\x02\\xff\\x50\\x03\\x00\\x04\\x00")
                le = uctypes.struct(uctypes.addressof(buf), desc, uctypes.LITTLE_ENDIAN)
                be = uctypes.struct(uctypes.addressof(buf), desc, uctypes.BIG_ENDIAN)
                print(hex(le.a), hex(be.a), le.b, le.bits, le.arr[1], be.arr[0], le.sub.x)
                le.a = 0x1234
                le.bits = 7
                be.arr[1] = 0x0506
                print(buf)
                print(uctypes.sizeof(desc), uctypes.sizeof(le), uctypes.sizeof(desc, uctypes.LITTLE_ENDIAN))
                """);
        assertEquals("0x201 0x102 -1 5 4 768 4\n"
                + "bytearray(b'4\\x12\\xffp\\x03\\x00\\x05\\x06')\n"
                + "8 8 8\n", run.out, run.err);
    }

    @Test
    void pointersFollowAddressesOfOtherBuffers() {
        PythonRun run = PythonRun.of("""
                import uctypes
                target = bytearray(b"hello")
                holder = bytearray(uctypes.addressof(target).to_bytes(8, "little"))
                s = uctypes.struct(uctypes.addressof(holder), {"p": (uctypes.PTR | 0, uctypes.UINT8)})
                print(int(s.p) == uctypes.addressof(target), s.p[1], chr(s.p[4]))
                print(uctypes.bytes_at(uctypes.addressof(target) + 1, 3))
                view = uctypes.bytearray_at(uctypes.addressof(target), 2)
                view[0] = ord("J")
                print(target)
                """);
        assertEquals("True 101 o\nb'ell'\nbytearray(b'Jello')\n", run.out, run.err);
    }

    @Test
    void errorsAreMicroPythons() {
        PythonRun run = PythonRun.of("""
                import uctypes
                buf = bytearray(4)
                for f in (lambda: uctypes.struct(buf, {}),
                          lambda: uctypes.struct(uctypes.addressof(buf), []).x,
                          lambda: uctypes.struct(uctypes.addressof(buf), {"x": []}).x,
                          lambda: uctypes.sizeof(uctypes.struct(0, {"a": uctypes.UINT8 | 0}).a),
                          lambda: uctypes.struct(uctypes.addressof(buf), (uctypes.ARRAY | 0, uctypes.UINT8 | 2))[2],
                          lambda: uctypes.bytes_at(0, 1),
                          lambda: hash(uctypes.struct(0, {}))):
                    try:
                        f()
                    except Exception as e:
                        print(type(e).__name__, e)
                print(uctypes.struct(0, {}))
                """);
        assertEquals("TypeError can't convert bytearray to int\n"
                + "TypeError struct: no fields\n"
                + "TypeError syntax error in uctypes descriptor\n"
                + "ValueError invalid address 0x0\n"
                + "IndexError struct: index out of range\n"
                + "ValueError invalid address 0x0\n"
                + "TypeError unsupported type for __hash__: 'struct'\n"
                + "<struct STRUCT 0>\n", run.out, run.err);
    }

    @Test
    void structPackedStringPointersUnpackAsText() {
        PythonRun run = PythonRun.of("""
                import struct, uctypes
                text = "abc"
                packed = struct.pack("<S", uctypes.addressof(text))
                print(struct.unpack("<S", packed)[0] == text)
                """);
        assertEquals("True\n", run.out, run.err);
    }
}
