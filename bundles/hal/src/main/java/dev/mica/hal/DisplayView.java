package dev.mica.hal;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A display whose picture can be read back, such as a simulated display chip: what its panel
 * shows now, for a console or a test to look at. Real panels cannot be read back and do not
 * offer this service.
 * <p>
 * Registered with the {@link HalProperties} of the chip behind it: {@link HalProperties#BOARD},
 * {@link HalProperties#BUS}, {@link HalProperties#CHIP} and, on I2C, {@link HalProperties#ADDRESS}.
 * Implementations are thread safe: an app draws while a client reads.
 */
@ProviderType
public interface DisplayView {
    /** The panel's width in pixels. */
    int width();

    /** The panel's height in pixels. */
    int height();

    /**
     * A number that moves whenever the picture may have changed (pixels or display state):
     * a client that saw a frame with the same count may skip this one.
     */
    long changeCount();

    /** The picture the panel shows now, taken as one consistent frame (a fresh copy on every call). */
    Frame snapshot();

    /**
     * One frame of a display.
     *
     * @param width       pixels per row
     * @param height      rows
     * @param rgb         the colours as the panel shows them ({@code 0xRRGGBB}), row by row from the top
     *                    left; a panel that is off shows black
     * @param on          whether the panel is switched on (true for a display without a switch)
     * @param inverted    whether the chip inverts the picture (already applied to {@code rgb})
     * @param contrast    the chip's contrast or brightness setting, 0..255; -1 if it has none
     * @param changeCount the {@link DisplayView#changeCount()} this frame was taken at
     */
    record Frame(int width, int height, int[] rgb, boolean on, boolean inverted, int contrast, long changeCount) {
        /** Checks that the pixels fill the frame exactly. */
        public Frame {
            Objects.requireNonNull(rgb, "rgb");
            if (width < 1 || height < 1 || (long) width * height != rgb.length) {
                throw new IllegalArgumentException("a " + width + "x" + height + " frame cannot hold " + rgb.length + " pixels");
            }
            if (contrast < -1 || contrast > 255) {
                throw new IllegalArgumentException("contrast must be -1 or 0..255: " + contrast);
            }
        }

        /** The colour of pixel (x, y), origin top left. */
        public int pixel(int x, int y) {
            if (x < 0 || x >= width || y < 0 || y >= height) {
                throw new IndexOutOfBoundsException("pixel " + x + "," + y + " outside " + width + "x" + height);
            }
            return rgb[y * width + x];
        }
    }
}
