package dev.mica.driver.sim;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import dev.mica.hal.DisplayView;

/**
 * The SSD1306 OLED controller behind either bus front end: the command decoder (multi-byte
 * commands collect their arguments), the 128x64 GDDRAM with its three addressing modes, and
 * the panel, which shows the RAM through segment remap, COM scan direction, multiplex ratio,
 * display offset, start line, inversion and display on/off.
 * <p>
 * The simulated panel is mounted as on the usual modules: the image is upright when the
 * driver sets segment remap (0xA1) and reversed COM scan (0xC8), as MicroPython's ssd1306
 * driver does. Narrow panels use the middle columns of the RAM.
 * <p>
 * As a {@link DisplayView} it shows that panel; its change count moves with every RAM byte
 * that takes a new value and every command that changes how the RAM is shown.
 */
final class Ssd1306Controller implements DisplayView {
    static final int RAM_COLUMNS = 128;
    static final int RAM_PAGES = 8;
    private static final int LIT = 0xFFFFFF;
    private static final int DARK = 0x000000;

    private final int width;
    private final int height;
    private final boolean externalVcc;
    private final byte[] ram = new byte[RAM_COLUMNS * RAM_PAGES];

    private final int[] command = new int[7];
    private int commandLength;
    private int commandExpected;

    private boolean displayOn;
    private int contrast;
    private boolean entireDisplayOn;
    private boolean inverse;
    private int addressingMode;
    private int columnStart;
    private int columnEnd;
    private int pageStart;
    private int pageEnd;
    private int pageModeColumnStart;
    private int column;
    private int page;
    private int startLine;
    private boolean segmentRemap;
    private boolean comScanReversed;
    private int multiplexRatio;
    private int displayOffset;
    private int comPinsConfig;
    private int clockDivide;
    private int precharge;
    private int vcomDeselect;
    private boolean chargePump;
    private boolean scrolling;
    private volatile long changeCount;

