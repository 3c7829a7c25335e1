package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Pictures written by the PNG writer, read back with the JDK's own PNG reader. */
class PngWriterTest {
    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "ImageIO reads it as an image");
        return image;
    }

    /** Every pixel of the decoded image is the source pixel it was scaled from. */
    private static void assertPixels(int width, int height, int[] rgb, int scale, BufferedImage image) {
        assertEquals(width * scale, image.getWidth());
        assertEquals(height * scale, image.getHeight());
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                assertEquals(rgb[(y / scale) * width + x / scale] & 0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF,
                        "pixel " + x + "," + y);
            }
        }
    }

    /** A picture using the given colours, in a pattern that changes along both axes. */
    private static int[] picture(int width, int height, int... colours) {
        int[] rgb = new int[width * height];
        Random random = new Random(width * 31L + height);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = colours[random.nextInt(colours.length)];
        }
        return rgb;
    }

    /** The value of byte {@code at} of the IHDR chunk's data (8 = bit depth, 9 = colour type). */
    private static int headerByte(byte[] png, int at) {
        assertEquals("IHDR", new String(png, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        return png[16 + at] & 0xFF;
    }

    @Test
    void aMonochromePanelIsAOneBitPaletteImage() throws IOException {
        // 13 pixels a row: the last byte of each row is partly filled
        int[] rgb = picture(13, 7, 0x000000, 0xFFFFFF);
        byte[] png = PngWriter.encode(13, 7, rgb, 1);
        assertEquals(1, headerByte(png, 8), "bit depth");
        assertEquals(3, headerByte(png, 9), "palette");
        assertPixels(13, 7, rgb, 1, decode(png));
    }

    @Test
    void scaledUpEachPixelIsASquare() throws IOException {
        int[] rgb = picture(128, 64, 0x000000, 0xFFFFFF);
        for (int scale : new int[] {2, 3, 4}) {
            assertPixels(128, 64, rgb, scale, decode(PngWriter.encode(128, 64, rgb, scale)));
        }
    }

    @Test
    void eachPaletteSizeGetsTheSmallestBitDepth() throws IOException {
        int[][] cases = {{3, 2}, {4, 2}, {5, 4}, {16, 4}, {17, 8}, {256, 8}};
        for (int[] c : cases) {
            int[] colours = new int[c[0]];
            for (int i = 0; i < colours.length; i++) {
                colours[i] = i * 0x010203 + 0x102030;
            }
            int[] rgb = picture(37, 11, colours);
            // make sure every colour is present, so the palette has exactly that many entries
            System.arraycopy(colours, 0, rgb, 0, Math.min(colours.length, rgb.length));
            byte[] png = PngWriter.encode(37, 11, rgb, 2);
            assertEquals(c[1], headerByte(png, 8), c[0] + " colours");
            assertPixels(37, 11, rgb, 2, decode(png));
        }
    }

    @Test
    void moreThan256ColoursAreWrittenAsRgb() throws IOException {
        int[] rgb = new int[40 * 20];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i * 0x00A3C5 & 0xFFFFFF;
        }
        byte[] png = PngWriter.encode(40, 20, rgb, 1);
        assertEquals(8, headerByte(png, 8));
        assertEquals(2, headerByte(png, 9), "truecolour");
        assertPixels(40, 20, rgb, 1, decode(png));
    }

    @Test
    void theLayoutIsSignatureThenChunksWithRightCrcs() {
        byte[] png = PngWriter.encode(2, 2, new int[] {0, 0xFFFFFF, 0xFFFFFF, 0}, 1);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(png, 8));
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        StringBuilder types = new StringBuilder();
        while (in.hasRemaining()) {
            int length = in.getInt();
            byte[] typeAndData = new byte[4 + length];
            in.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + new String(typeAndData, 0, 4));
            types.append(new String(typeAndData, 0, 4)).append(' ');
        }
        assertEquals("IHDR PLTE IDAT IEND ", types.toString());
    }

    @Test
    void wrongSizesAndScalesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(4, 4, new int[15], 1));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(0, 4, new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(4, 4, new int[16], 0));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(4096, 1, new int[4096], 4097));
    }
}
