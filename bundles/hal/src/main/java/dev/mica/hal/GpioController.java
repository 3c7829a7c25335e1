package dev.mica.hal;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A GPIO controller (a board's GPIO block or an expander), registered with
 * {@link HalProperties#BOARD}, {@link HalProperties#CONTROLLER} and {@link HalProperties#PIN_NAMES}.
 */
@ProviderType
public interface GpioController {
    /** The numbers of the pins this controller has, ascending. */
    List<Integer> pinNumbers();

    /** The pin with this number; {@link HalException#ENODEV} if there is none. */
    GpioPin pin(int number);

    /** The pin with this board name; {@link HalException#ENODEV} if there is none. */
    GpioPin pin(String name);
}
