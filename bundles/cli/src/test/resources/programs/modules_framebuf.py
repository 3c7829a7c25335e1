# framebuf: every format, drawing primitives, text, blit and scroll, shown as buffer bytes
import framebuf

FORMATS = (
    ("MONO_VLSB", 1), ("MONO_HLSB", 1), ("MONO_HMSB", 1),
    ("GS2_HMSB", 2), ("GS4_HMSB", 4), ("GS8", 8), ("RGB565", 16),
)

for name, bpp in FORMATS:
    w, h = 12, 10
    buf = bytearray((w * ((h + 7) // 8 * 8) * bpp + 7) // 8)
    fb = framebuf.FrameBuffer(buf, w, h, getattr(framebuf, name))
    colour = (1 << bpp) - 1
    fb.fill(0)
    fb.rect(1, 1, 10, 8, colour)
    fb.line(0, 9, 11, 0, colour // 2 or 1)
    fb.hline(-3, 4, 20, colour)
    fb.vline(6, -2, 20, colour)
    fb.ellipse(6, 5, 4, 3, colour, False, 0b0101)
    fb.fill_rect(9, 7, 5, 5, 1)
    print(name, buf.hex())
    print(" ", fb.pixel(1, 1), fb.pixel(6, 0), fb.pixel(20, 20))

from array import array

buf = bytearray(16 * 16)
fb = framebuf.FrameBuffer(buf, 16, 16, framebuf.GS8)
fb.poly(1, 1, array("h", (0, 0, 12, 2, 6, 13)), 5, True)
fb.poly(0, 0, array("b", (15, 0, 15, 15, 10, 8)), 9)
for y in range(16):
    print("".join(".#*"[min(2, (v + 4) // 5)] for v in buf[y * 16:y * 16 + 16]))

buf = bytearray(32 * 8 // 8 * 2)
fb = framebuf.FrameBuffer(buf, 32, 8, framebuf.MONO_HLSB)
fb.text("Mi\xe9", 1, 0)
for y in range(8):
    print("".join("#" if fb.pixel(x, y) else "." for x in range(32)))

src = framebuf.FrameBuffer(bytearray(b"\x00\x01\x02\x03"), 2, 2, framebuf.GS8)
pal = framebuf.FrameBuffer(bytearray(b"\x0a\x0b\x0c\x0d"), 4, 1, framebuf.GS8)
dst_buf = bytearray(16)
dst = framebuf.FrameBuffer(dst_buf, 4, 4, framebuf.GS8)
dst.blit(src, 1, 1)
dst.blit(src, -1, 2, 0)
dst.blit(src, 2, -1, 0x0a, pal)
print(dst_buf.hex())
dst.scroll(1, -1)
print(dst_buf.hex())

for args in ((bytearray(8), 8, 8, 99), (bytearray(7), 8, 8, framebuf.MONO_VLSB), (bytearray(8), 0, 8, 0)):
    try:
        framebuf.FrameBuffer(*args)
    except ValueError as e:
        print("ValueError", e)
legacy = framebuf.FrameBuffer1(bytearray(8), 8, 8)
legacy.pixel(0, 7, 1)
print(bytes(legacy))
