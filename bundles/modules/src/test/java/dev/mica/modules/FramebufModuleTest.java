package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FramebufModuleTest {
    @Test
    void pixelsLandInTheCallersBufferInEachFormat() {
        PythonRun run = PythonRun.of("""
                import framebuf
                for name, size in (("MONO_VLSB", 8), ("MONO_HLSB", 8), ("MONO_HMSB", 8), ("GS2_HMSB", 16),
                                   ("GS4_HMSB", 32), ("GS8", 64), ("RGB565", 128)):
                    buf = bytearray(size)
                    fb = framebuf.FrameBuffer(buf, 8, 8, getattr(framebuf, name))
                    fb.pixel(1, 0, 0xffff)
                    fb.pixel(0, 1, 1)
                    print(name, buf.hex()[:8], fb.pixel(1, 0), fb.pixel(0, 1), fb.pixel(9, 9))
                """);
        assertEquals("MONO_VLSB 02010000 1 1 None\n"
                + "MONO_HLSB 40800000 1 1 None\n"
                + "MONO_HMSB 02010000 1 1 None\n"
                + "GS2_HMSB 0c000100 3 1 None\n"
                + "GS4_HMSB 0f000000 15 1 None\n"
                + "GS8 00ff0000 255 1 None\n"
                + "RGB565 0000ffff 65535 1 None\n", run.out, run.err);
    }

    @Test
    void shapesAreClippedToTheFrame() {
        PythonRun run = PythonRun.of("""
                import framebuf
                buf = bytearray(25)
                fb = framebuf.FrameBuffer(buf, 5, 5, framebuf.GS8)
                fb.rect(-1, 1, 4, 3, 1)
                fb.line(0, 0, 4, 4, 2)
                fb.fill_rect(3, 3, 10, 10, 3)
                for y in range(5):
                    print(bytes(buf[y * 5:y * 5 + 5]).hex())
                fb.fill(0)
                fb.ellipse(2, 2, 2, 1, 7, True)
                print(sum(1 for b in buf if b == 7))
                """);
        assertEquals("0200000000\n0102010000\n0000020000\n0101010303\n0000000303\n11\n", run.out, run.err);
    }

    @Test
    void textUsesTheEightByEightFont() {
        PythonRun run = PythonRun.of("""
                import framebuf
                buf = bytearray(8)
                fb = framebuf.FrameBuffer(buf, 8, 8, framebuf.MONO_HLSB)
                fb.text("!", 0, 0)
                print(buf.hex())
                fb.fill(0)
                fb.text("\\x01", 0, 0)
                print(buf.hex())
                """);
        // '!' is a two-pixel-wide bar with a gap above its dot; outside 32..127 the DEL glyph (a checkerboard) is drawn
        assertEquals("1818181800001800\n55aa55aa55aa55aa\n", run.out, run.err);
    }

    @Test
    void blitHonoursKeyAndPaletteAndScrollMovesPixels() {
        PythonRun run = PythonRun.of("""
                import framebuf
                src = framebuf.FrameBuffer(bytearray(b"\\x01\\x02\\x00\\x01"), 2, 2, framebuf.GS8)
                palette = framebuf.FrameBuffer(bytearray(b"\\x00\\x09\\x05"), 3, 1, framebuf.GS8)
                dst_buf = bytearray(b"\\x07" * 9)
                dst = framebuf.FrameBuffer(dst_buf, 3, 3, framebuf.GS8)
                dst.blit(src, 1, 1, 0, palette)
                print(dst_buf.hex())
                dst.scroll(-1, -1)
                print(dst_buf.hex())
                class Sub(framebuf.FrameBuffer):
                    def __init__(self):
                        super().__init__(bytearray(4), 2, 2, framebuf.GS8)
                s = Sub()
                s.fill(4)
                print(bytes(s))
                try:
                    dst.blit(object(), 0, 0)
                except TypeError:
                    print("TypeError")
                """);
        assertEquals("070707070905070709\n090507070905070709\nb'\\x04\\x04\\x04\\x04'\nTypeError\n", run.out, run.err);
    }
}
