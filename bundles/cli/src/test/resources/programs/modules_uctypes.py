# uctypes: structures, arrays, bitfields and pointers over bytearrays (no address is printed)
import uctypes

POINT = {"x": uctypes.INT16 | 0, "y": uctypes.INT16 | 2}
desc = {
    "magic": (uctypes.ARRAY | 0, uctypes.UINT8 | 4),
    "version": uctypes.UINT16 | 4,
    "flags": uctypes.BFUINT16 | 6 | 0 << uctypes.BF_POS | 3 << uctypes.BF_LEN,
    "level": uctypes.BFUINT16 | 6 | 3 << uctypes.BF_POS | 5 << uctypes.BF_LEN,
    "origin": (8, POINT),
    "points": (uctypes.ARRAY | 12, 2, POINT),
    "words": (uctypes.ARRAY | 20, uctypes.INT32 | 2),
    "big": uctypes.UINT64 | 28,
    "f": uctypes.FLOAT32 | 36,
    "d": uctypes.FLOAT64 | 40,
}

for layout in ("LITTLE_ENDIAN", "BIG_ENDIAN"):
    buf = bytearray(56)
    s = uctypes.struct(uctypes.addressof(buf), desc, getattr(uctypes, layout))
    s.magic[0] = 0x4D
    s.version = 0x0102
    s.flags = 5
    s.level = 19
    s.origin.x = -2
    s.origin.y = 300
    s.points[1].x = 7
    s.words[0] = -1
    s.words[1] = 0x12345678
    s.big = 0xFEDCBA9876543210
    s.f = 1.5
    s.d = -0.25
    print(layout, uctypes.sizeof(desc, getattr(uctypes, layout)), uctypes.sizeof(s))
    print(buf.hex())
    print(s.magic, s.version, s.flags, s.level, s.origin.x, s.origin.y, s.points[1].x, s.words[0], hex(s.words[1]))
    print(hex(s.big), s.f, s.d)

target = bytearray(8)
buf = bytearray(56)
s = uctypes.struct(uctypes.addressof(buf), desc, uctypes.LITTLE_ENDIAN)
struct_ptr = uctypes.struct(uctypes.addressof(buf), {"p": (uctypes.PTR | 0, POINT)}, uctypes.LITTLE_ENDIAN)
buf[0:8] = uctypes.addressof(target).to_bytes(8, "little")
struct_ptr.p[1].y = -9
print(target, int(struct_ptr.p) == uctypes.addressof(target))
print(uctypes.bytes_at(uctypes.addressof(target) + 6, 2), uctypes.bytearray_at(uctypes.addressof(target), 2))
print(uctypes.sizeof({"a": uctypes.UINT8 | 0, "b": uctypes.UINT32 | 4, "c": uctypes.UINT8 | 8}))

for f in (lambda: uctypes.sizeof(s.version), lambda: s.points[5], lambda: s[0], lambda: uctypes.struct(0, [1]).x):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
