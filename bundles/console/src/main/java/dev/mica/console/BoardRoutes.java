package dev.mica.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.mica.hal.AdcChannel;
import dev.mica.hal.GpioController;
import dev.mica.hal.GpioPin;
import dev.mica.hal.HalException;
import dev.mica.hal.HalProperties;
import dev.mica.hal.PwmChannel;

/**
 * The boards' hardware as the HAL services show it (the simulated board's among them): every
 * GPIO pin with its mode, pull and level, PWM and ADC channels. Read only: the console looks
 * at the pins, it does not drive them under a running app. The pictures of displays are
 * {@link DisplayRoutes}.
 */
final class BoardRoutes {
    private final BundleContext context;

    BoardRoutes(BundleContext context) {
        this.context = context;
    }

    /** The board's own route, then those of its displays ({@link DisplayRoutes}). */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET", "/board", Access.VIEWER,
                "The GPIO pins (mode, pull, level), PWM and ADC channels of every board's HAL services",
                Route.Body.NONE, List.of(), Route.Produces.JSON, call -> board()));
        routes.addAll(new DisplayRoutes(DisplayRoutes.services(context)).routes());
        return routes;
    }

    private Map<String, Object> board() throws InvalidSyntaxException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gpio", each(GpioController.class, this::gpio));
        out.put("pwm", each(PwmChannel.class, (pwm, properties) -> {
            properties.put("enabled", pwm.isEnabled());
            properties.put("frequency", pwm.frequency());
            properties.put("dutyU16", pwm.dutyU16());
        }));
        out.put("adc", each(AdcChannel.class, (adc, properties) -> {
            properties.put("referenceVolts", adc.referenceVolts());
            properties.put("u16", adc.readU16());
        }));
        return out;
    }

    private void gpio(GpioController controller, Map<String, Object> properties) {
        List<Map<String, Object>> pins = new ArrayList<>();
        for (int number : controller.pinNumbers()) {
            Map<String, Object> pin = new LinkedHashMap<>();
            pin.put("number", number);
            try {
                GpioPin gpioPin = controller.pin(number);
                pin.put("name", gpioPin.name());
                pin.put("mode", gpioPin.mode());
                pin.put("pull", gpioPin.pull());
                pin.put("value", gpioPin.read() ? 1 : 0);
            } catch (HalException e) {
                pin.put("error", e.getMessage());
            }
            pins.add(pin);
        }
        properties.put("pins", pins);
    }

    private interface Describer<S> {
        void describe(S service, Map<String, Object> properties);
    }

    private <S> List<Map<String, Object>> each(Class<S> type, Describer<S> describer) throws InvalidSyntaxException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceReference<S> reference : context.getServiceReferences(type, null)) {
            S service = context.getService(reference);
            if (service == null) {
                continue; // went away meanwhile
            }
            try {
                Map<String, Object> properties = new TreeMap<>();
                for (String key : List.of(HalProperties.BOARD, HalProperties.CONTROLLER, HalProperties.CHANNEL,
                        HalProperties.PIN)) {
                    Object value = reference.getProperty(key);
                    if (value != null) {
                        properties.put(key.substring("mica.".length()), value);
                    }
                }
                try {
                    describer.describe(service, properties);
                } catch (HalException | IllegalStateException e) {
                    properties.put("error", e.getMessage());
                }
                out.add(properties);
            } finally {
                context.ungetService(reference);
            }
        }
        return out;
    }
}
