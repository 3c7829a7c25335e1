package dev.mica.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mica.hal.AdcChannel;
import dev.mica.hal.GpioController;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.HalProperties;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.Uart;

/**
 * The HAL services bound right now, with their service properties. Filled by Declarative
 * Services in the gateway (services come and go while apps run) or once from a standalone
 * board on the command line. Python objects keep only ids (bus "1", pin 5) and ask here on
 * every use, so that they outlive a driver swap; while nothing serves an id, the lookup
 * raises {@link HalException#ENODEV}, which the program sees as OSError(ENODEV).
 * Of several services with the same id, the one bound last wins.
 */
final class HalServices {
    private record Bound(Object service, Map<String, ?> properties) {}

    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    void add(Object service, Map<String, ?> properties) {
        bound.add(new Bound(Objects.requireNonNull(service), Map.copyOf(properties)));
    }

    void remove(Object service) {
        bound.removeIf(b -> b.service == service);
    }

    I2cBus i2c(String id) {
        return find(I2cBus.class, HalProperties.BUS, id, "I2C bus");
    }

    SpiBus spi(String id) {
        return find(SpiBus.class, HalProperties.BUS, id, "SPI bus");
    }

    Uart uart(String id) {
        return find(Uart.class, HalProperties.BUS, id, "UART");
    }

    GpioController gpio(String controller) {
        return find(GpioController.class, HalProperties.CONTROLLER, controller, "GPIO controller");
    }

    /** The GPIO pin {@code number} of {@code controller}. */
    GpioPin pin(String controller, int number) {
        return gpio(controller).pin(number);
    }

    /** The PWM channel on GPIO pin {@code pin}. */
    PwmChannel pwmOnPin(int pin) {
        return find(PwmChannel.class, HalProperties.PIN, pin, "PWM channel on pin");
    }

    /** The ADC channel on GPIO pin {@code pin}. */
    AdcChannel adcOnPin(int pin) {
        return find(AdcChannel.class, HalProperties.PIN, pin, "ADC channel on pin");
    }

    /** The ADC channel with id {@code channel}. */
    AdcChannel adcChannel(String channel) {
        return find(AdcChannel.class, HalProperties.CHANNEL, channel, "ADC channel");
    }

    boolean hasAdcChannel(String channel) {
        return lookup(AdcChannel.class, HalProperties.CHANNEL, channel) != null;
    }

    /**
     * Where a board names a pin: {controller id, pin number} from the controllers'
     * {@link HalProperties#PIN_NAMES}, or null when no bound controller knows the name.
     */
    String[] pinByName(String name) {
        for (int i = bound.size() - 1; i >= 0; i--) {
            Bound b = bound.get(i);
            if (b.service instanceof GpioController && b.properties.get(HalProperties.PIN_NAMES) instanceof String[] names) {
                for (String entry : names) {
                    int eq = entry.lastIndexOf('=');
                    if (eq > 0 && entry.substring(0, eq).equals(name)) {
                        return new String[] {String.valueOf(b.properties.get(HalProperties.CONTROLLER)), entry.substring(eq + 1)};
                    }
                }
            }
        }
        return null;
    }

    /** A board name for {@code unique_id}: the boards of the bound services, in binding order. */
    List<String> boards() {
        List<String> names = new ArrayList<>();
        for (Bound b : bound) {
            Object board = b.properties.get(HalProperties.BOARD);
            if (board != null && !names.contains(board.toString())) {
                names.add(board.toString());
            }
        }
        return names;
    }

    private <T> T find(Class<T> type, String key, Object id, String what) {
        T found = lookup(type, key, id);
        if (found == null) {
            throw new HalException(HalException.ENODEV, "no " + what + " " + id + " is bound");
        }
        return found;
    }

    private <T> T lookup(Class<T> type, String key, Object id) {
        for (int i = bound.size() - 1; i >= 0; i--) {
            Bound b = bound.get(i);
            if (type.isInstance(b.service) && id.toString().equals(String.valueOf(b.properties.get(key)))) {
                return type.cast(b.service);
            }
        }
        return null;
    }
}
