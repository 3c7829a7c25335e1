# struct: formats, byte orders, counts, offsets and errors
import struct
print(struct.calcsize("<bI"), struct.calcsize(">h2s3x"), struct.calcsize("bi"), struct.calcsize("hq"), struct.calcsize("<q"))
print(struct.pack("<hHiIqQ", -1, 2, -3, 4, -5, 6))
print(struct.pack(">hHiIqQ", -1, 2, -3, 4, -5, 6))
print(struct.pack("!i", 123), struct.pack("<bxB", 1, 2), struct.pack("bi", 1, 2), struct.pack("<3B", 1, 2, 3))
print(struct.unpack("<hHiI", b"\xff\xff\x02\x00\xfd\xff\xff\xff\x04\x00\x00\x00"))
print(struct.unpack(">q", b"\xff" * 8), struct.unpack("<Q", b"\xff" * 8), struct.unpack("bi", b"\x01\0\0\0\x02\0\0\0"))
print(struct.pack("<6sH", b"foo", 10000), struct.unpack("<6sH", b"foo\0\0\0\x12\x34"), struct.pack("2s", b"123"))
print(struct.pack("<fde", 1.5, -2.25, 0.5), struct.unpack("<fde", struct.pack("<fde", 1.5, -2.25, 0.5)))
print(struct.pack("<b", 300), struct.pack("<B", -1), struct.pack("<2I", 1), struct.pack("<i", 1, 2))
print(struct.pack("<Q", 2**64 - 1), struct.pack("<q", -2**63), struct.pack("<h", -2 + (1 << 70) - (1 << 70)))
buf = bytearray(b">>>123<<<")
struct.pack_into("<bbb", buf, 3, 65, 66, 67)
struct.pack_into("<b", buf, -1, 33)
print(buf, struct.unpack_from("<b", b"0123456789", 4), struct.unpack_from("<b", b"0123456789", -4))
print(struct.unpack("<h", memoryview(b"0123")[1:3]), struct.unpack("<HH", bytearray(b"abcd")), struct.unpack("4s", "abcd"))
for expr in ["struct.unpack('I', b'123')", "struct.pack(1, 2)", "struct.pack('z', 1)", "struct.calcsize('1')",
             "struct.calcsize('=i')", "struct.pack_into('<I', bytearray(2), 0, 1)", "struct.pack_into('b', b'x', 0, 1)",
             "struct.unpack_from('<b', b'01', -3)", "struct.pack('<i', 1.5)", "struct.pack('s', 1)", "struct.pack('<f', 'x')"]:
    try:
        print(expr, eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)
