package dev.mica.driver.pi4j;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import dev.mica.hal.GpioController;
import dev.mica.hal.HalProperties;
import dev.mica.hal.I2cBus;
import dev.mica.hal.PwmChannel;
import dev.mica.hal.SpiBus;
import dev.mica.hal.Uart;

/**
 * The Raspberry Pi board in OSGi: builds a {@link Pi4jBoard} from its configuration and
 * registers one HAL service per controller, bus and channel (their number follows the
 * configuration, so they are registered by hand). It starts only when configured, so that
 * installing the bundle never takes over a machine's GPIO unasked; a configuration change
 * restarts it, and stopping it closes the Pi4J context.
 */
@Component(configurationPid = Pi4jBoardComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Pi4jBoardComponent.class, immediate = true)
@Designate(ocd = Pi4jBoardConfig.class)
public final class Pi4jBoardComponent {
    static final String PID = "dev.mica.driver.pi4j";

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private BundleContext context;
    private Pi4jBoard board;

    @Activate
    synchronized void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        board = Pi4jBoard.create(properties);
        try {
            registerServices();
        } catch (RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        tearDown();
    }

    synchronized Pi4jBoard board() {
        return board;
    }

    private void registerServices() {
        String name = board.name();
        Pi4jGpioController gpio = board.gpioController();
        register(GpioController.class, gpio, Map.of(HalProperties.BOARD, name, HalProperties.CONTROLLER, "0",
                HalProperties.PIN_NAMES, gpio.pinNameProperty()));
        board.i2cBuses().forEach(bus -> register(I2cBus.class, bus, Map.of(HalProperties.BOARD, name, HalProperties.BUS, bus.id())));
        board.spiBuses().forEach(bus -> register(SpiBus.class, bus, Map.of(HalProperties.BOARD, name, HalProperties.BUS, bus.id())));
        board.uarts().forEach(uart -> register(Uart.class, uart, Map.of(HalProperties.BOARD, name, HalProperties.BUS, uart.id())));
        board.pwmChannels().forEach(pwm -> register(PwmChannel.class, pwm, Map.of(HalProperties.BOARD, name,
                HalProperties.CHANNEL, pwm.id(), HalProperties.PIN, pwm.pin())));
    }

    private <S> void register(Class<S> type, S service, Map<String, Object> properties) {
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        registrations.add(context.registerService(type, service, dictionary));
    }

    private void tearDown() {
        registrations.forEach(registration -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters everything itself when the bundle stops
            }
        });
        registrations.clear();
        if (board != null) {
            board.close();
            board = null;
        }
    }
}