    Ssd1306Controller(int width, int height, boolean externalVcc) {
        if (width < 1 || width > RAM_COLUMNS || height < 8 || height > 64 || height % 8 != 0) {
            throw new IllegalArgumentException("SSD1306 panel size not possible: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.externalVcc = externalVcc;
        reset();
    }

    /** The state after the RES# pin was pulsed (datasheet: reset values of each command). */
    synchronized void reset() {
        commandLength = 0;
        commandExpected = 0;
        displayOn = false;
        contrast = 0x7F;
        entireDisplayOn = false;
        inverse = false;
        addressingMode = 2; // page addressing
        columnStart = 0;
        columnEnd = RAM_COLUMNS - 1;
        pageStart = 0;
        pageEnd = RAM_PAGES - 1;
        pageModeColumnStart = 0;
        column = 0;
        page = 0;
        startLine = 0;
        segmentRemap = false;
        comScanReversed = false;
        multiplexRatio = 63;
        displayOffset = 0;
        comPinsConfig = 0x12;
        clockDivide = 0x80;
        precharge = 0x22;
        vcomDeselect = 0x20;
        chargePump = false;
        scrolling = false;
        changeCount++;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public long changeCount() {
        return changeCount;
    }

    synchronized boolean isDisplayOn() {
        return displayOn;
    }

    synchronized int contrast() {
        return contrast;
    }

    synchronized boolean isInverse() {
        return inverse;
    }

    synchronized int addressingMode() {
        return addressingMode;
    }

    synchronized boolean isScrolling() {
        return scrolling;
    }

    /** Timing and drive settings, for inspection: clock divide, precharge, VCOMH, COM pins. */
    synchronized int[] timingSettings() {
        return new int[] {clockDivide, precharge, vcomDeselect, comPinsConfig};
    }

    /** A copy of the GDDRAM, page by page, 128 bytes each; bit 0 of a byte is the top row. */
    synchronized byte[] ram() {
        return ram.clone();
    }

    /** One command byte (D/C# low). */
    synchronized void command(int value) {
        if (commandExpected > 0) {
            command[commandLength++] = value;
            if (commandLength == commandExpected) {
                execute();
                commandExpected = 0;
                commandLength = 0;
            }
            return;
        }
        command[0] = value;
        commandLength = 1;
        commandExpected = 1 + argumentCount(value);
        if (commandExpected == 1) {
            execute();
            commandExpected = 0;
            commandLength = 0;
        }
    }

    private static int argumentCount(int opcode) {
        return switch (opcode) {
            case 0x20, 0x81, 0x8D, 0xA8, 0xAD, 0xD3, 0xD5, 0xD9, 0xDA, 0xDB -> 1;
            case 0x21, 0x22, 0xA3 -> 2;
            case 0x29, 0x2A -> 5;
            case 0x26, 0x27 -> 6;
            default -> 0;
        };
    }

    private void execute() {
        long visibleBefore = visibleState();
        apply();
        if (visibleState() != visibleBefore) {
            changeCount++;
        }
    }

    /** What decides how the RAM appears on the panel, packed into one number to compare. */
    private long visibleState() {
        return (displayOn ? 1 : 0) | (entireDisplayOn ? 2 : 0) | (inverse ? 4 : 0) | (segmentRemap ? 8 : 0)
                | (comScanReversed ? 16 : 0) | (chargePump ? 32 : 0) | (long) startLine << 6
                | (long) multiplexRatio << 12 | (long) displayOffset << 18 | (long) contrast << 24;
    }

    private void apply() {
        int opcode = command[0];
        int arg = command[1];
        if (opcode <= 0x0F) {
            pageModeColumnStart = (pageModeColumnStart & 0xF0) | opcode;
            column = pageModeColumnStart;
        } else if (opcode <= 0x1F) {
            pageModeColumnStart = ((opcode & 0x07) << 4) | (pageModeColumnStart & 0x0F);
            column = pageModeColumnStart;
        } else if (opcode >= 0x40 && opcode <= 0x7F) {
            startLine = opcode & 0x3F;
        } else if (opcode >= 0xB0 && opcode <= 0xB7) {
            page = opcode & 0x07;
        } else {
            switch (opcode) {
                case 0x20 -> {
                    if ((arg & 0x03) != 3) { // 0b11 is invalid and ignored
                        addressingMode = arg & 0x03;
                    }
                }
                case 0x21 -> {
                    columnStart = arg & 0x7F;
                    columnEnd = command[2] & 0x7F;
                    column = columnStart;
                }
                case 0x22 -> {
                    pageStart = arg & 0x07;
                    pageEnd = command[2] & 0x07;
                    page = pageStart;
                }
                case 0x26, 0x27, 0x29, 0x2A, 0xA3 -> scrolling = false; // setting up a scroll stops it
                case 0x2E -> scrolling = false;
                case 0x2F -> scrolling = true;
                case 0x81 -> contrast = arg;
                case 0x8D -> chargePump = (arg & 0x04) != 0;
                case 0xA0, 0xA1 -> segmentRemap = opcode == 0xA1;
                case 0xA4, 0xA5 -> entireDisplayOn = opcode == 0xA5;
                case 0xA6, 0xA7 -> inverse = opcode == 0xA7;
                case 0xA8 -> {
                    if ((arg & 0x3F) >= 15) { // MUX values 0..14 are invalid
                        multiplexRatio = arg & 0x3F;
                    }
                }
                case 0xAE, 0xAF -> displayOn = opcode == 0xAF;
                case 0xC0, 0xC8 -> comScanReversed = opcode == 0xC8;
                case 0xD3 -> displayOffset = arg & 0x3F;
                case 0xD5 -> clockDivide = arg;
                case 0xD9 -> precharge = arg;
                case 0xDA -> comPinsConfig = arg & 0x32;
                case 0xDB -> vcomDeselect = arg & 0x70;
                default -> { } // NOP (0xE3), IREF select (0xAD) and unknown codes change nothing visible
            }
        }
    }

    /** One data byte (D/C# high): stored at the RAM pointer, which then moves on. */
    synchronized void data(int value) {
        int index = page * RAM_COLUMNS + column;
        if (ram[index] != (byte) value) {
            ram[index] = (byte) value;
            changeCount++;
        }
        switch (addressingMode) {
            case 0 -> { // horizontal: along the column window, then to the next page
                if (++column > columnEnd) {
                    column = columnStart;
                    if (++page > pageEnd) {
                        page = pageStart;
                    }
                }
            }
            case 1 -> { // vertical: down the page window, then to the next column
                if (++page > pageEnd) {
                    page = pageStart;
                    if (++column > columnEnd) {
                        column = columnStart;
                    }
                }
            }
            default -> { // page mode: along one page only
                if (++column > RAM_COLUMNS - 1) {
                    column = pageModeColumnStart;
                }
            }
        }
    }

    /** The status byte a read returns: bit 6 set while the display is off. */
    synchronized int status() {
        return displayOn ? 0x00 : 0x40;
    }

    /** Whether the pixel at (x, y) of the panel (origin top left) is lit. */
    synchronized boolean isLit(int x, int y) {
        boolean panelPowered = displayOn && (chargePump || externalVcc);
        if (!panelPowered) {
            return false;
        }
        if (entireDisplayOn) {
            return true; // output ignores the RAM
        }
        return ramPixel(x, y) != inverse;
    }

    private boolean ramPixel(int x, int y) {
        // The panel's row y is wired to COM (height-1-y) and its column x to SEG (127-offset-x).
        int com = height - 1 - y;
        if (com > multiplexRatio) {
            return false; // rows beyond the multiplex ratio are not scanned
        }
        int scanRow = comScanReversed ? multiplexRatio - com : com;
        int row = (scanRow + displayOffset + startLine) & 0x3F;
        int segment = RAM_COLUMNS - 1 - (RAM_COLUMNS - width) / 2 - x;
        int ramColumn = segmentRemap ? RAM_COLUMNS - 1 - segment : segment;
        return ((ram[(row >> 3) * RAM_COLUMNS + ramColumn] >> (row & 7)) & 1) != 0;
    }

    @Override
    public synchronized Frame snapshot() {
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb[y * width + x] = isLit(x, y) ? LIT : DARK;
            }
        }
        return new Frame(width, height, rgb, displayOn, inverse, contrast, changeCount);
    }

    /** The panel as an image, each pixel drawn as a {@code scale}x{@code scale} square. */
    BufferedImage render(int scale) {
        Frame frame = snapshot();
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                image.setRGB(x, y, frame.pixel(x / scale, y / scale));
            }
        }
        return image;
    }

    /** The panel as a PNG file's bytes. */
    byte[] renderPng(int scale) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(scale), "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
