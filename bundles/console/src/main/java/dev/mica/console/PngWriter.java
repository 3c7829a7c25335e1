package dev.mica.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A PNG encoder for pictures of displays (PNG specification, ISO/IEC 15948), so the console
 * needs neither ImageIO (java.desktop) nor a library. A picture of at most 256 colours (every
 * monochrome panel) is written with a palette at the smallest bit depth that holds it (1, 2,
 * 4 or 8 bits a pixel), others as 8-bit RGB. No interlacing, no row filters: display pictures
 * are flat areas that Deflate packs well as they are.
 */
final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int PALETTE = 3;
    private static final int TRUECOLOR = 2;
    /** Beyond this many pixels (4096x4096) a picture is refused rather than encoded. */
    static final long MAX_PIXELS = 4096L * 4096L;

    private PngWriter() {
    }

    /**
     * Encodes a picture given as {@code 0xRRGGBB} pixels row by row from the top left, each
     * pixel drawn as a {@code scale}x{@code scale} square.
     */
    static byte[] encode(int width, int height, int[] rgb, int scale) {
        if (width < 1 || height < 1 || (long) width * height != rgb.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture cannot have " + rgb.length + " pixels");
        }
        if (scale < 1 || (long) width * scale * height * scale > MAX_PIXELS) {
            throw new IllegalArgumentException("scale " + scale + " is out of range for a " + width + "x" + height + " picture");
        }
        int outWidth = width * scale;
        int outHeight = height * scale;
        Map<Integer, Integer> palette = palette(rgb);
        int bitDepth = palette == null ? 8 : bitDepth(palette.size());

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, outWidth);
        putInt(header, 4, outHeight);
        header[8] = (byte) bitDepth;
        header[9] = (byte) (palette == null ? TRUECOLOR : PALETTE);
        // bytes 10..12: compression 0 (Deflate), filter method 0, no interlace
        chunk(png, "IHDR", header);
        if (palette != null) {
            byte[] entries = new byte[palette.size() * 3];
            palette.forEach((colour, index) -> {
                entries[index * 3] = (byte) (colour >> 16);
                entries[index * 3 + 1] = (byte) (colour >> 8);
                entries[index * 3 + 2] = (byte) colour.intValue();
            });
            chunk(png, "PLTE", entries);
        }
        chunk(png, "IDAT", deflate(rows(width, height, rgb, scale, palette, bitDepth, outWidth)));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Colour to palette index in order of first appearance, or null when there are more than 256 colours. */
    private static Map<Integer, Integer> palette(int[] rgb) {
        Map<Integer, Integer> palette = new LinkedHashMap<>();
        for (int pixel : rgb) {
            int colour = pixel & 0xFFFFFF;
            if (!palette.containsKey(colour)) {
                if (palette.size() == 256) {
                    return null;
                }
                palette.put(colour, palette.size());
            }
        }
        return palette;
    }

    private static int bitDepth(int colours) {
        return colours <= 2 ? 1 : colours <= 4 ? 2 : colours <= 16 ? 4 : 8;
    }

    /** The image data before compression: each row a filter-type byte (0, none) and its packed pixels. */
    private static byte[] rows(int width, int height, int[] rgb, int scale, Map<Integer, Integer> palette, int bitDepth,
            int outWidth) {
        int rowBytes = palette == null ? outWidth * 3 : (outWidth * bitDepth + 7) / 8;
        byte[] data = new byte[(rowBytes + 1) * height * scale];
        byte[] row = new byte[rowBytes];
        int[] index = new int[palette == null ? 0 : rgb.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = palette.get(rgb[i] & 0xFFFFFF);
        }
        int at = 0;
        for (int y = 0; y < height; y++) {
            Arrays.fill(row, (byte) 0);
            for (int x = 0; x < outWidth; x++) {
                int source = y * width + x / scale;
                if (palette == null) {
                    int colour = rgb[source];
                    row[x * 3] = (byte) (colour >> 16);
                    row[x * 3 + 1] = (byte) (colour >> 8);
                    row[x * 3 + 2] = (byte) colour;
                } else {
                    // pixels fill a byte from its most significant bits down
                    int bit = x * bitDepth;
                    row[bit >> 3] |= (byte) (index[source] << (8 - bitDepth - (bit & 7)));
                }
            }
            for (int copy = 0; copy < scale; copy++) {
                data[at++] = 0;
                System.arraycopy(row, 0, data, at, rowBytes);
                at += rowBytes;
            }
        }
        return data;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 8));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A chunk: length, type, data and the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] word = new byte[4];
        putInt(word, 0, data.length);
        png.writeBytes(word);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        putInt(word, 0, (int) crc.getValue());
        png.writeBytes(word);
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }
}
